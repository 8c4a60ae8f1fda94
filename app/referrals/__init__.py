"""担当課 routing: a facilitator refers an issue to a department, which answers in its own name."""
from flask import Blueprint

bp = Blueprint("referrals", __name__)


def init_app(app):
    """Attach this package's views and commands, then register the blueprint. The imports are explicit (a missing
    module fails at start-up) and inside this function, so importing e.g. a model has no side effects."""
    from . import routes  # noqa: F401
    app.register_blueprint(bp)
