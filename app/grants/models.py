"""Grant rounds, applications with budgets, reviews, decisions and activity reports (all money in integer yen)."""
from app.extensions import db
from app.util.time import utcnow

COURSES = {"intro": "入門コース", "development": "発展コース", "foundation": "組織基盤整備コース"}

# The real eligibility rules (seeds README): declared by the applicant, checked before submission.
DECLARATIONS = {
    "non_profit": "営利を目的としない団体です",
    "public_interest": "公益的な活動、または住民の福祉や地域課題に取り組む自治会等の活動を行います",
    "not_religious_political": "宗教活動・政治活動・選挙活動を主な目的としていません",
    "based_in_city": "平塚市内に活動の拠点があります",
    "mainly_citizens": "主に個人の市民で構成されています",
    "no_crime_ties": "団体も役員も、暴力団またはその構成員ではありません",
}
MIN_MEMBERS, MIN_CITIZENS = 5, 3

APPLICATION_STATES = {
    "draft": "下書き", "submitted": "提出済み（審査待ち）", "returned": "差し戻し（修正してください）",
    "awarded": "採択", "rejected": "不採択",
}


class GrantRound(db.Model):
    __tablename__ = "grant_rounds"

    id = db.Column(db.Integer, primary_key=True)
    fiscal_year = db.Column(db.Integer, nullable=False)
    course = db.Column(db.String(12), nullable=False)
    title = db.Column(db.String(120), nullable=False)
    opens_at = db.Column(db.DateTime, nullable=False)  # UTC of 00:00 JST on the opening day (inclusive)
    closes_at = db.Column(db.DateTime, nullable=False)  # UTC of 23:59:59 JST on the closing day (inclusive)
    max_amount = db.Column(db.Integer, nullable=False)  # yen per application
    subsidy_rate = db.Column(db.Integer, nullable=False)  # % of the eligible expenses
    total_budget = db.Column(db.Integer, nullable=False)  # yen
    guidelines = db.Column(db.Text, nullable=False, default="")
    results_published_at = db.Column(db.DateTime, nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    criteria = db.relationship("Criterion", order_by="Criterion.position", cascade="all, delete-orphan")

    __table_args__ = (
        db.UniqueConstraint("fiscal_year", "course", name="uq_grant_rounds_year_course"),
        db.CheckConstraint("subsidy_rate BETWEEN 1 AND 100", name="rate_percent"),
        db.CheckConstraint("max_amount > 0 AND total_budget > 0", name="amounts_positive"),
        db.CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
    )

    @property
    def course_label(self):
        return COURSES.get(self.course, self.course)

    def state(self, now):
        if self.results_published_at:
            return "results"
        if now < self.opens_at:
            return "upcoming"
        if now <= self.closes_at:
            return "open"
        return "reviewing"


ROUND_STATES = {"upcoming": "募集前", "open": "募集中", "reviewing": "審査中", "results": "結果公表"}


class Criterion(db.Model):
    __tablename__ = "grant_criteria"

    id = db.Column(db.Integer, primary_key=True)
    round_id = db.Column(db.ForeignKey("grant_rounds.id", ondelete="CASCADE"), nullable=False, index=True)
    name = db.Column(db.String(100), nullable=False)
    weight = db.Column(db.Integer, nullable=False, default=1)
    position = db.Column(db.Integer, nullable=False, default=0)


class GrantApplication(db.Model):
    __tablename__ = "grant_applications"

    id = db.Column(db.Integer, primary_key=True)
    round_id = db.Column(db.ForeignKey("grant_rounds.id"), nullable=False, index=True)
    group_id = db.Column(db.ForeignKey("groups.id"), nullable=False, index=True)
    initiative_id = db.Column(db.ForeignKey("initiatives.id"), nullable=True)
    created_by_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    status = db.Column(db.String(10), nullable=False, default="draft")
    title = db.Column(db.String(120), nullable=False, default="")
    purpose = db.Column(db.Text, nullable=False, default="")
    activities = db.Column(db.Text, nullable=False, default="")
    schedule = db.Column(db.Text, nullable=False, default="")
    outcomes = db.Column(db.Text, nullable=False, default="")
    partners = db.Column(db.Text, nullable=False, default="")
    declarations = db.Column(db.JSON, nullable=False, default=dict)
    member_count = db.Column(db.Integer, nullable=False, default=0)
    citizen_member_count = db.Column(db.Integer, nullable=False, default=0)
    rules_document_id = db.Column(db.ForeignKey("documents.id"), nullable=True)
    other_income = db.Column(db.Integer, nullable=False, default=0)
    requested_amount = db.Column(db.Integer, nullable=False, default=0)
    submitted_at = db.Column(db.DateTime, nullable=True)
    return_message = db.Column(db.Text, nullable=False, default="")
    decided_at = db.Column(db.DateTime, nullable=True)
    awarded_amount = db.Column(db.Integer, nullable=True)
    decision_message = db.Column(db.Text, nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    round = db.relationship("GrantRound")
    group = db.relationship("Group")
    initiative = db.relationship("Initiative")
    rules_document = db.relationship("Document")
    lines = db.relationship("BudgetLine", order_by="BudgetLine.position", cascade="all, delete-orphan")
    issues = db.relationship("Issue", secondary="grant_application_issues")
    tags = db.relationship("ApplicationTag", cascade="all, delete-orphan", order_by="ApplicationTag.code")

    __table_args__ = (
        db.CheckConstraint("requested_amount >= 0 AND other_income >= 0", name="money_not_negative"),
        db.CheckConstraint("awarded_amount IS NULL OR (awarded_amount >= 0 AND awarded_amount <= requested_amount)",
                           name="award_within_request"),
    )

    @property
    def status_label(self):
        return APPLICATION_STATES.get(self.status, self.status)

    @property
    def total_expenses(self):
        return sum(line.amount for line in self.lines)

    @property
    def eligible_expenses(self):
        return sum(line.amount for line in self.lines if line.eligible)

    @property
    def codes(self):
        return [t.code for t in self.tags]


class BudgetLine(db.Model):
    __tablename__ = "grant_budget_lines"

    id = db.Column(db.Integer, primary_key=True)
    application_id = db.Column(db.ForeignKey("grant_applications.id", ondelete="CASCADE"), nullable=False, index=True)
    category = db.Column(db.String(40), nullable=False)  # 費目
    description = db.Column(db.String(200), nullable=False, default="")  # 内容
    amount = db.Column(db.Integer, nullable=False)  # yen
    eligible = db.Column(db.Boolean, nullable=False, default=True)  # counts toward the subsidy
    position = db.Column(db.Integer, nullable=False, default=0)

    __table_args__ = (db.CheckConstraint("amount >= 0", name="amount_not_negative"),)


grant_application_issues = db.Table(
    "grant_application_issues",
    db.Column("application_id", db.ForeignKey("grant_applications.id", ondelete="CASCADE"), primary_key=True),
    db.Column("issue_id", db.ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True),
)


class ApplicationTag(db.Model):
    __tablename__ = "grant_application_tags"

    application_id = db.Column(db.ForeignKey("grant_applications.id", ondelete="CASCADE"), primary_key=True)
    code = db.Column(db.String(8), primary_key=True)


class Review(db.Model):
    """One reviewer's review of one application (assigned by staff)."""

    __tablename__ = "grant_reviews"

    id = db.Column(db.Integer, primary_key=True)
    application_id = db.Column(db.ForeignKey("grant_applications.id", ondelete="CASCADE"), nullable=False)
    reviewer_id = db.Column(db.ForeignKey("users.id"), nullable=False, index=True)
    conflict = db.Column(db.Boolean, nullable=True)  # None: not yet declared
    conflict_note = db.Column(db.String(300), nullable=False, default="")
    comment = db.Column(db.Text, nullable=False, default="")
    submitted_at = db.Column(db.DateTime, nullable=True)
    assigned_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    application = db.relationship("GrantApplication")
    reviewer = db.relationship("User")
    scores = db.relationship("Score", cascade="all, delete-orphan")

    __table_args__ = (db.UniqueConstraint("application_id", "reviewer_id", name="uq_reviews_application_reviewer"),)


class Score(db.Model):
    __tablename__ = "grant_scores"

    review_id = db.Column(db.ForeignKey("grant_reviews.id", ondelete="CASCADE"), primary_key=True)
    criterion_id = db.Column(db.ForeignKey("grant_criteria.id", ondelete="CASCADE"), primary_key=True)
    score = db.Column(db.Integer, nullable=False)
    comment = db.Column(db.String(1000), nullable=False, default="")

    __table_args__ = (db.CheckConstraint("score BETWEEN 1 AND 5", name="score_1_to_5"),)


class GrantReport(db.Model):
    """実績報告 after an award; staff approve or return it."""

    __tablename__ = "grant_reports"

    id = db.Column(db.Integer, primary_key=True)
    application_id = db.Column(db.ForeignKey("grant_applications.id"), nullable=False, unique=True)
    status = db.Column(db.String(10), nullable=False, default="draft")  # draft | submitted | returned | approved
    activities = db.Column(db.Text, nullable=False, default="")
    participants = db.Column(db.Integer, nullable=False, default=0)
    outcomes = db.Column(db.Text, nullable=False, default="")
    lessons = db.Column(db.Text, nullable=False, default="")  # what they would do differently
    staff_message = db.Column(db.Text, nullable=False, default="")
    submitted_at = db.Column(db.DateTime, nullable=True)
    approved_at = db.Column(db.DateTime, nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    application = db.relationship("GrantApplication")
    lines = db.relationship("ReportLine", order_by="ReportLine.position", cascade="all, delete-orphan")

    @property
    def total_spent(self):
        return sum(line.amount for line in self.lines)


class ReportLine(db.Model):
    __tablename__ = "grant_report_lines"

    id = db.Column(db.Integer, primary_key=True)
    report_id = db.Column(db.ForeignKey("grant_reports.id", ondelete="CASCADE"), nullable=False, index=True)
    category = db.Column(db.String(40), nullable=False)
    description = db.Column(db.String(200), nullable=False, default="")
    amount = db.Column(db.Integer, nullable=False)
    receipt_document_id = db.Column(db.ForeignKey("documents.id"), nullable=True)
    position = db.Column(db.Integer, nullable=False, default=0)

    receipt = db.relationship("Document")

    __table_args__ = (db.CheckConstraint("amount >= 0", name="amount_not_negative"),)
