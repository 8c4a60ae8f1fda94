"""One pagination helper for every list page."""
from math import ceil

from sqlalchemy import func, literal
from sqlalchemy import select as sa_select

from app.extensions import db


class Page:
    def __init__(self, items, page, per_page, total, capped=False):
        self.items, self.page, self.per_page, self.total = items, page, per_page, total
        self.capped = capped  # total is a lower bound: "1,000件以上"
        self.pages = max(1, ceil(total / per_page)) if per_page else 1

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    def window(self, size=2):
        """Page numbers to show around the current one (None marks a gap)."""
        shown = sorted({1, self.pages, *range(max(1, self.page - size), min(self.pages, self.page + size) + 1)})
        out, prev = [], 0
        for n in shown:
            if n - prev > 1:
                out.append(None)
            out.append(n)
            prev = n
        return out


def paginate(select, page, per_page=20, count_select=None, cap=None):
    """Run `select` for one page.

    The total comes from `count_select`, or a COUNT over `select`; with `cap`, counting stops after
    cap+1 rows, so a page of a huge list costs the same as one of a small list (shown as "1,000件以上").
    """
    if count_select is None:
        counted = select.order_by(None)
        if cap:
            counted = counted.with_only_columns(literal(1)).limit(cap + 1)
        count_select = sa_select(func.count()).select_from(counted.subquery())
    total = db.session.execute(count_select).scalar_one()
    capped = bool(cap) and total > cap
    total = min(total, cap) if cap else total
    pages = max(1, ceil(total / per_page))
    page = min(max(page, 1), pages)
    items = db.session.execute(select.limit(per_page).offset((page - 1) * per_page)).scalars().all()
    return Page(items, page, per_page, total, capped)
