"""User accounts and roles."""
import secrets
from enum import Enum

from flask import current_app
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.util.time import utcnow


class Role(str, Enum):
    RESIDENT = "resident"
    FACILITATOR = "facilitator"
    DEPARTMENT = "department"
    REVIEWER = "reviewer"
    STAFF = "staff"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.RESIDENT: "住民",
    Role.FACILITATOR: "伴走者（公民館職員）",
    Role.DEPARTMENT: "担当課職員",
    Role.REVIEWER: "審査委員",
    Role.STAFF: "市職員",
    Role.ADMIN: "管理者",
}

AGE_BANDS = ["10代", "20代", "30代", "40代", "50代", "60代", "70代以上"]

DELETED_NAME = "退会したユーザー"

EMAIL_SETTINGS = {"immediate": "すぐに送る", "daily": "1日1回まとめて送る", "off": "送らない（サイト内のお知らせだけ）"}

facilitator_centers = db.Table(
    "facilitator_centers",
    db.Column("user_id", db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    db.Column("center_id", db.ForeignKey("centers.id", ondelete="CASCADE"), primary_key=True),
)

# Department staff (担当課職員) answer for the departments they belong to, as facilitators for their centers.
department_members = db.Table(
    "department_members",
    db.Column("user_id", db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    db.Column("department_id", db.ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(254), nullable=False, unique=True)
    display_name = db.Column(db.String(40), nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)
    role = db.Column(db.String(20), nullable=False, default=Role.RESIDENT.value)
    # Rotated on password change / account deletion so old sessions stop working.
    session_token = db.Column(db.String(64), nullable=False, unique=True, default=lambda: secrets.token_urlsafe(32))
    home_center_id = db.Column(db.ForeignKey("centers.id", ondelete="SET NULL"), nullable=True)
    age_band = db.Column(db.String(10), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    email_confirmed_at = db.Column(db.DateTime, nullable=True)
    last_login_at = db.Column(db.DateTime, nullable=True)
    suspended_until = db.Column(db.DateTime, nullable=True)
    suspension_reason = db.Column(db.String(500), nullable=True)
    deleted_at = db.Column(db.DateTime, nullable=True)
    notify_email = db.Column(db.String(10), nullable=False, default="immediate", server_default="immediate")
    last_digest_at = db.Column(db.DateTime, nullable=True)

    home_center = db.relationship("Center", foreign_keys=[home_center_id])
    centers = db.relationship("Center", secondary=facilitator_centers, order_by="Center.position",
                              back_populates="facilitators")
    departments = db.relationship("Department", secondary=department_members, order_by="Department.position",
                                  back_populates="members")

    def get_id(self):
        return self.session_token

    def set_password(self, password):
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if current_app else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)
        self.session_token = secrets.token_urlsafe(32)

    def check_password(self, password):
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def role_enum(self):
        return Role(self.role)

    @property
    def role_label(self):
        return ROLE_LABELS[self.role_enum]

    @property
    def is_confirmed(self):
        return self.email_confirmed_at is not None

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_suspended(self):
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def public_name(self):
        """The only name ever shown to other people."""
        return DELETED_NAME if self.is_deleted else self.display_name

    def __repr__(self):
        return f"<User {self.id} {self.role}>"
