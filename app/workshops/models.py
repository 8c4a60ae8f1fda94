"""Workshops, their participants, outputs (tagged to the plan), tallies and initiatives."""
from app.extensions import db
from app.workshops.states import RegistrationStatus, is_active, label
from app.util.time import utcnow

OUTPUT_KINDS = {
    "opinion": "意見",
    "idea": "アイデア",
    "agreement": "合意事項",
    "next_action": "次のアクション",
}


class Workshop(db.Model):
    __tablename__ = "workshops"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120), nullable=False)
    center_id = db.Column(db.ForeignKey("centers.id"), nullable=False, index=True)
    starts_at = db.Column(db.DateTime, nullable=False, index=True)  # UTC; entered and shown in JST
    ends_at = db.Column(db.DateTime, nullable=False)
    place = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    description_html = db.Column(db.Text, nullable=False, default="")
    capacity = db.Column(db.Integer, nullable=False)
    confirmed_count = db.Column(db.Integer, nullable=False, default=0)  # = confirmed registrations
    walk_in_count = db.Column(db.Integer, nullable=False, default=0)
    co_hosts = db.Column(db.String(300), nullable=False, default="")  # groups, schools, companies
    summary = db.Column(db.Text, nullable=False, default="")  # the report's summary
    summary_html = db.Column(db.Text, nullable=False, default="")
    report_published_at = db.Column(db.DateTime, nullable=True)
    cancelled_at = db.Column(db.DateTime, nullable=True)
    created_by_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    center = db.relationship("Center")
    created_by = db.relationship("User")
    issues = db.relationship("Issue", secondary="workshop_issues", order_by="Issue.id")
    outputs = db.relationship("WorkshopOutput", back_populates="workshop", order_by="WorkshopOutput.position",
                              cascade="all, delete-orphan")

    __table_args__ = (db.CheckConstraint("confirmed_count <= capacity", name="not_over_capacity"),
                      db.CheckConstraint("capacity > 0", name="capacity_positive"),
                      db.CheckConstraint("confirmed_count >= 0", name="confirmed_count_not_negative"),
                      db.CheckConstraint("walk_in_count >= 0", name="walk_in_count_not_negative"))

    @property
    def is_past(self):
        return self.ends_at < utcnow()

    @property
    def is_published(self):
        return self.report_published_at is not None

    @property
    def seats_left(self):
        return max(0, self.capacity - self.confirmed_count)

    @property
    def participants(self):
        return self.confirmed_count + self.walk_in_count


workshop_issues = db.Table(
    "workshop_issues",
    db.Column("workshop_id", db.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    db.Column("issue_id", db.ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True),
    db.Index("ix_workshop_issues_issue", "issue_id"),
)


class Registration(db.Model):
    """A resident's place at a workshop: confirmed, waitlisted (in order) or cancelled.

    A guest signed up by staff (代理受付) has no user_id but a name and phone, seen by staff only."""

    __tablename__ = "workshop_registrations"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.ForeignKey("users.id"), nullable=True)
    guest_name = db.Column(db.String(100), nullable=False, default="", server_default="")
    guest_phone = db.Column(db.String(40), nullable=False, default="", server_default="")
    added_by_id = db.Column(db.ForeignKey("users.id"), nullable=True)  # the staff member who signed the guest up
    status = db.Column(db.String(12), nullable=False)  # a RegistrationStatus (states.py)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    user = db.relationship("User", foreign_keys=[user_id])

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def is_active(self):
        return is_active(self.status)

    @property
    def status_label(self):
        return label(self.status)

    __table_args__ = (db.UniqueConstraint("workshop_id", "user_id", name="uq_registration_workshop_user"),
                      db.Index("ix_registrations_queue", "workshop_id", "status", "created_at"))


