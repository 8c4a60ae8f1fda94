"""Deliver one row: claim it (a conditional UPDATE, so two workers never both win), send, mark sent.

A worker that dies mid-send leaves the row 'sending' with a lease; once the lease has run out the
sweep hands it to another worker. SMTP gets a Message-ID and LINE an X-Line-Retry-Key derived from
the row, so the rare send-then-die window is recognisable (LINE drops the repeat itself).
"""
import logging
from datetime import timedelta

from flask import current_app

from app.extensions import db
from app.notifications.models import Delivery
from app.util.time import utcnow

log = logging.getLogger("hiratsuka.notifications")


def _cfg(name, default):
    return current_app.config.get(name, default)


def backoff(attempts):
    """Seconds before try number attempts+1: base, 2×base, 4×base …"""
    return float(_cfg("NOTIFY_RETRY_BASE", 30)) * (2 ** max(attempts - 1, 0))


def claim(delivery_id):
    now = utcnow()
    lease = now + timedelta(seconds=float(_cfg("NOTIFY_LEASE_SECONDS", 120)))
    won = db.session.execute(
        db.update(Delivery).where(
            Delivery.id == delivery_id,
            db.or_(db.and_(Delivery.status == "pending", Delivery.next_attempt_at <= now),
                   db.and_(Delivery.status == "sending", Delivery.lease_until < now)))
        .values(status="sending", lease_until=lease, attempts=Delivery.attempts + 1)
        .execution_options(synchronize_session=False)).rowcount == 1
    db.session.commit()
    return won


def deliver(delivery_id):
    """Returns 'sent', 'retry', 'dead' or 'skipped' (someone else has it, or it is not due)."""
    if not claim(delivery_id):
        _reschedule_if_early(delivery_id)
        db.session.remove()
        return "skipped"
    delivery = db.session.get(Delivery, delivery_id)
    try:
        from app.notifications.channels import send
        send(delivery)
    except Exception as exc:  # any failure of the channel: retry later, or give up after the last try
        db.session.rollback()
        return _failed(delivery_id, exc)
    db.session.execute(db.update(Delivery).where(Delivery.id == delivery_id, Delivery.status == "sending")
                       .values(status="sent", sent_at=utcnow(), lease_until=None, last_error="")
                       .execution_options(synchronize_session=False))
    db.session.commit()
    db.session.remove()
    return "sent"


def _reschedule_if_early(delivery_id):
    """A queue's scheduler may fire a retry a moment before it is due: put it back for the rest."""
    row = db.session.execute(db.select(Delivery.status, Delivery.next_attempt_at)
                             .where(Delivery.id == delivery_id)).first()
    db.session.commit()
    if row is not None and row.status == "pending" and row.next_attempt_at > utcnow():
        from app.notifications.dispatch import dispatch
        dispatch([delivery_id], delay=(row.next_attempt_at - utcnow()).total_seconds() + 0.2)


def _failed(delivery_id, exc):
    delivery = db.session.get(Delivery, delivery_id)
    error = f"{type(exc).__name__}: {exc}"[:500]
    if delivery.attempts >= int(_cfg("NOTIFY_MAX_ATTEMPTS", 8)):
        delivery.status, delivery.lease_until, delivery.last_error = "dead", None, error
        log.error("notifications: delivery %s is a dead letter after %s tries: %s", delivery_id, delivery.attempts,
                  error)
        outcome, delay = "dead", None
    else:
        delay = backoff(delivery.attempts)
        delivery.status, delivery.lease_until, delivery.last_error = "pending", None, error
        delivery.next_attempt_at = utcnow() + timedelta(seconds=delay)
        log.warning("notifications: delivery %s failed (try %s), retrying in %.0fs: %s", delivery_id,
                    delivery.attempts, delay, error)
        outcome = "retry"
    db.session.commit()
    db.session.remove()
    if delay is not None:
        from app.notifications.dispatch import dispatch
        dispatch([delivery_id], delay=delay)
    return outcome


def due_ids(limit=5000, *, pending=True):
    """Claimed rows whose worker's lease has run out, and (pending=True) pending rows that are due."""
    now = utcnow()
    abandoned = db.and_(Delivery.status == "sending", Delivery.lease_until < now)
    due = db.and_(Delivery.status == "pending", Delivery.next_attempt_at <= now)
    return db.session.execute(db.select(Delivery.id).where(db.or_(abandoned, due) if pending else abandoned)
                              .order_by(Delivery.id).limit(limit)).scalars().all()


def sweep():
    """Hand rows that nobody holds to the dispatcher again (repeats are harmless: the claim decides).

    With RQ, due pending rows are handed over only while the queue is empty: a backlog is already
    queued, while an empty queue with due rows means an enqueue was lost (Redis was down)."""
    from app.notifications.dispatch import queue_is_idle
    ids = due_ids(pending=queue_is_idle())
    db.session.commit()
    if ids:
        from app.notifications.dispatch import dispatch
        dispatch(ids)
    return len(ids)


def retry_dead(delivery):
    """Staff: give a dead letter a fresh set of tries."""
    delivery.status, delivery.attempts, delivery.next_attempt_at = "pending", 0, utcnow()
    delivery.lease_until = None
    from app.notifications.outbox import remember
    remember([delivery.id])
