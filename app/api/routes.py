"""Open-data endpoints: public, anonymised, read-only."""
from flask import jsonify

from app.api import bp
from app.plan.services import plan_json


@bp.after_request
def allow_cross_origin(response):
    # Open data: anyone may read it from a browser.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.route("/plan")
def plan():
    """The city plan: 指針, 基本姿勢, 重点戦略 with KPIs, 分野 and 分野別施策."""
    return jsonify(plan_json())
