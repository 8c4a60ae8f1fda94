"""Japanese fiscal years (April–March, Japan time) for grouping in SQL and in Python."""
from datetime import datetime, timezone

from sqlalchemy import and_, case

from app.util.time import JST, to_jst, utcnow

FIRST_YEAR = 2020


def fiscal_year_of(value):
    local = to_jst(value)
    return local.year if local.month >= 4 else local.year - 1


def current_fiscal_year():
    return fiscal_year_of(utcnow())


def _start(fy):
    return datetime(fy, 4, 1, tzinfo=JST).astimezone(timezone.utc).replace(tzinfo=None)


def fiscal_year_expr(column):
    """A SQL CASE giving the fiscal year of a naive-UTC datetime column (FIRST_YEAR … next year)."""
    years = range(FIRST_YEAR, current_fiscal_year() + 2)
    return case(*[(and_(column >= _start(fy), column < _start(fy + 1)), fy) for fy in years], else_=None)
