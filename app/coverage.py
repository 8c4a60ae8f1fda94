"""Plan coverage (EBPM), a read model above the features: how many issues, workshop outputs and initiatives
touch each part of the plan.

Counted with GROUP BY over the tag tables, by district (center) and fiscal year (April–March, Japan time).
An item tagged G3 and S2-1 counts in cell (G3, S2); one tagged G3 with no strategy counts in (G3, "—").
"""
from datetime import datetime, timezone

from sqlalchemy import func, literal

from app.extensions import db
from app.issues.models import Issue, IssueTag
from app.permissions import visible_issues
from app.util.time import JST
from app.workshops.models import Initiative, OutputTag, Workshop, WorkshopOutput, initiative_outputs

NONE = "—"


def fiscal_year_range(fy):
    """[start, end) of Japanese fiscal year `fy` as naive UTC."""
    def utc(y):
        return datetime(y, 4, 1, tzinfo=JST).astimezone(timezone.utc).replace(tzinfo=None)
    return utc(fy), utc(fy + 1)


def _sources(center_id=None, fy=None):
    """(kind, tag table, item-id column, SELECT of eligible item ids) for issues, outputs, initiatives."""
    issues = visible_issues(db.select(Issue.id))
    outputs = db.select(WorkshopOutput.id).join(Workshop).where(Workshop.report_published_at.is_not(None))
    inits = db.select(Initiative.id).join(Workshop, Initiative.workshop_id == Workshop.id)
    if center_id:
        issues = issues.where(Issue.center_id == center_id)
        outputs = outputs.where(Workshop.center_id == center_id)
        inits = inits.where(Workshop.center_id == center_id)
    if fy:
        start, end = fiscal_year_range(fy)
        issues = issues.where(Issue.created_at >= start, Issue.created_at < end)
        outputs = outputs.where(Workshop.starts_at >= start, Workshop.starts_at < end)
        inits = inits.where(Initiative.created_at >= start, Initiative.created_at < end)
    # An initiative carries the tags of the outputs it takes up.
    init_tags = (db.select(initiative_outputs.c.initiative_id.label("item_id"), OutputTag.code.label("code"))
                 .join(OutputTag, OutputTag.output_id == initiative_outputs.c.output_id).distinct().subquery())
    return [
        ("issues", db.select(IssueTag.issue_id.label("item_id"), IssueTag.code.label("code")).subquery(), issues),
        ("outputs", db.select(OutputTag.output_id.label("item_id"), OutputTag.code.label("code")).subquery(), outputs),
        ("initiatives", init_tags, inits),
    ]


def matrix(center_id=None, fy=None):
    """{(G code, S code or '—'): {"issues": n, "outputs": n, "initiatives": n}} plus per-policy counts."""
    cells, policies = {}, {}
    for kind, tags, eligible in _sources(center_id, fy):
        g = tags.alias("g")
        s = tags.alias("s")
        strategy = func.substr(s.c.code, 1, 2)
        with_s = (db.select(g.c.code, strategy, func.count(func.distinct(g.c.item_id)))
                  .join(s, db.and_(s.c.item_id == g.c.item_id, s.c.code.like("S%")))
                  .where(g.c.code.like("G%"), g.c.item_id.in_(eligible)).group_by(g.c.code, strategy))
        for gcode, scode, n in db.session.execute(with_s):
            cells.setdefault((gcode, scode), {}).update({kind: n})
        no_s = (db.select(g.c.code, literal(NONE), func.count(func.distinct(g.c.item_id)))
                .where(g.c.code.like("G%"), g.c.item_id.in_(eligible),
                       ~db.exists().where(s.c.item_id == g.c.item_id, s.c.code.like("S%")))
                .group_by(g.c.code))
        for gcode, scode, n in db.session.execute(no_s):
            cells.setdefault((gcode, scode), {}).update({kind: n})
        per_policy = (db.select(g.c.code, func.count(func.distinct(g.c.item_id)))
                      .where(g.c.code.like("P%"), g.c.item_id.in_(eligible)).group_by(g.c.code))
        for pcode, n in db.session.execute(per_policy):
            policies.setdefault(pcode, {}).update({kind: n})
    return cells, policies


def items(kind, *, g=None, s=None, p=None, center_id=None, fy=None, limit=200):
    """The items behind one cell (drill-down)."""
    for k, tags, eligible in _sources(center_id, fy):
        if k != kind:
            continue
        stmt = eligible
        id_col = {"issues": Issue.id, "outputs": WorkshopOutput.id, "initiatives": Initiative.id}[kind]
        if g:
            stmt = stmt.where(id_col.in_(db.select(tags.c.item_id).where(tags.c.code == g)))
        if s == NONE:
            stmt = stmt.where(~id_col.in_(db.select(tags.c.item_id).where(tags.c.code.like("S%"))))
        elif s:
            stmt = stmt.where(id_col.in_(db.select(tags.c.item_id).where(tags.c.code.like(f"{s}-%"))))
        if p:
            stmt = stmt.where(id_col.in_(db.select(tags.c.item_id).where(tags.c.code == p)))
        model = {"issues": Issue, "outputs": WorkshopOutput, "initiatives": Initiative}[kind]
        return db.session.execute(db.select(model).where(model.id.in_(stmt)).order_by(model.id.desc())
                                  .limit(limit)).scalars().all()
    return []
