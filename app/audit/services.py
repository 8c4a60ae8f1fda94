"""record(): the one way anything writes to the audit log."""
from flask import has_request_context, request

from app.audit.models import AuditEntry
from app.extensions import db


def record(actor, action, target, *, reason="", before=None, after=None):
    """Add an audit row for `action` by `actor` on `target` (a model instance or (type, id))."""
    if isinstance(target, tuple):
        target_type, target_id = target
    else:
        target_type, target_id = type(target).__name__, getattr(target, "id", None)
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=target_type,
        target_id=target_id,
        reason=reason or "",
        before=before,
        after=after,
        ip_address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(entry)
    return entry
