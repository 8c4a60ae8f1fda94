"""One pagination helper for every list page."""
from math import ceil

from app.extensions import db


class Page:
    def __init__(self, items, page, per_page, total):
        self.items, self.page, self.per_page, self.total = items, page, per_page, total
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


def paginate(select, page, per_page=20, count_select=None):
    """Run `select` for one page; count with `count_select` (or a COUNT over `select`)."""
    from sqlalchemy import func, select as sa_select

    if count_select is None:
        count_select = sa_select(func.count()).select_from(select.order_by(None).subquery())
    total = db.session.execute(count_select).scalar_one()
    pages = max(1, ceil(total / per_page))
    page = min(max(page, 1), pages)
    items = db.session.execute(select.limit(per_page).offset((page - 1) * per_page)).scalars().all()
    return Page(items, page, per_page, total)
