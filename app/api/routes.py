"""Open-data endpoints: public, anonymised, read-only."""
from flask import abort, jsonify

from app.api import bp
from app.issues import queries
from app.issues.feeds import public_row
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


@bp.route("/issues")
def issues():
    """Issues with q, center, status, tag, theme, sort, page (20 a page)."""
    f = queries.IssueFilters.from_request()
    page = queries.list_issues(f)
    return jsonify({"items": [public_row(i) for i in page.items], "page": page.page, "pages": page.pages,
                    "total": page.total})


@bp.route("/issues/<int:issue_id>")
def issue(issue_id):
    """One issue with its rendered body and location; hidden or unknown issues are 404."""
    item = queries.get_issue(issue_id)
    if item is None or item.is_hidden:
        abort(404)
    data = public_row(item)
    data["body_html"] = item.body_html
    data["location"] = {"lat": item.lat, "lng": item.lng} if item.lat is not None else None
    data["history"] = [{"status": h.to_status, "note": h.note, "at": h.created_at.isoformat() + "Z"}
                       for h in item.history]
    return jsonify(data)
