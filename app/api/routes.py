"""Open-data endpoints: public, anonymised, read-only."""
from flask import abort, jsonify, url_for

from app.api import bp
from app.extensions import db
from app.util.http import int_arg
from app.util.pagination import paginate
from app.workshops.models import Workshop
from app.issues import queries
from app.issues.feeds import public_row
from app.plan.services import plan_json
from app.util.time import to_jst


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


def _workshop_json(w, with_outputs=False):
    data = {"id": w.id, "title": w.title, "center": w.center.name,
            "starts_at": to_jst(w.starts_at).isoformat(timespec="minutes"),
            "ends_at": to_jst(w.ends_at).isoformat(timespec="minutes"), "place": w.place, "capacity": w.capacity,
            "participants": w.participants, "issues": [i.id for i in w.issues],
            "report_published": w.is_published, "url": url_for("workshops.detail", workshop_id=w.id, _external=True)}
    if with_outputs:
        data["outputs"] = [{"id": o.id, "kind": o.kind, "text": o.text, "group": o.group_label, "tags": o.codes,
                            "supports": o.vote_count} for o in w.outputs] if w.is_published else []
    return data


@bp.route("/workshops")
def workshops():
    """Workshops, newest first (page of 50)."""
    page = paginate(db.select(Workshop).order_by(Workshop.starts_at.desc()), int_arg("page"), per_page=50)
    return jsonify({"items": [_workshop_json(w) for w in page.items], "page": page.page, "pages": page.pages,
                    "total": page.total})


@bp.route("/workshops/<int:workshop_id>")
def workshop(workshop_id):
    """One workshop with its outputs and their plan tags (once the report is published)."""
    w = db.session.get(Workshop, workshop_id) or abort(404)
    return jsonify(_workshop_json(w, with_outputs=True))
