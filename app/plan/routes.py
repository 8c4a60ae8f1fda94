"""Plan pages: the whole hierarchy and one page per strategy."""
import re

from flask import abort, render_template
from sqlalchemy.orm import selectinload

from app.centers.services import active_centers
from app.extensions import db
from app import coverage as cov
from app.plan import actuals, bp
from app.plan.charts import kpi_chart
from app.plan.models import Field, Measure, Strategy
from app.plan.services import plan_labels, plan_tree
from app.util.http import int_arg, str_arg
from app.util.time import to_jst, utcnow


@bp.route("/")
def index():
    """指針, 基本姿勢, 重点戦略 and 分野別施策 on one page."""
    return render_template("plan/index.html", **plan_tree())


def _plan_code(code):
    """Plan codes are short ASCII (S1, F3); anything else cannot exist."""
    if not re.fullmatch(r"[A-Z][0-9](-[0-9])?", code):
        abort(404)
    return code


@bp.route("/strategies/<code>")
def strategy(code):
    """One 重点戦略 with its measures, 主な取組 and KPI tables."""
    _plan_code(code)
    item = db.first_or_404(
        db.select(Strategy).where(Strategy.code == code)
        .options(selectinload(Strategy.measures).selectinload(Measure.kpis), selectinload(Strategy.kpis))
    )
    strategies = db.session.execute(db.select(Strategy).order_by(Strategy.position)).scalars().all()
    kpis = list(item.kpis) + [k for m in item.measures for k in m.kpis]
    codes = [k.code for k in kpis]
    current, links = actuals.current_by_kpi(codes), actuals.links_by_kpi(codes)
    charts = {k.code: kpi_chart(k, current.get(k.code, [])) for k in kpis}
    return render_template("plan/strategy.html", strategy=item, strategies=strategies, actuals=current, links=links,
                           charts=charts, measures=actuals.PLATFORM_MEASURES)


@bp.route("/fields/<code>")
def field(code):
    """One 分野 with its 分野別施策 and DX/GX initiatives."""
    _plan_code(code)
    item = db.first_or_404(db.select(Field).where(Field.code == code).options(selectinload(Field.policies)))
    return render_template("plan/field.html", field=item)


@bp.route("/coverage")
def coverage():
    """Which parts of the plan residents are working on: 指針 × 重点戦略, and 分野別施策, by district and year."""
    center_id, fy = int_arg("center", 0, 0), int_arg("fy", 0, 0, 2100)
    cells, policies = cov.matrix(center_id or None, fy or None)
    return render_template("plan/coverage.html", cells=cells, policies=policies, none=cov.NONE,
                           center_id=center_id, fy=fy, centers=active_centers(), years=_fiscal_years(), **plan_tree())


def _fiscal_years():
    now = to_jst(utcnow())
    current = now.year if now.month >= 4 else now.year - 1
    return list(range(current, current - 6, -1))


@bp.route("/coverage/items")
def coverage_items():
    """The issues, outputs or initiatives behind one cell of the coverage matrix."""
    kind = str_arg("kind", 12)
    if kind not in ("issues", "outputs", "initiatives"):
        abort(404)
    g, s, p = (str_arg(k, 8).upper() for k in ("g", "s", "p"))
    if (g and not re.fullmatch(r"G[1-5]", g)) or (s and s != cov.NONE and not re.fullmatch(r"S[1-4]", s)) \
            or (p and not re.fullmatch(r"P[1-5]-[1-7]", p)):
        abort(404)
    center_id, fy = int_arg("center", 0, 0), int_arg("fy", 0, 0, 2100)
    found = cov.items(kind, g=g or None, s=s or None, p=p or None, center_id=center_id or None, fy=fy or None)
    return render_template("plan/coverage_items.html", kind=kind, items=found, g=g, s=s, p=p,
                           labels=plan_labels([c for c in (g, s, p) if c and c != cov.NONE]))
