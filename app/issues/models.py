"""Local issues (地域課題), their supports, comments, status history and tags."""
from app.extensions import db
from app.issues.lifecycle import Status, label
from app.util.time import utcnow


class Issue(db.Model):
    __tablename__ = "issues"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    body = db.Column(db.Text, nullable=False)  # the author's Markdown, as written
    body_html = db.Column(db.Text, nullable=False)  # rendered by util.sanitize.render_markdown
    center_id = db.Column(db.ForeignKey("centers.id"), nullable=False)
    author_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    group_id = db.Column(db.ForeignKey("groups.id"), nullable=True, index=True)  # posted as a group
    status = db.Column(db.String(20), nullable=False, default=Status.NEW.value)
    status_note = db.Column(db.Text, nullable=False, default="")  # the latest public note
    lat = db.Column(db.Float, nullable=True)
    lng = db.Column(db.Float, nullable=True)
    vote_count = db.Column(db.Integer, nullable=False, default=0)  # = COUNT(votes), kept in the same transaction
    comment_count = db.Column(db.Integer, nullable=False, default=0)
    photo_count = db.Column(db.Integer, nullable=False, default=0)
    duplicate_of_id = db.Column(db.ForeignKey("issues.id"), nullable=True)
    hidden_reason = db.Column(db.String(200), nullable=False, default="")
    awaiting_approval = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    has_official_response = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    # 対象外: where the resident should go instead — a 担当課, or an outside body and how to reach it.
    out_of_scope_department_id = db.Column(db.ForeignKey("departments.id", ondelete="SET NULL"), nullable=True)
    out_of_scope_body = db.Column(db.String(120), nullable=False, default="", server_default="")
    out_of_scope_contact = db.Column(db.String(300), nullable=False, default="", server_default="")
    submission_key = db.Column(db.String(64), nullable=True, unique=True)  # makes a double submit idempotent
    # 代理受付: taken by a center for a resident (app/intake); the byline names the center, not the author
    intake_method = db.Column(db.String(12), nullable=True)
    intake_center_id = db.Column(db.ForeignKey("centers.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    last_activity_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    center = db.relationship("Center", foreign_keys=[center_id])
    intake_center = db.relationship("Center", foreign_keys=[intake_center_id])
    author = db.relationship("User")
    group = db.relationship("Group")
    duplicate_of = db.relationship("Issue", remote_side=[id])
    out_of_scope_department = db.relationship("Department")
    tags = db.relationship("IssueTag", cascade="all, delete-orphan", order_by="IssueTag.code")
    history = db.relationship("StatusChange", order_by="StatusChange.created_at", cascade="all, delete-orphan")

    __table_args__ = (
        db.Index("ix_issues_list", "status", "created_at"),
        db.Index("ix_issues_center_created", "center_id", "created_at"),
        db.Index("ix_issues_votes", "vote_count", "id"),
        db.Index("ix_issues_activity", "last_activity_at", "id"),
        db.Index("ix_issues_created", "created_at", "id"),
        db.Index("ix_issues_visible", "awaiting_approval", "status", "created_at"),
        db.CheckConstraint("vote_count >= 0", name="vote_count_not_negative"),
        db.CheckConstraint("comment_count >= 0", name="comment_count_not_negative"),
        db.CheckConstraint("photo_count >= 0", name="photo_count_not_negative"),
    )

    @property
    def status_label(self):
        return label(self.status)

    @property
    def is_hidden(self):
        return self.status == Status.HIDDEN.value

    @property
    def theme_codes(self):
        return [t.code for t in self.tags if t.code.startswith("F")]

    @property
    def plan_codes(self):
        return [t.code for t in self.tags if not t.code.startswith("F")]


class IssueTag(db.Model):
    """A plan code on an issue: F* themes chosen by residents, G/S/P/DX/GX refined by facilitators."""

    __tablename__ = "issue_tags"

    issue_id = db.Column(db.ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True)
    code = db.Column(db.String(8), primary_key=True)
    added_by_id = db.Column(db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.Index("ix_issue_tags_code", "code", "issue_id"),)


class StatusChange(db.Model):
    """One step of an issue's public timeline."""

    __tablename__ = "issue_status_changes"

    id = db.Column(db.Integer, primary_key=True)
    issue_id = db.Column(db.ForeignKey("issues.id", ondelete="CASCADE"), nullable=False, index=True)
    from_status = db.Column(db.String(20), nullable=True)
    to_status = db.Column(db.String(20), nullable=False)
    note = db.Column(db.Text, nullable=False, default="")
    actor_id = db.Column(db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    actor = db.relationship("User")

    @property
    def to_label(self):
        return label(self.to_status)


class Vote(db.Model):
    """共感: one per user per issue. user_id is NULL for a support taken at a center for a resident
    without an account (app/intake); it gets the resident's user_id when they claim it."""

    __tablename__ = "votes"

    id = db.Column(db.Integer, primary_key=True)
    issue_id = db.Column(db.ForeignKey("issues.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.ForeignKey("users.id"), nullable=True, index=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.UniqueConstraint("issue_id", "user_id", name="uq_votes_issue_user"),)


class Comment(db.Model):
    __tablename__ = "comments"

    id = db.Column(db.Integer, primary_key=True)
    issue_id = db.Column(db.ForeignKey("issues.id", ondelete="CASCADE"), nullable=False)
    author_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    parent_id = db.Column(db.ForeignKey("comments.id"), nullable=True)  # one level of replies
    body = db.Column(db.Text, nullable=False)
    body_html = db.Column(db.Text, nullable=False)
    is_official = db.Column(db.Boolean, nullable=False, default=False)  # 公式回答 from a center
    official_center_id = db.Column(db.ForeignKey("centers.id"), nullable=True)
    official_department_id = db.Column(db.ForeignKey("departments.id"), nullable=True)  # 担当課's public reply
    hidden_reason = db.Column(db.String(200), nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    edited_at = db.Column(db.DateTime, nullable=True)
    deleted_at = db.Column(db.DateTime, nullable=True)

    author = db.relationship("User")
    official_center = db.relationship("Center")
    official_department = db.relationship("Department")

    __table_args__ = (db.Index("ix_comments_issue", "issue_id", "created_at"),)

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def official_name(self):
        """Who an official reply is shown as: the department's or the center's name, never a person's."""
        office = self.official_department or self.official_center
        return office.name if office else ""


class Follow(db.Model):
    __tablename__ = "follows"

    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    issue_id = db.Column(db.ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.Index("ix_follows_issue", "issue_id"),)
