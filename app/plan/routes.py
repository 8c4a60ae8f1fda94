"""Plan pages: the whole hierarchy and one page per strategy."""
import re

from flask import abort, render_template
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.plan import bp
from app.plan.models import Field, Measure, Strategy
from app.plan.services import plan_tree


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
    return render_template("plan/strategy.html", strategy=item, strategies=strategies)


@bp.route("/fields/<code>")
def field(code):
    """One 分野 with its 分野別施策 and DX/GX initiatives."""
    _plan_code(code)
    item = db.first_or_404(db.select(Field).where(Field.code == code).options(selectinload(Field.policies)))
    return render_template("plan/field.html", field=item)
