"""Statistics pages: public aggregates (small counts suppressed) and the staff page with response times."""
from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from app.permissions import can_view_staff_stats, permission_required
from app.plan.services import plan_tree
from app.stats import bp, measures, participation, response
from app.stats.suppress import THRESHOLD, suppress_table

METRIC_LABELS = {"issues": _l("地域課題"), "supports": _l("共感"), "comments": _l("コメント"),
                 "participants": _l("ワークショップ参加者"), "grants": _l("補助金（採択）"), "cases": _l("まちづくり事例")}
PLAN_METRICS = ("issues", "supports", "comments", "participants", "grants", "cases")


@bp.app_template_global()
def kpi_platform_figures(link):
    """The platform's own figure for a KPI link, per fiscal year (shown beside the official actuals)."""
    return measures.figures(link.measure, link.center_id)


def _plan_rows(counts):
    tree = plan_tree()
    groups = [
        (_l("まちづくりの指針"), [(g.code, g.title) for g in tree["guidelines"]]),
        (_l("重点戦略"), [(s.code, s.title) for s in tree["strategies"]]),
        (_l("分野別施策"), [(p.code, f"{p.number} {p.title}") for f in tree["fields"] for p in f.policies]),
    ]
    return [(title, *suppress_table([(code, f"{code} {label}", counts.get(code, {})) for code, label in items],
                                    PLAN_METRICS)) for title, items in groups]


def _tables():
    metrics = participation.METRICS
    return {
        "district": suppress_table(participation.by_district(), metrics),
        "year": suppress_table(participation.by_fiscal_year(), metrics),
        "age": suppress_table(participation.by_age_band(), metrics),
        "plan": _plan_rows(participation.by_plan_item()),
        "metrics": metrics, "plan_metrics": PLAN_METRICS, "labels": METRIC_LABELS, "threshold": THRESHOLD,
    }


@bp.route("/stats")
def public():
    """Participation in numbers, for everyone: aggregates only, counts below 5 not shown."""
    return render_template("stats/public.html", **_tables())


@bp.route("/stats/staff")
@login_required
@permission_required(can_view_staff_stats)
def staff():
    """Staff and facilitators: the same aggregates plus response times per 公民館 and referrals."""
    return render_template("stats/staff.html", response=response.per_center(), **_tables())