class WorkshopOutput(db.Model):
    """One sticky note: an opinion, idea, agreement or next action, tagged to the plan."""

    __tablename__ = "workshop_outputs"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = db.Column(db.String(12), nullable=False, default="opinion")
    text = db.Column(db.Text, nullable=False)
    group_label = db.Column(db.String(40), nullable=False, default="")  # table or group at the workshop
    position = db.Column(db.Integer, nullable=False, default=0)
    vote_count = db.Column(db.Integer, nullable=False, default=0)  # 共感 from residents online
    comment_count = db.Column(db.Integer, nullable=False, default=0)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    workshop = db.relationship("Workshop", back_populates="outputs")
    tags = db.relationship("OutputTag", cascade="all, delete-orphan", order_by="OutputTag.code")
    tallies = db.relationship("OutputTally", cascade="all, delete-orphan", order_by="OutputTally.group_label")

    __table_args__ = (db.CheckConstraint("vote_count >= 0", name="vote_count_not_negative"),
                      db.CheckConstraint("comment_count >= 0", name="comment_count_not_negative"))

    @property
    def kind_label(self):
        return OUTPUT_KINDS.get(self.kind, self.kind)

    @property
    def codes(self):
        return [t.code for t in self.tags]

    @property
    def guideline_codes(self):
        return [t.code for t in self.tags if t.code.startswith("G")]


class OutputTag(db.Model):
    __tablename__ = "workshop_output_tags"

    output_id = db.Column(db.ForeignKey("workshop_outputs.id", ondelete="CASCADE"), primary_key=True)
    code = db.Column(db.String(8), primary_key=True)

    __table_args__ = (db.Index("ix_output_tags_code", "code", "output_id"),)


class OutputTally(db.Model):
    """Agree/disagree counts for an output at one table or group of the workshop."""

    __tablename__ = "workshop_output_tallies"

    output_id = db.Column(db.ForeignKey("workshop_outputs.id", ondelete="CASCADE"), primary_key=True)
    group_label = db.Column(db.String(40), primary_key=True)
    agree = db.Column(db.Integer, nullable=False, default=0)
    disagree = db.Column(db.Integer, nullable=False, default=0)

    __table_args__ = (db.CheckConstraint("agree >= 0 AND disagree >= 0", name="counts_not_negative"),)


class OutputVote(db.Model):
    __tablename__ = "workshop_output_votes"

    id = db.Column(db.Integer, primary_key=True)
    output_id = db.Column(db.ForeignKey("workshop_outputs.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.UniqueConstraint("output_id", "user_id", name="uq_output_votes_output_user"),)


class OutputComment(db.Model):
    __tablename__ = "workshop_output_comments"

    id = db.Column(db.Integer, primary_key=True)
    output_id = db.Column(db.ForeignKey("workshop_outputs.id", ondelete="CASCADE"), nullable=False, index=True)
    author_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    body = db.Column(db.Text, nullable=False)
    body_html = db.Column(db.Text, nullable=False)
    hidden_reason = db.Column(db.String(200), nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    author = db.relationship("User")


class Initiative(db.Model):
    """A 次のアクション taken up by a group: workshop, outputs and issues linked; where a grant application starts."""

    __tablename__ = "initiatives"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    workshop_id = db.Column(db.ForeignKey("workshops.id"), nullable=True, index=True)
    group_id = db.Column(db.ForeignKey("groups.id"), nullable=True, index=True)
    group_name = db.Column(db.String(100), nullable=False)  # as entered; group_id when it is a registered group
    created_by_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    workshop = db.relationship("Workshop")
    group = db.relationship("Group")
    created_by = db.relationship("User")
    outputs = db.relationship("WorkshopOutput", secondary="initiative_outputs")
    issues = db.relationship("Issue", secondary="initiative_issues")


initiative_outputs = db.Table(
    "initiative_outputs",
    db.Column("initiative_id", db.ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    db.Column("output_id", db.ForeignKey("workshop_outputs.id", ondelete="CASCADE"), primary_key=True),
)

initiative_issues = db.Table(
    "initiative_issues",
    db.Column("initiative_id", db.ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    db.Column("issue_id", db.ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True),
)
