"""In-app notifications (and their e-mail copies through app.mail)."""
from flask import Blueprint

bp = Blueprint("notifications", __name__, cli_group=None)


def init_app(app):
    """Attach this package's views and commands, then register the blueprint. The imports are explicit (a missing
    module fails at start-up) and inside this function, so importing e.g. a model has no side effects."""
    from . import cli, routes  # noqa: F401
    app.register_blueprint(bp)
