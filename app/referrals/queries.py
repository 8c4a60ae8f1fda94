"""What the department queue, the facilitator's workspace and the issue page show of referrals."""
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from app.departments.models import Department
from app.extensions import db
from app.issues.models import Issue
from app.issues.timeline import Event, add_source
from app.permissions import is_staff
from app.referrals.models import ACTIVE, RESOLVED, RETURNED, Referral
from app.util.time import utcnow


def departments_for(user):
    """The departments whose queue this user sees: their own; staff see every active one."""
    if is_staff(user):
        return db.session.execute(db.select(Department).where(Department.active.is_(True))
                                  .order_by(Department.position, Department.id)).scalars().all()
    return list(user.departments)


def _referrals(*conditions, order=None, limit=100):
    stmt = (db.select(Referral).join(Issue, Referral.issue_id == Issue.id).where(*conditions)
            .options(joinedload(Referral.department), joinedload(Referral.issue).joinedload(Issue.center))
            .order_by(*(order or [Referral.created_at])).limit(limit))
    return db.session.execute(stmt).scalars().all()


def department_queue(department_ids):
    """Open and answered referrals (oldest first), overdue ones flagged, and the recently closed."""
    now = utcnow()
    active = _referrals(Referral.department_id.in_(department_ids), Referral.status.in_(ACTIVE))
    closed = _referrals(Referral.department_id.in_(department_ids), Referral.status.in_((RETURNED, RESOLVED)),
                        order=[Referral.closed_at.desc()], limit=30)
    return {"active": active, "closed": closed, "overdue_ids": {r.id for r in active if r.is_overdue(now)}}


def for_centers(center_ids):
    """Referrals still with a department for issues in these centers, overdue ones first."""
    now = utcnow()
    active = _referrals(Referral.status.in_(ACTIVE), Issue.center_id.in_(center_ids),
                        order=[Referral.due_at])
    return {"active": active, "overdue_ids": {r.id for r in active if r.is_overdue(now)}}


def for_issue(issue):
    return db.session.execute(db.select(Referral).where(Referral.issue_id == issue.id)
                              .options(selectinload(Referral.department)).order_by(Referral.created_at)
                              ).scalars().all()


def _timeline_events(issue):
    """Public timeline lines: referred to a department, handed back (the reply itself is a comment)."""
    now = utcnow()
    for r in for_issue(issue):
        name = r.department.name
        overdue = r.is_overdue(now)
        note = _("%(name)sに引き継ぎました。", name=name)
        if overdue:
            note += _("（回答の目安の%(days)s日を過ぎています）", days=(r.due_at - r.created_at).days)
        yield Event(at=r.created_at, label=_("担当課へ引き継ぎ"), note=note, highlight=overdue)
        if r.status == RETURNED and r.closed_at:
            yield Event(at=r.closed_at, label=_("公民館へ戻る"),
                        note=_("%(name)sから公民館に戻りました。", name=name) + " " + r.close_note)


add_source(_timeline_events)
