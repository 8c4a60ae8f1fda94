"""What a group page lists: its issues, workshops, initiatives, grant applications and case studies."""
from app.extensions import db
from app.issues.models import Issue
from app.permissions import visible_issues
from app.workshops.models import Initiative, Workshop


def group_activity(group):
    issues = db.session.execute(visible_issues(db.select(Issue)).where(Issue.group_id == group.id)
                                .order_by(Issue.created_at.desc()).limit(50)).scalars().all()
    initiatives = db.session.execute(db.select(Initiative).where(Initiative.group_id == group.id)
                                     .order_by(Initiative.created_at.desc())).scalars().all()
    workshop_ids = {i.workshop_id for i in initiatives if i.workshop_id}
    workshops = db.session.execute(db.select(Workshop).where(Workshop.id.in_(workshop_ids or [0]))
                                   .order_by(Workshop.starts_at.desc())).scalars().all()
    return {"issues": issues, "initiatives": initiatives, "workshops": workshops, **_grants_and_cases(group)}


def _grants_and_cases(group):
    from app.cases.models import CaseStudy
    from app.grants.models import GrantApplication
    awarded = db.session.execute(db.select(GrantApplication).where(
        GrantApplication.group_id == group.id, GrantApplication.status == "awarded")
        .order_by(GrantApplication.decided_at.desc())).scalars().all()
    cases = db.session.execute(db.select(CaseStudy).where(CaseStudy.group_id == group.id,
                                                          CaseStudy.published_at.is_not(None))
                               .order_by(CaseStudy.fiscal_year.desc())).scalars().all()
    return {"grants": awarded, "cases": cases}
