"""Groups and their members. A group's private contact is for city staff only."""
import secrets

from app.extensions import db
from app.util.time import utcnow

KINDS = {
    "citizen": "市民活動団体",
    "community": "地域活動団体（自治会・町内会など）",
    "npo": "NPO法人",
    "other": "その他",
}


class Group(db.Model):
    __tablename__ = "groups"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False, unique=True)
    kind = db.Column(db.String(12), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    description_html = db.Column(db.Text, nullable=False, default="")
    center_id = db.Column(db.ForeignKey("centers.id"), nullable=True, index=True)
    public_contact = db.Column(db.String(200), nullable=False, default="")  # shown on the group page
    private_contact = db.Column(db.Text, nullable=False, default="")  # staff only
    founded_on = db.Column(db.Date, nullable=True)
    verified_at = db.Column(db.DateTime, nullable=True)
    verified_by_id = db.Column(db.ForeignKey("users.id"), nullable=True)
    created_by_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    center = db.relationship("Center")
    members = db.relationship("GroupMember", back_populates="group", cascade="all, delete-orphan",
                              order_by="GroupMember.joined_at")

    @property
    def kind_label(self):
        return KINDS.get(self.kind, self.kind)

    @property
    def is_verified(self):
        return self.verified_at is not None


class GroupMember(db.Model):
    __tablename__ = "group_members"

    group_id = db.Column(db.ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role = db.Column(db.String(10), nullable=False, default="member")  # owner | member
    joined_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    group = db.relationship("Group", back_populates="members")
    user = db.relationship("User")

    __table_args__ = (db.Index("ix_group_members_user", "user_id"),)


class GroupInvite(db.Model):
    """An e-mailed invitation; the token works once, for the invited address."""

    __tablename__ = "group_invites"

    id = db.Column(db.Integer, primary_key=True)
    group_id = db.Column(db.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False, index=True)
    email = db.Column(db.String(254), nullable=False)
    token = db.Column(db.String(64), nullable=False, unique=True, default=lambda: secrets.token_urlsafe(32))
    invited_by_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    accepted_at = db.Column(db.DateTime, nullable=True)

    group = db.relationship("Group")
