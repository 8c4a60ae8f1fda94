"""The real RQ worker (`flask --app wsgi worker`) against the real Redis (TEST_REDIS_URL, own DB number):
racing workers and a worker killed mid-batch each deliver every mail exactly once."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.extensions import db
from app.notifications.models import Delivery
from tests.factories import make_comment, make_issue, make_user
from tests.fakes import FakeSMTP

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
SMTP_PORT = 5126


def _redis_or_skip():
    from redis import Redis
    conn = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        conn.ping()
    except Exception:  # noqa: BLE001
        if os.environ.get("REQUIRE_REDIS"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL} (set TEST_REDIS_URL; CI sets REQUIRE_REDIS=1)")
    return conn


class WorkerProcess(subprocess.Popen):
    """An RQ worker in its own process group: kill() also ends the work-horse it forked for a job.

    Killing only the parent leaves the horse running with an open transaction, which blocks the
    PostgreSQL TRUNCATE between tests for ever."""

    def kill(self):
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture
def queue_app(app, monkeypatch, tmp_path):
    conn = _redis_or_skip()
    conn.flushdb()  # only our own DB number
    monkeypatch.setitem(app.config, "NOTIFY_DELIVERY", "rq")
    monkeypatch.setitem(app.config, "NOTIFY_REDIS_URL", REDIS_URL)
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": REDIS_URL,
           "MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(SMTP_PORT), "MAIL_USE_TLS": "0",
           "NOTIFY_LEASE_SECONDS": "2", "NOTIFY_RETRY_BASE": "0.5", "SECRET_KEY": "worker-test",
           "INSTANCE_PATH": str(tmp_path), "SITE_URL": "http://kyoso.test", "APP_ENV": "development"}
    workers = []

    def start(*args):
        proc = WorkerProcess([sys.executable, "-m", "flask", "--app", "wsgi", "worker", *args], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        workers.append(proc)
        return proc

    yield start
    for proc in workers:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
    conn.flushdb()


def _issue_with_followers(as_user, n):
    issue = make_issue(author=make_user())
    for _ in range(n - 1):
        as_user(make_user()).post(f"/issues/{issue.id}/follow")
    return issue


def _wait(predicate, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _statuses():
    db.session.expire_all()
    return [d.status for d in db.session.execute(db.select(Delivery)).scalars()]


def test_racing_workers_deliver_each_mail_exactly_once(queue_app, as_user):
    server = FakeSMTP(SMTP_PORT)
    try:
        issue = _issue_with_followers(as_user, 12)
        make_comment(issue)  # 12 jobs on the queue
        from app.notifications.dispatch import dispatch
        with db.session.no_autoflush:
            dispatch([d.id for d in db.session.execute(db.select(Delivery)).scalars()])  # and each one again
        procs = [queue_app("--burst") for _ in range(3)]  # each also sweeps at start: more duplicates
        for p in procs:
            assert p.wait(timeout=120) == 0, p.stdout.read().decode()
        ids = server.message_ids()
        assert len(ids) == 12 and len(set(ids)) == 12
        assert set(_statuses()) == {"sent"}
    finally:
        server.stop()


def test_a_worker_killed_mid_batch_loses_nothing_and_duplicates_nothing(queue_app, as_user):
    server = FakeSMTP(SMTP_PORT, delay=0.6)
    try:
        issue = _issue_with_followers(as_user, 6)
        make_comment(issue)
        worker = queue_app()
        assert _wait(lambda: len(server.messages) >= 2), worker.stdout.read1().decode()
        time.sleep(0.2)  # now it is inside the next conversation with the slow server
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        sent_before = len(server.messages)
        assert 2 <= sent_before < 6
        assert "sending" in _statuses() or "pending" in _statuses()
        time.sleep(2.2)  # the dead worker's lease runs out
        server.delay = 0
        second = queue_app("--burst")
        assert second.wait(timeout=120) == 0, second.stdout.read().decode()
        ids = server.message_ids()
        assert len(ids) == 6 and len(set(ids)) == 6
        assert set(_statuses()) == {"sent"}
    finally:
        server.stop()


def test_a_failed_send_is_retried_with_backoff_by_the_worker(queue_app, as_user):
    issue = make_issue(author=make_user())
    make_comment(issue)  # the mail server is not up yet
    worker = queue_app()
    assert _wait(lambda: "Connection refused" in db.session.execute(db.select(Delivery.last_error)).scalar())
    server = FakeSMTP(SMTP_PORT)
    try:
        assert _wait(lambda: len(server.messages) == 1, timeout=30), worker.stdout.read1().decode()
        assert _wait(lambda: _statuses() == ["sent"])
        db.session.expire_all()
        delivery = db.session.execute(db.select(Delivery)).scalar_one()
        assert delivery.attempts >= 2
    finally:
        worker.kill()
        server.stop()
