"""Denormalised counters that can never drift from their rows, even under concurrency.

A counter moves only when its row really was inserted (no unique-constraint clash) or really was
deleted, and it moves with an atomic UPDATE ... SET n = n ± 1, never read-then-write.
"""
from sqlalchemy.exc import IntegrityError

from app.extensions import db


def add_counted(row, model, row_id, column, **also):
    """Insert `row`; if it was new, add 1 to model.column of row `row_id`. True if added."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        return False
    db.session.execute(db.update(model).where(model.id == row_id).values({column: getattr(model, column) + 1, **also}))
    return True


def delete_counted(delete_stmt, model, row_id, column):
    """Run `delete_stmt`; subtract the rows it really deleted from model.column. True if any."""
    deleted = db.session.execute(delete_stmt).rowcount
    if deleted:
        db.session.execute(db.update(model).where(model.id == row_id).values({column: getattr(model, column) - deleted}))
    return bool(deleted)
