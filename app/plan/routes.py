"""Plan pages: the whole hierarchy and one page per strategy."""
from flask import render_template
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.plan import bp
from app.plan.models import Field, Measure, Strategy
from app.plan.services import plan_tree


@bp.route("/")
def index():
    """指針, 基本姿勢, 重点戦略 and 分野別施策 on one page."""
    return render_template("plan/index.html", **plan_tree())


@bp.route("/strategies/<code>")
def strategy(code):
    """One 重点戦略 with its measures, 主な取組 and KPI tables."""
    item = db.first_or_404(
        db.select(Strategy).where(Strategy.code == code)
        .options(selectinload(Strategy.measures).selectinload(Measure.kpis), selectinload(Strategy.kpis))
    )
    strategies = db.session.execute(db.select(Strategy).order_by(Strategy.position)).scalars().all()
    return render_template("plan/strategy.html", strategy=item, strategies=strategies)


@bp.route("/fields/<code>")
def field(code):
    """One 分野 with its 分野別施策 and DX/GX initiatives."""
    item = db.first_or_404(db.select(Field).where(Field.code == code).options(selectinload(Field.policies)))
    return render_template("plan/field.html", field=item)
