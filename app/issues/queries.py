"""Reading issues: the one place list pages, the API, CSV, feeds and the map build their queries."""
import re
from dataclasses import dataclass, field

from flask import request
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.issues import search
from app.issues.lifecycle import LISTED, OPEN
from app.issues.models import Comment, Issue, IssueTag
from app.permissions import visible_issues
from app.util.http import int_arg, str_arg
from app.util.pagination import paginate

COUNT_CAP = 1000  # list pages say "1,000件以上" beyond this, so their cost does not grow with the data

SORTS = {
    "relevance": ("関連度順", (Issue.created_at.desc(), Issue.id.desc())),  # with a query; inside a tier, newer first
    "new": ("新着順", (Issue.created_at.desc(), Issue.id.desc())),
    "votes": ("共感の多い順", (Issue.vote_count.desc(), Issue.id.desc())),
    "activity": ("最近動きのあった順", (Issue.last_activity_at.desc(), Issue.id.desc())),
}
THEMES = {  # the plan's 5 分野 in everyday words (the plan's own titles are on /plan)
    "F1": "子育て・教育",
    "F2": "健康・福祉・介護",
    "F3": "地域のつながり・文化・スポーツ",
    "F4": "防災・防犯・道路・交通・公園",
    "F5": "仕事・商店・農業・環境",
}
TAG_PATTERN = r"^(G[1-5]|B[1-5]|S[1-4](-[1-3])?|F[1-5]|P[1-5]-[1-7]|DX|GX)$"


@dataclass
class IssueFilters:
    q: str = ""
    center: int = 0
    status: str = ""  # a Status value, "open", or "" (every listed status)
    tag: str = ""
    theme: str = ""
    photos: bool = False
    sort: str = ""  # "" = the default: relevance with a query, else newest first
    page: int = 1
    errors: list = field(default_factory=list)

    @classmethod
    def from_request(cls):
        """Read filters from the query string; anything malformed is ignored, never an error page."""
        f = cls(q=str_arg("q", search.MAX_QUERY), center=int_arg("center", 0, 0, 10_000), page=int_arg("page"))
        status = str_arg("status", 20)
        if status == "open" or status in {s.value for s in LISTED}:
            f.status = status
        tag = str_arg("tag", 8).upper()
        if re.match(TAG_PATTERN, tag):
            f.tag = tag
        theme = str_arg("theme", 4).upper()
        if theme in THEMES:
            f.theme = theme
        f.photos = request.args.get("photos") == "1"
        sort = str_arg("sort", 10)
        f.sort = sort if sort in SORTS else ""
        return f

    @property
    def order(self):
        """The sort in effect: relevance only when there is something to search for."""
        if self.sort == "relevance" or not self.sort:
            return "relevance" if search.terms(self.q) else "new"
        return self.sort

    def as_args(self, **override):
        """Query-string arguments for links (only the non-default ones)."""
        values = {"q": self.q, "center": self.center or None, "status": self.status, "tag": self.tag,
                  "theme": self.theme, "photos": "1" if self.photos else None,
                  "sort": self.sort or None}
        values.update(override)
        return {k: v for k, v in values.items() if v}

    @property
    def active(self):
        return bool(self.q or self.center or self.status or self.tag or self.theme or self.photos)


def filtered_select(f, with_search=True):
    """SELECT Issue with the filters applied (no ordering): published issues only, whoever asks."""
    stmt = visible_issues(db.select(Issue))
    if f.status == "open":
        stmt = stmt.where(Issue.status.in_([s.value for s in OPEN]))
    elif f.status:
        stmt = stmt.where(Issue.status == f.status)
    else:
        stmt = stmt.where(Issue.status.in_([s.value for s in LISTED]))
    if f.center:
        stmt = stmt.where(Issue.center_id == f.center)
    for code in filter(None, {f.tag, f.theme}):
        # EXISTS, not IN: the planner then walks the ordering index instead of sorting every match.
        stmt = stmt.where(db.exists().where(IssueTag.issue_id == Issue.id, IssueTag.code == code))
    if f.photos:
        stmt = stmt.where(Issue.photo_count > 0)
    matching = search.matching_clause(f.q, Issue.id) if with_search else None
    if matching is not None:
        stmt = stmt.where(matching)
    return stmt


def list_issues(f, per_page=20):
    """One page of issues with center and tags loaded (a fixed number of queries for any page size).

    With a query, the page comes from the search index (app/issues/search.py) and carries
    `hits`: {issue id: (highlighted title, highlighted snippet)}."""
    words = search.terms(f.q)
    if not words:
        stmt = filtered_select(f).order_by(*SORTS[f.order][1]).options(joinedload(Issue.center),
                                                                         selectinload(Issue.tags))
        return paginate(stmt, f.page, per_page=per_page, cap=COUNT_CAP if per_page <= 100 else None)
    from app.issues.hits import search_page
    return search_page(filtered_select(f, with_search=False), words, f.order, SORTS[f.order][1], f.page, per_page,
                       cap=COUNT_CAP if per_page <= 100 else None)


def get_issue(issue_id):
    return db.session.execute(
        db.select(Issue).where(Issue.id == issue_id)
        .options(joinedload(Issue.center), joinedload(Issue.author), selectinload(Issue.tags),
                 selectinload(Issue.history))
    ).unique().scalar_one_or_none()


def map_points(f, limit=5000):
    """Open issues with a pin, newest first (the map clusters them)."""
    stmt = filtered_select(f)
    if not f.status:
        stmt = stmt.where(Issue.status.in_([s.value for s in OPEN]))
    stmt = (stmt.where(Issue.lat.is_not(None)).order_by(Issue.created_at.desc()).limit(limit)
            .with_only_columns(Issue.id, Issue.title, Issue.status, Issue.lat, Issue.lng, Issue.vote_count))
    return db.session.execute(stmt).all()


def comment_tree(issue):
    """Top-level comments, oldest first, each with its replies: [(comment, [reply, ...]), ...]."""
    rows = db.session.execute(
        db.select(Comment).where(Comment.issue_id == issue.id)
        .options(joinedload(Comment.author), joinedload(Comment.official_center),
                 joinedload(Comment.official_department))
        .order_by(Comment.created_at, Comment.id)
    ).scalars().all()
    replies = {}
    for c in rows:
        if c.parent_id:
            replies.setdefault(c.parent_id, []).append(c)
    return [(c, replies.get(c.id, [])) for c in rows if not c.parent_id]

