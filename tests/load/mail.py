"""make load-mail: comments and status changes against gunicorn + PostgreSQL + Redis + RQ workers while
the mail server is slow (2.5 s a message) or down. Writes instance/load_mail.json.

1. mail off     — an issue with 25 followers whose e-mail is off: the comment request's p50/p95.
2. slow SMTP    — the same 25 followers on e-mail, a fake SMTP server taking 2.5 s a message, 2 RQ workers:
                  the same request's p50/p95 (must stay within 1.5× of 1.).
3. SMTP down    — the mail server's port closed: comments and status changes answer normally and are saved;
                  then the server comes back and every mail arrives exactly once.

Everything on loopback: LOAD_DATABASE_URL (default: the test_i12 database, its schema is reset),
LOAD_REDIS_URL (default DB 6), gunicorn on LOAD_PORT (5113), fake SMTP on 5127/5128.
"""
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

os.environ.setdefault("LOAD_PORT", "5113")
PG = os.environ.setdefault("LOAD_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test_i12")
REDIS = os.environ.setdefault("LOAD_REDIS_URL", "redis://127.0.0.1:6379/6")

from tests.fakes import FakeSMTP  # noqa: E402
from tests.load import run as load  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FOLLOWERS = 25
COMMENTS = int(os.environ.get("LOAD_MAIL_COMMENTS", "30"))
SLOW_PORT, DOWN_PORT = 5127, 5128
SMTP_DELAY = 2.5


def env(mail_port):
    return {**load.env(), "MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(mail_port),
            "MAIL_USE_TLS": "0", "RATELIMIT_ENABLED": "0", "NOTIFY_RETRY_BASE": "1", "NOTIFY_SWEEP_SECONDS": "5",
            "NOTIFY_MAX_ATTEMPTS": "12",
            "INSTANCE_PATH": "/tmp/hiratsuka-load-mail"}


def py(code, mail_port=DOWN_PORT):
    return subprocess.run([str(ROOT / ".venv/bin/python"), "-c", code], cwd=ROOT, env=env(mail_port), check=True,
                          capture_output=True, text=True).stdout.strip()


def prepare():
    from sqlalchemy import create_engine, text
    engine = create_engine(PG, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    import redis
    redis.Redis.from_url(REDIS).flushdb()
    for args in (["db", "upgrade"], ["load-plan"]):
        subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "wsgi", *args], cwd=ROOT, env=env(DOWN_PORT),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return py(f"""
from werkzeug.security import generate_password_hash
from app import create_app
from app.accounts.models import User
from app.centers.models import Center
from app.extensions import db
from app.issues.models import Follow
from app.issues.services import submit_issue
from app.util.time import utcnow
app = create_app()
with app.app_context():
    h = generate_password_hash({load.PASSWORD!r})
    users = [User(email=f"load{{n}}@example.jp", display_name=f"負荷{{n}}", password_hash=h, email_confirmed_at=utcnow(),
                  notify_email="off") for n in range({FOLLOWERS + 12})]
    center = Center(name="中央公民館", district="中央地区", position=1)
    staff = User(email="staff@example.jp", display_name="伴走者", password_hash=h, email_confirmed_at=utcnow(),
                 role="facilitator", notify_email="off")
    staff.centers = [center]
    db.session.add_all(users + [staff, center])
    db.session.flush()
    issue = submit_issue(users[0], title="フォロワーの多い課題", body="25人がフォローしています。", center=center, themes=["F3"])
    db.session.flush()
    for u in users[1:{FOLLOWERS}]:
        db.session.add(Follow(user_id=u.id, issue_id=issue.id))
    db.session.commit()
    print(issue.id)
""")


def set_email(mode):
    py(f"""
from app import create_app
from app.accounts.models import User
from app.extensions import db
app = create_app()
with app.app_context():
    db.session.execute(db.update(User).where(User.email.like('load%')).values(notify_email={mode!r}))
    db.session.commit()
""")


def counts():
    return json.loads(py("""
import json
from app import create_app
from app.extensions import db
from app.issues.models import Comment, StatusChange
from app.notifications.models import Delivery
app = create_app()
with app.app_context():
    rows = db.session.execute(db.select(Delivery.status, db.func.count()).group_by(Delivery.status)).all()
    print(json.dumps({"comments": db.session.execute(db.select(db.func.count(Comment.id))).scalar(),
                      "status_changes": db.session.execute(db.select(db.func.count(StatusChange.id))).scalar(),
                      "deliveries": {s: n for s, n in rows}}))
"""))


