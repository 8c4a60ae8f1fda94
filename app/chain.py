"""The co-creation chain as one read model: issue → workshop → output → initiative / grant application →
award → report → case study.

It sits above every feature: it may read any feature's models, and only pages (routes) read it. Features
never import it from their services, models or queries (tests/test_import_layers.py)."""
from app.cases.models import CaseStudy, case_issues
from app.extensions import db
from app.grants.models import GrantApplication, grant_application_issues
from app.issues.models import Issue
from app.permissions import visible_issues
from app.workshops.models import Initiative, Workshop, initiative_issues, workshop_issues


def chain_of(issue):
    """Where this issue led: workshops, initiatives, grant applications (awarded) and case studies."""
    def linked(model, table, column):
        return db.session.execute(db.select(model).join(table, getattr(table.c, column) == model.id)
                                  .where(table.c.issue_id == issue.id)).scalars().all()

    return {
        "workshops": linked(Workshop, workshop_issues, "workshop_id"),
        "initiatives": linked(Initiative, initiative_issues, "initiative_id"),
        "grants": [a for a in linked(GrantApplication, grant_application_issues, "application_id")
                   if a.status == "awarded" and a.round.results_published_at],
        "cases": [c for c in linked(CaseStudy, case_issues, "case_id") if c.published_at],
    }


def group_activity(group):
    """What a group page lists: its issues, workshops, initiatives, grant applications and case studies."""
    issues = db.session.execute(visible_issues(db.select(Issue)).where(Issue.group_id == group.id)
                                .order_by(Issue.created_at.desc()).limit(50)).scalars().all()
    initiatives = db.session.execute(db.select(Initiative).where(Initiative.group_id == group.id)
                                     .order_by(Initiative.created_at.desc())).scalars().all()
    workshop_ids = {i.workshop_id for i in initiatives if i.workshop_id}
    workshops = db.session.execute(db.select(Workshop).where(Workshop.id.in_(workshop_ids or [0]))
                                   .order_by(Workshop.starts_at.desc())).scalars().all()
    awarded = db.session.execute(db.select(GrantApplication).where(
        GrantApplication.group_id == group.id, GrantApplication.status == "awarded")
        .order_by(GrantApplication.decided_at.desc())).scalars().all()
    cases = db.session.execute(db.select(CaseStudy).where(CaseStudy.group_id == group.id,
                                                          CaseStudy.published_at.is_not(None))
                               .order_by(CaseStudy.fiscal_year.desc())).scalars().all()
    return {"issues": issues, "initiatives": initiatives, "workshops": workshops, "grants": awarded, "cases": cases}
