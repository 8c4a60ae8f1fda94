"""Workshops at the 公民館: sign-ups, recorded outputs tagged to the plan, reports and initiatives."""
from flask import Blueprint

bp = Blueprint("workshops", __name__)


def init_app(app):
    """Attach this package's views and commands, then register the blueprint. The imports are explicit (a missing
    module fails at start-up) and inside this function, so importing e.g. a model has no side effects."""
    from . import output_routes, routes  # noqa: F401
    app.register_blueprint(bp)
