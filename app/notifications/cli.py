"""Commands: the worker, the sweep, the daily digest and workshop reminders.

    flask --app wsgi worker                 # an RQ worker (run several, on several machines)
    flask --app wsgi notifications-sweep    # re-hand due/abandoned deliveries to the queue (cron: every minute)
    flask --app wsgi send-digests           # cron: daily, e.g. 07:00 JST
    flask --app wsgi send-reminders         # (app/workshops/reminders.py) cron: daily, e.g. 09:00 JST
"""
import logging
import threading
import time

import click
from flask import current_app

from app.extensions import db
from app.notifications import bp
from app.notifications.delivery import sweep
from app.notifications.dispatch import QUEUE_NAME, queue, redis_connection
from app.notifications.services import send_digests


@bp.cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (tests, one-off catch-up).")
@click.option("--name", default=None, help="Worker name (default: host and pid).")
def worker_command(burst, name):
    """Deliver notifications from the Redis queue (REDIS_URL)."""
    from rq import SimpleWorker
    if not current_app.config.get("NOTIFY_REDIS_URL"):
        raise click.ClickException("REDIS_URL is not set: without it the web process delivers by itself.")
    logging.basicConfig(level=logging.INFO)
    current_app.config["NOTIFY_DELIVERY"] = "rq"  # retries from this process go back on the queue
    connection = redis_connection()
    swept = sweep()  # anything committed while no worker was running, or left by a killed one
    click.echo(f"worker on queue {QUEUE_NAME!r}; handed over {swept} waiting deliveries")
    if not burst:
        _start_sweeper(current_app._get_current_object())
    # SimpleWorker: jobs run in this process, inside the app context (no fork of open DB connections).
    SimpleWorker([queue(connection=connection)], connection=connection, name=name).work(
        burst=burst, with_scheduler=True, logging_level="INFO")


def _start_sweeper(app):
    """Every NOTIFY_SWEEP_SECONDS: hand over rows whose enqueue was lost or whose worker died."""
    def loop():
        every = float(app.config.get("NOTIFY_SWEEP_SECONDS", 60))
        while True:
            time.sleep(every)
            with app.app_context():
                try:
                    sweep()
                except Exception:  # noqa: BLE001 — keep sweeping; the worker itself carries on
                    logging.getLogger("hiratsuka.notifications").exception("notifications: sweep failed")
    threading.Thread(target=loop, name="notifications-sweeper", daemon=True).start()


@bp.cli.command("notifications-sweep")
def sweep_command():
    """Hand due retries and deliveries of dead workers (lease run out) to the queue again."""
    click.echo(f"deliveries handed over: {sweep()}")


@bp.cli.command("send-digests")
def send_digests_command():
    """Send the daily notification digests (through the outbox)."""
    sent = send_digests()
    db.session.commit()
    click.echo(f"digests sent: {sent}")

