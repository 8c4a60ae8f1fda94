"""Open-data endpoints: public, anonymised, read-only."""
from flask import abort, jsonify, request, url_for

from app.api import bp
from app.cases.models import CaseStudy
from app.extensions import db
from app.grants.routes import awarded
from app.issues import queries
from app.issues.feeds import public_row
from app.permissions import is_published_issue
from app.plan import actuals as kpi_actuals
from app.plan.models import Kpi
from app.plan.services import plan_json
from app.stats.measures import figures as platform_figures
from app.util.export import csv_response
from app.util.http import int_arg
from app.util.pagination import paginate
from app.util.time import to_jst
from app.workshops.models import Workshop


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


def _actual_json(a):
    return {"fiscal_year": a.fiscal_year, "segment": a.segment or None, "value": a.value, "value_number": a.value_number,
            "as_of": a.as_of.isoformat(), "source_note": a.source_note, "corrected": a.replaces_id is not None,
            "sample": a.is_sample}


@bp.route("/plan/kpis")
def plan_kpis():
    """Every KPI with the plan's baseline and targets, the recorded actuals, and any linked platform figure.

    ?format=csv gives one row per actual value (a KPI without actuals gets one row with empty actual columns)."""
    kpis = db.session.execute(db.select(Kpi).order_by(Kpi.strategy_code, Kpi.measure_code.is_not(None), Kpi.measure_code,
                                                      Kpi.position)).scalars().all()
    current, links = kpi_actuals.current_by_kpi(), kpi_actuals.links_by_kpi()
    items = []
    for k in kpis:
        link = links.get(k.code)
        items.append({"code": k.code, "strategy": k.strategy_code, "measure": k.measure_code, "name": k.name,
                      "unit": k.unit, "baseline": k.baseline, "target_2027": k.target_2027, "target_2031": k.target_2031,
                      "note": k.note, "breakdown": k.breakdown, "actuals": [_actual_json(a) for a in current.get(k.code, [])],
                      "platform_figure": {"measure": link.measure, "label": str(kpi_actuals.PLATFORM_MEASURES[link.measure]),
                                          "district": link.center.district if link.center else None,
                                          "official": False, "sample": link.is_sample,
                                          "by_fiscal_year": [{"fiscal_year": fy, "value": n}
                                                             for fy, n in platform_figures(link.measure, link.center_id)]}
                      if link else None})
    if request.args.get("format") == "csv":
        fields = ["code", "name", "unit", "baseline", "target_2027", "target_2031", "fiscal_year", "segment", "value",
                  "as_of", "source_note", "corrected", "sample"]
        rows = [{**{f: item[f] for f in fields[:6]}, **a} for item in items for a in (item["actuals"] or [{}])]
        return csv_response(rows, fields, "hiratsuka-plan-kpis.csv")
    return jsonify({"items": items, "total": len(items)})


@bp.route("/issues")
def issues():
    """Issues with q, center, status, tag, theme, sort, page (20 a page); with q, matches are marked."""
    f = queries.IssueFilters.from_request()
    page = queries.list_issues(f)
    hits = getattr(page, "hits", {})
    items = [dict(public_row(i), **({"title_html": str(hits[i.id][0]), "snippet_html": str(hits[i.id][1])}
                                    if i.id in hits else {})) for i in page.items]
    return jsonify({"items": items, "page": page.page, "pages": page.pages,
                    "total": page.total, "total_is_lower_bound": page.capped})


@bp.route("/issues/<int:issue_id>")
def issue(issue_id):
    """One published issue with its rendered body and location; unknown or unpublished issues are 404.

    Open data is answered as to the public, whoever asks: the response may sit in shared caches."""
    item = queries.get_issue(issue_id)
    if item is None or not is_published_issue(item):
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
            "participants": w.participants, "issues": [i.id for i in w.issues if is_published_issue(i)],
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


@bp.route("/cases")
def cases():
    """Published case studies (みんなのまちづくり事例); ?format=csv for a spreadsheet."""
    items = db.session.execute(db.select(CaseStudy).where(CaseStudy.published_at.is_not(None))
                               .order_by(CaseStudy.fiscal_year.desc(), CaseStudy.id.desc())).scalars().all()
    rows = [{"id": c.id, "title": c.title, "group": c.group_name, "fiscal_year": c.fiscal_year,
             "center": c.center.name if c.center else None, "problem": c.problem, "activities": c.activities,
             "outcomes": c.outcomes, "tags": c.codes, "issues": [i.id for i in c.issues if is_published_issue(i)],
             "url": url_for("cases.detail", case_id=c.id, _external=True)} for c in items]
    if request.args.get("format") == "csv":
        return csv_response(rows, ["id", "title", "group", "fiscal_year", "center", "tags", "url"], "hiratsuka-cases.csv")
    return jsonify({"items": rows, "total": len(rows)})


@bp.route("/grants/awards")
def grant_awards():
    """Published awards with amounts (integer yen); ?format=csv for a spreadsheet."""
    rows = [{"id": a.id, "fiscal_year": a.round.fiscal_year, "course": a.round.course_label, "group": a.group.name,
             "title": a.title, "awarded_amount": a.awarded_amount,
             "decided_at": to_jst(a.decided_at).date().isoformat() if a.decided_at else None} for a in awarded()]
    if request.args.get("format") == "csv":
        return csv_response(rows, list(rows[0]) if rows else ["id"], "hiratsuka-grant-awards.csv")
    return jsonify({"items": rows, "total": len(rows)})
