"""Hand committed deliveries to whoever sends them.

NOTIFY_DELIVERY = "rq"     → one RQ job per delivery on the Redis at REDIS_URL (`flask --app wsgi worker`)
                  "thread" → the embedded default: a background thread in this process, right after commit
                  "inline" → the same code path, finished before the request returns (tests)
Enqueueing never fails the request: the rows are committed, and `flask --app wsgi notifications sweep`
(run by every worker at start and from cron) picks up anything that was not handed over.
"""
import logging
import threading
from datetime import timedelta

from flask import after_this_request, current_app, has_request_context

log = logging.getLogger("hiratsuka.notifications")
QUEUE_NAME = "notifications"
JOB = "app.notifications.jobs.deliver_job"
_announced = set()


def mode(app=None):
    return (app or current_app).config.get("NOTIFY_DELIVERY", "thread")


def redis_connection(app=None):
    from redis import Redis
    return Redis.from_url((app or current_app).config["NOTIFY_REDIS_URL"])


def queue(app=None, connection=None):
    from rq import Queue
    return Queue(QUEUE_NAME, connection=connection or redis_connection(app))


def queue_is_idle(app=None):
    """True unless RQ holds queued or scheduled deliveries (always True without RQ)."""
    if mode(app) != "rq":
        return True
    try:
        q = queue(app)
        return q.count == 0 and q.scheduled_job_registry.count == 0
    except Exception:  # noqa: BLE001 — Redis down: nothing can be handed over anyway
        return False


def dispatch(ids, delay=None):
    app = current_app._get_current_object()
    how = mode(app)
    if how not in _announced:
        _announced.add(how)
        log.info("notifications: delivering %s", {
            "rq": "through RQ workers (flask --app wsgi worker)",
            "thread": "in-process in a background thread after each commit (no REDIS_URL)",
            "inline": "in-process right after each commit"}.get(how, how))
    if how == "rq":
        try:
            q = queue(app)
            for delivery_id in ids:
                if delay is not None:
                    q.enqueue_in(timedelta(seconds=delay), JOB, delivery_id)
                else:
                    q.enqueue(JOB, delivery_id)
        except Exception:  # Redis down: the rows stay pending for the sweep
            log.exception("notifications: could not enqueue %d deliveries; the sweep will retry", len(ids))
        return
    if delay is not None and how == "inline":
        return  # tests: retries wait for an explicit sweep
    if how == "inline" and has_request_context():
        # after the response is built: by then this request's session has given back its connection
        @after_this_request
        def _deliver(response):
            from app.extensions import db
            db.session.close()  # give this request's connection back before the delivery takes one
            _start(app, ids, None, join=True)
            return response
        return
    _start(app, ids, delay, join=how == "inline")


def _start(app, ids, delay, *, join):
    thread = (threading.Timer(delay, _run, (app, list(ids))) if delay is not None
              else threading.Thread(target=_run, args=(app, list(ids))))
    thread.daemon = True
    thread.start()
    if join and delay is None:
        thread.join()


def _run(app, ids):
    from app.notifications.delivery import deliver
    with app.app_context():
        for delivery_id in ids:
            try:
                deliver(delivery_id)
            except Exception:
                log.exception("notifications: delivery %s crashed", delivery_id)
