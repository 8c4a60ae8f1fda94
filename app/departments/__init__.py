"""担当課 (city departments): data staff maintain — name, contact page, what they handle — and their staff."""
from flask import Blueprint

bp = Blueprint("departments", __name__)


def init_app(app):
    """Attach this package's views and commands, then register the blueprint. The imports are explicit (a missing
    module fails at start-up) and inside this function, so importing e.g. a model has no side effects."""
    from . import routes  # noqa: F401
    app.register_blueprint(bp)
