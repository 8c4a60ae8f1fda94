"""The platform's own figures a KPI can be linked to (app.plan.actuals.PLATFORM_MEASURES), per fiscal year."""
from app.extensions import db
from app.groups.models import Group
from app.issues.lifecycle import Status
from app.issues.models import Issue, StatusChange
from app.stats.fiscal import fiscal_year_of
from app.util.time import utcnow
from app.workshops.models import Initiative, Workshop


def _held(center_id):
    stmt = db.select(Workshop.starts_at, Workshop.confirmed_count + Workshop.walk_in_count).where(
        Workshop.cancelled_at.is_(None), Workshop.starts_at <= utcnow())
    return stmt.where(Workshop.center_id == center_id) if center_id else stmt


def _count_by_year(datetimes):
    out = {}
    for value in datetimes:
        fy = fiscal_year_of(value)
        out[fy] = out.get(fy, 0) + 1
    return out


def workshops_held(center_id=None):
    return _count_by_year(at for at, _n in db.session.execute(_held(center_id)))


def workshop_participants(center_id=None):
    out = {}
    for at, n in db.session.execute(_held(center_id)):
        out[fiscal_year_of(at)] = out.get(fiscal_year_of(at), 0) + int(n or 0)
    return out


def initiatives_started(center_id=None):
    stmt = db.select(Initiative.created_at).join(Workshop, Workshop.id == Initiative.workshop_id, isouter=True)
    if center_id:
        stmt = stmt.where(Workshop.center_id == center_id)
    return _count_by_year(db.session.execute(stmt).scalars())


def issues_resolved(center_id=None):
    """Issues that reached 解決 in the year (the first time), and are 解決 now."""
    first = (db.select(StatusChange.issue_id, db.func.min(StatusChange.created_at).label("at"))
             .where(StatusChange.to_status == Status.RESOLVED.value).group_by(StatusChange.issue_id).subquery())
    stmt = db.select(first.c.at).join(Issue, Issue.id == first.c.issue_id).where(Issue.status == Status.RESOLVED.value)
    if center_id:
        stmt = stmt.where(Issue.center_id == center_id)
    return _count_by_year(db.session.execute(stmt).scalars())


def groups_participating(center_id=None):
    """Registered groups that posted an issue or took up an initiative in the year (each counted once a year)."""
    pairs = set()
    issue_stmt = db.select(Issue.group_id, Issue.created_at).where(Issue.group_id.is_not(None))
    init_stmt = (db.select(Initiative.group_id, Initiative.created_at).where(Initiative.group_id.is_not(None))
                 .join(Workshop, Workshop.id == Initiative.workshop_id, isouter=True))
    if center_id:
        issue_stmt = issue_stmt.where(Issue.center_id == center_id)
        init_stmt = init_stmt.join(Group, Group.id == Initiative.group_id).where(
            db.or_(Workshop.center_id == center_id, Group.center_id == center_id))
    for group_id, at in [*db.session.execute(issue_stmt), *db.session.execute(init_stmt)]:
        pairs.add((group_id, fiscal_year_of(at)))
    return _count_by_year_pairs(pairs)


def _count_by_year_pairs(pairs):
    out = {}
    for _group, fy in pairs:
        out[fy] = out.get(fy, 0) + 1
    return out


MEASURES = {"workshops_held": workshops_held, "workshop_participants": workshop_participants,
            "groups_participating": groups_participating, "initiatives_started": initiatives_started,
            "issues_resolved": issues_resolved}


def figures(measure, center_id=None):
    """[(fiscal year, n)], oldest first, for a platform measure."""
    fn = MEASURES.get(measure)
    return sorted(fn(center_id).items()) if fn else []
