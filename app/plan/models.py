"""Plan entities are keyed by their plan code (G1, S2-3, P3-3 …) so tags elsewhere stay stable."""
from app.extensions import db
from app.util.time import utcnow


class Guideline(db.Model):
    """まちづくりの指針 (G1–G5)."""

    __tablename__ = "plan_guidelines"
    code = db.Column(db.String(8), primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    position = db.Column(db.Integer, nullable=False, default=0)


class Stance(db.Model):
    """まちづくりの基本姿勢 (B1–B5)."""

    __tablename__ = "plan_stances"
    code = db.Column(db.String(8), primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    summary = db.Column(db.Text, nullable=False, default="")  # 概要版's one-paragraph version
    position = db.Column(db.Integer, nullable=False, default=0)


class Strategy(db.Model):
    """重点戦略 (S1–S4)."""

    __tablename__ = "plan_strategies"
    code = db.Column(db.String(8), primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    direction = db.Column(db.Text, nullable=False, default="")
    position = db.Column(db.Integer, nullable=False, default=0)

    measures = db.relationship("Measure", back_populates="strategy", order_by="Measure.position")
    kpis = db.relationship("Kpi", primaryjoin="and_(Kpi.strategy_code == Strategy.code, Kpi.measure_code.is_(None))",
                           order_by="Kpi.position", viewonly=True)


class Measure(db.Model):
    """A 重点戦略's measure （１）…（３） (S1-1 … S4-3)."""

    __tablename__ = "plan_measures"
    code = db.Column(db.String(8), primary_key=True)
    strategy_code = db.Column(db.ForeignKey("plan_strategies.code"), nullable=False)
    title = db.Column(db.String(200), nullable=False)
    direction = db.Column(db.Text, nullable=False, default="")
    direction_notes = db.Column(db.JSON, nullable=False, default=list)  # ※ footnotes of direction
    initiatives = db.Column(db.JSON, nullable=False, default=list)  # 主な取組
    initiative_notes = db.Column(db.JSON, nullable=False, default=list)
    featured_initiative = db.Column(db.String(200), nullable=False, default="")  # the one 概要版 shows
    position = db.Column(db.Integer, nullable=False, default=0)

    strategy = db.relationship("Strategy", back_populates="measures")
    kpis = db.relationship("Kpi", order_by="Kpi.position", viewonly=True,
                           primaryjoin="Kpi.measure_code == Measure.code")


class Kpi(db.Model):
    """A 数値目標 of a strategy or KPI of a measure, values exactly as the plan writes them."""

    __tablename__ = "plan_kpis"
    code = db.Column(db.String(16), primary_key=True)  # S1-K1, S1-1-K2 …
    strategy_code = db.Column(db.ForeignKey("plan_strategies.code"), nullable=False)
    measure_code = db.Column(db.ForeignKey("plan_measures.code"), nullable=True)
    name = db.Column(db.String(300), nullable=False)
    unit = db.Column(db.String(40), nullable=False, default="")
    baseline = db.Column(db.String(60), nullable=False, default="")
    baseline_year = db.Column(db.String(40), nullable=False, default="")
    target_2027 = db.Column(db.String(60), nullable=False, default="")
    target_2031 = db.Column(db.String(60), nullable=False, default="")
    note = db.Column(db.Text, nullable=False, default="")
    breakdown = db.Column(db.JSON, nullable=False, default=list)  # 小学校/中学校 rows
    position = db.Column(db.Integer, nullable=False, default=0)


class Field(db.Model):
    """分野 (F1–F5)."""

    __tablename__ = "plan_fields"
    code = db.Column(db.String(8), primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    guideline_code = db.Column(db.ForeignKey("plan_guidelines.code"), nullable=True)
    position = db.Column(db.Integer, nullable=False, default=0)

    policies = db.relationship("Policy", back_populates="field", order_by="Policy.position")
    guideline = db.relationship("Guideline")


class Policy(db.Model):
    """分野別施策 (P1-1 … P5-7), with its DX/GX main initiatives."""

    __tablename__ = "plan_policies"
    code = db.Column(db.String(8), primary_key=True)
    field_code = db.Column(db.ForeignKey("plan_fields.code"), nullable=False)
    number = db.Column(db.String(8), nullable=False)  # 1-① as printed
    title = db.Column(db.String(200), nullable=False)
    # デジタル化・脱炭素化の主な取組: one text, as the 概要版 prints it.
    dx_gx = db.Column(db.String(200), nullable=False, default="")
    position = db.Column(db.Integer, nullable=False, default=0)

    field = db.relationship("Field", back_populates="policies")


class PlanText(db.Model):
    """Vision statements and other short texts of the plan, with their source document."""

    __tablename__ = "plan_texts"
    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(db.String(20), nullable=False)  # vision
    text = db.Column(db.Text, nullable=False)
    extra = db.Column(db.JSON, nullable=False, default=dict)  # label, subtitle, description, note, elements
    source = db.Column(db.String(100), nullable=False, default="")
    position = db.Column(db.Integer, nullable=False, default=0)


class KpiActual(db.Model):
    """An actual value of a KPI for one fiscal year, as staff recorded it.

    Rows are never changed: a correction is a new row that `replaces` the old one, so the history of
    every figure stays (who, when, why). The current value is the row no other row replaces.
    """

    __tablename__ = "plan_kpi_actuals"
    id = db.Column(db.Integer, primary_key=True)
    kpi_code = db.Column(db.ForeignKey("plan_kpis.code"), nullable=False, index=True)
    fiscal_year = db.Column(db.Integer, nullable=False)
    segment = db.Column(db.String(20), nullable=False, default="")  # 小学校 / 中学校 for KPIs printed that way
    value = db.Column(db.String(60), nullable=False)  # as entered ("1,120", "97.5")
    value_number = db.Column(db.Float, nullable=True)  # the same as a number, for the chart
    as_of = db.Column(db.Date, nullable=False)  # 時点
    source_note = db.Column(db.String(300), nullable=False, default="")  # 出典
    entered_by_id = db.Column(db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    replaces_id = db.Column(db.ForeignKey("plan_kpi_actuals.id"), nullable=True, unique=True)
    correction_reason = db.Column(db.String(300), nullable=False, default="")
    is_sample = db.Column(db.Boolean, nullable=False, default=False)  # demo data: not a real figure

    kpi = db.relationship("Kpi")
    entered_by = db.relationship("User")
    replaces = db.relationship("KpiActual", remote_side=[id])

    __table_args__ = (db.CheckConstraint("fiscal_year BETWEEN 2000 AND 2100", name="fiscal_year_range"),)


class KpiLink(db.Model):
    """A KPI linked to a figure the platform itself produces, shown beside the official one as a reference."""

    __tablename__ = "plan_kpi_links"
    kpi_code = db.Column(db.ForeignKey("plan_kpis.code"), primary_key=True)
    measure = db.Column(db.String(30), nullable=False)  # a key of app.plan.actuals.PLATFORM_MEASURES
    center_id = db.Column(db.ForeignKey("centers.id", ondelete="SET NULL"), nullable=True)  # one district, or all
    linked_by_id = db.Column(db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    is_sample = db.Column(db.Boolean, nullable=False, default=False)

    kpi = db.relationship("Kpi")
    center = db.relationship("Center")
