"""Staff: browse and filter the audit log (read-only; there is no edit or delete)."""
from flask import render_template

from app.audit import bp
from app.audit.models import AuditEntry
from app.extensions import db
from app.permissions import can_view_audit_log, permission_required
from app.util.http import int_arg, str_arg
from app.util.pagination import paginate


@bp.route("/")
@permission_required(can_view_audit_log)
def index():
    """Newest first, filterable by action prefix and target type."""
    action = str_arg("action", 60)
    target_type = str_arg("target", 40)
    stmt = db.select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    if action:
        stmt = stmt.where(AuditEntry.action.startswith(action, autoescape=True))
    if target_type:
        stmt = stmt.where(AuditEntry.target_type == target_type)
    page = paginate(stmt, int_arg("page"), per_page=50)
    actions = db.session.execute(db.select(AuditEntry.action).distinct().order_by(AuditEntry.action)).scalars().all()
    return render_template("audit/index.html", page=page, action=action, target=target_type, actions=actions)
