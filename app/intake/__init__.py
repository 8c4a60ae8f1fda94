"""代理受付 (staff-assisted intake): counter, phone, paper and workshop reports, receipts, claim codes."""
from flask import Blueprint

bp = Blueprint("intake", __name__)


def init_app(app):
    """Attach the views and register the blueprint."""
    from app.intake import routes  # noqa: F401  (attaches the views)
    from app.centers.models import byline

    app.register_blueprint(bp)
    app.add_template_global(byline, "intake_byline")
