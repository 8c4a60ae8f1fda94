"""The city plan: 指針, 基本姿勢, 重点戦略 with measures and KPIs, 分野 and 分野別施策."""
from flask import Blueprint

bp = Blueprint("plan", __name__, cli_group=None)


def init_app(app):
    """Attach this package's views and commands, then register the blueprint. The imports are explicit (a missing
    module fails at start-up) and inside this function, so importing e.g. a model has no side effects."""
    from . import cli, kpi_routes, routes  # noqa: F401
    app.register_blueprint(bp, url_prefix="/plan")
