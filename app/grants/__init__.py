"""市民活動推進補助金 (funded by the 協働のまちづくり基金): rounds, applications, review, award, reports."""
from flask import Blueprint

bp = Blueprint("grants", __name__)


def init_app(app):
    """Attach this package's views and commands, then register the blueprint. The imports are explicit (a missing
    module fails at start-up) and inside this function, so importing e.g. a model has no side effects."""
    from . import application_routes, review_routes, routes, staff_routes  # noqa: F401
    app.register_blueprint(bp)
