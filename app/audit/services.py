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


def save_audited(actor, obj, model, data, fields, noun):
    """Create (obj None) or update a staff-maintained record from form data, with a `<noun>.create/update` row.

    Staff-edited records stop being sample data (is_sample → False)."""
    is_new = obj is None
    before = None if is_new else {f: getattr(obj, f) for f in fields}
    if is_new:
        obj = model()
        db.session.add(obj)
    for f in fields:
        setattr(obj, f, data[f])
    obj.is_sample = False
    db.session.flush()
    record(actor, f"{noun}.{'create' if is_new else 'update'}", obj, before=before,
           after={f: getattr(obj, f) for f in fields})
    return obj
