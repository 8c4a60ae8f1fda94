"""A case study of funded (or past) community work, tagged to the plan and linked to issues."""
from app.extensions import db
from app.util.time import utcnow


class CaseStudy(db.Model):
    __tablename__ = "case_studies"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120), nullable=False)
    group_id = db.Column(db.ForeignKey("groups.id"), nullable=True, index=True)
    group_name = db.Column(db.String(100), nullable=False)  # as published (past years may have no registered group)
    fiscal_year = db.Column(db.Integer, nullable=False, index=True)
    center_id = db.Column(db.ForeignKey("centers.id"), nullable=True, index=True)
    problem = db.Column(db.Text, nullable=False)  # まちの困りごと
    activities = db.Column(db.Text, nullable=False)  # what they did
    outcomes = db.Column(db.Text, nullable=False)
    application_id = db.Column(db.ForeignKey("grant_applications.id"), nullable=True, unique=True)
    consent_recorded_at = db.Column(db.DateTime, nullable=True)
    consent_note = db.Column(db.String(300), nullable=False, default="")
    published_at = db.Column(db.DateTime, nullable=True)
    created_by_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    group = db.relationship("Group")
    center = db.relationship("Center")
    application = db.relationship("GrantApplication")
    tags = db.relationship("CaseTag", cascade="all, delete-orphan", order_by="CaseTag.code")
    issues = db.relationship("Issue", secondary="case_issues")

    @property
    def codes(self):
        return [t.code for t in self.tags]

    @property
    def text(self):
        return f"{self.title}\n{self.problem}\n{self.activities}"


class CaseTag(db.Model):
    __tablename__ = "case_tags"

    case_id = db.Column(db.ForeignKey("case_studies.id", ondelete="CASCADE"), primary_key=True)
    code = db.Column(db.String(8), primary_key=True)


case_issues = db.Table(
    "case_issues",
    db.Column("case_id", db.ForeignKey("case_studies.id", ondelete="CASCADE"), primary_key=True),
    db.Column("issue_id", db.ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True),
)