class Stack:
    """gunicorn (4 workers) and RQ workers with one mail port."""

    def __init__(self, mail_port, workers=2):
        e = env(mail_port)
        self.procs = [subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "--workers", "4", "--bind",
                                        f"127.0.0.1:{os.environ['LOAD_PORT']}", "--log-level", "warning", "wsgi:app"],
                                       cwd=ROOT, env=e)]
        self.procs += [subprocess.Popen([str(ROOT / ".venv/bin/flask"), "--app", "wsgi", "worker"], cwd=ROOT, env=e,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
        for _ in range(150):
            try:
                urllib.request.urlopen(load.BASE + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)

    def stop(self):
        for p in self.procs:
            p.send_signal(signal.SIGTERM if p is self.procs[0] else signal.SIGKILL)
        for p in self.procs:
            p.wait(timeout=30)


def comment_times(clients, issue_id, label):
    times, statuses = [], []
    for i in range(COMMENTS):
        c = clients[i % len(clients)]
        status, _, _, ms = c.request("POST", f"/issues/{issue_id}/comments", {"body": f"{label}のコメント{i}"})
        statuses.append(status)
        times.append(ms)
    return {"n": len(times), "p50_ms": round(load.pct(times, 50), 1), "p95_ms": round(load.pct(times, 95), 1),
            "max_ms": round(max(times), 1), "non_302": sum(1 for s in statuses if s != 302)}


def commenters():
    clients = [load.Client(n) for n in range(FOLLOWERS, FOLLOWERS + 10)]  # not followers themselves
    for c in clients:
        c.login()
    return clients


def run():
    issue_id = prepare()
    report = {"followers": FOLLOWERS, "comments_per_phase": COMMENTS, "smtp_delay_s": SMTP_DELAY}

    print("== 1. mail off")
    stack = Stack(DOWN_PORT)
    try:
        clients = commenters()
        comment_times(clients, issue_id, "準備")  # warm every gunicorn worker
        report["mail_off"] = comment_times(clients, issue_id, "メールなし")
    finally:
        stack.stop()

    print("== 2. slow SMTP (2.5 s a message)")
    set_email("immediate")
    slow = FakeSMTP(SLOW_PORT, delay=SMTP_DELAY)
    stack = Stack(SLOW_PORT)
    try:
        clients = commenters()
        comment_times(clients, issue_id, "準備")  # warm every gunicorn worker, as in 1.
        report["slow_smtp"] = comment_times(clients, issue_id, "遅いメール")
        report["slow_smtp"]["mails_delivered_while_measuring"] = len(slow.messages)
    finally:
        stack.stop()
        slow.stop()
    report["p95_ratio"] = round(report["slow_smtp"]["p95_ms"] / max(report["mail_off"]["p95_ms"], 0.1), 2)

    print("== 3. SMTP down, then back")
    py("""
from app import create_app
from app.extensions import db
from app.notifications.models import Delivery
app = create_app()
with app.app_context():
    db.session.execute(db.delete(Delivery).where(Delivery.status != 'sent'))
    db.session.commit()
""")
    before = counts()
    stack = Stack(DOWN_PORT)
    try:
        clients = commenters()
        down = comment_times(clients[:5], issue_id, "メール停止中")
        status_codes = [_staff_status(issue_id, to, note)
                        for to, note in (("dialogue", "伺います"), ("workshop", "ワークショップで話し合います"))]
        after = counts()
        down.update({"status_change_answers": status_codes,
                     "comments_saved": after["comments"] - before["comments"],
                     "status_changes_saved": after["status_changes"] - before["status_changes"],
                     "waiting_deliveries": after["deliveries"].get("pending", 0) + after["deliveries"].get("sending", 0)})
        server = FakeSMTP(DOWN_PORT)
        t0 = time.time()
        expected = down["waiting_deliveries"]
        while len(server.messages) < expected and time.time() - t0 < 120:
            time.sleep(0.5)
        time.sleep(3)  # anything extra would arrive now
        ids = server.message_ids()
        down.update({"mails_expected": expected, "mails_received": len(ids), "distinct_mails": len(set(ids)),
                     "seconds_to_drain": round(time.time() - t0, 1)})
        server.stop()
    finally:
        stack.stop()
    report["smtp_down"] = down
    out = ROOT / "instance" / "load_mail.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(json.dumps(report, ensure_ascii=False, indent=2))
    ok = (report["p95_ratio"] <= 1.5 and report["mail_off"]["non_302"] == 0 and report["slow_smtp"]["non_302"] == 0
          and down["non_302"] == 0 and down["status_change_answers"] == [302, 302]
          and down["mails_received"] == down["distinct_mails"] == expected)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


def _staff_status(issue_id, to, note):
    import re
    c = load.Client(0)
    status, text, _, _ = c.request("GET", "/login")
    c.csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text).group(1)
    c.request("POST", "/login", {"email": "staff@example.jp", "password": load.PASSWORD, "csrf_token": c.csrf})
    _, text, _, _ = c.request("GET", f"/issues/{issue_id}")
    m = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text)
    c.csrf = m.group(1) if m else c.csrf
    status, _, _, _ = c.request("POST", f"/facilitate/issues/{issue_id}/status", {"to_status": to, "note": note})
    return status


if __name__ == "__main__":
    sys.exit(run())
