"""AuditEntry rows are written once and never changed through the app."""
from sqlalchemy import event

from app.extensions import db
from app.util.time import utcnow


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"

    id = db.Column(db.Integer, primary_key=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    actor_id = db.Column(db.ForeignKey("users.id"), nullable=True, index=True)
    action = db.Column(db.String(60), nullable=False, index=True)
    target_type = db.Column(db.String(40), nullable=False)
    target_id = db.Column(db.Integer, nullable=True)
    reason = db.Column(db.Text, nullable=False, default="")
    before = db.Column(db.JSON, nullable=True)
    after = db.Column(db.JSON, nullable=True)
    ip_address = db.Column(db.String(45), nullable=True)

    actor = db.relationship("User")

    __table_args__ = (db.Index("ix_audit_entries_target", "target_type", "target_id"),)


class AuditLogIsAppendOnly(Exception):
    pass


@event.listens_for(AuditEntry, "before_update")
def _refuse_update(mapper, connection, target):
    raise AuditLogIsAppendOnly("audit entries cannot be changed")


@event.listens_for(AuditEntry, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise AuditLogIsAppendOnly("audit entries cannot be deleted")
