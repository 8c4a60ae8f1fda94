"""Local issues (地域課題): post, find, discuss, support."""
from flask import Blueprint

bp = Blueprint("issues", __name__)


def init_app(app):
    """Attach this package's views and commands, then register the blueprint. The imports are explicit (a missing
    module fails at start-up) and inside this function, so importing e.g. a model has no side effects."""
    from . import feeds, interactions, routes  # noqa: F401
    app.register_blueprint(bp)
