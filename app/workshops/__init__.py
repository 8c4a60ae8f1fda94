"""Workshops at the 公民館: sign-ups, recorded outputs tagged to the plan, reports and initiatives."""
from flask import Blueprint

bp = Blueprint("workshops", __name__)


def init_app(app):
    """Attach this package's views and commands, then register the blueprint. The imports are explicit (a missing
    module fails at start-up) and inside this function, so importing e.g. a model has no side effects."""
    from . import output_routes, reminders, routes  # noqa: F401
    reminders.register_attachments()
    app.cli.add_command(reminders.send_reminders_command)
    app.register_blueprint(bp)
