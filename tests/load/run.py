"""make load: ≥200 simulated residents against gunicorn + PostgreSQL + Redis on loopback, ≤ 2 minutes.

Mixed browsing, search, supporting (instant JSON button) and posting. Reports throughput, p50/p95/p99
and errors (5xx must be 0), then checks that every issue's support count equals its rows and that
every post the server confirmed exists. Bounded in time and request count; loopback only.
"""
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("LOAD_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/loadtest")
REDIS = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/15")
PORT = int(os.environ.get("LOAD_PORT", "5077"))
USERS = int(os.environ.get("LOAD_USERS", "220"))
THREADS = int(os.environ.get("LOAD_THREADS", "24"))
DURATION = float(os.environ.get("LOAD_SECONDS", "75"))
MAX_REQUESTS = 60_000
PASSWORD = "load-test-password"
WORDS = ["通学路", "公園", "ごみ", "バス", "空き家", "防災", "公民館", "子ども", "高齢者", "商店街"]
BASE = f"http://127.0.0.1:{PORT}"


def env():
    return {**os.environ, "DATABASE_URL": PG, "REDIS_URL": REDIS, "MAIL_BACKEND": "memory", "PROXY_FIX_X_FOR": "1",
            "SECRET_KEY": secrets.token_hex(32), "APP_ENV": "development", "INSTANCE_PATH": "/tmp/hiratsuka-load"}


def flask(*args):
    subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "wsgi", *args], cwd=ROOT, env=env(), check=True,
                   stdout=subprocess.DEVNULL)


def prepare():
    """A fresh database: migrations, plan, demo data, and the simulated residents."""
    import psycopg
    admin = PG.replace("postgresql+psycopg://", "postgresql://").rsplit("/", 1)[0] + "/postgres"
    name = PG.rsplit("/", 1)[1]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    import redis
    redis.Redis.from_url(REDIS).flushdb()
    for args in (["db", "upgrade"], ["load-plan"], ["seed-demo"]):
        flask(*args)
    code = f"""
from app import create_app
from app.extensions import db
from app.accounts.models import User
from werkzeug.security import generate_password_hash
from app.util.time import utcnow
app = create_app()
with app.app_context():
    h = generate_password_hash({PASSWORD!r})
    db.session.add_all([User(email=f"load{{n}}@example.jp", display_name=f"負荷{{n}}", password_hash=h,
                             email_confirmed_at=utcnow()) for n in range({USERS})])
    db.session.commit()
"""
    subprocess.run([str(ROOT / ".venv/bin/python"), "-c", code], cwd=ROOT, env=env(), check=True)


class Client:
    """One simulated resident: own cookies, own address (X-Forwarded-For), CSRF token from the page."""

    def __init__(self, n):
        self.n, self.ip = n, f"10.77.{n // 250}.{n % 250 + 1}"
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()),
                                                  NoRedirect())
        self.csrf = None

    def request(self, method, path, data=None, accept="text/html"):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(BASE + path, data=body, method=method,
                                     headers={"X-Forwarded-For": self.ip, "Accept": accept})
        if self.csrf and method == "POST":
            req.add_header("X-CSRFToken", self.csrf)
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=30) as resp:
                status, text = resp.status, resp.read().decode("utf-8", "replace")
                location = resp.headers.get("Location", "")
        except urllib.error.HTTPError as exc:
            status, text, location = exc.code, exc.read().decode("utf-8", "replace"), exc.headers.get("Location", "")
        return status, text, location, (time.perf_counter() - start) * 1000

    def login(self):
        status, text, _, _ = self.request("GET", "/login")
        self.csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text).group(1)
        status, _, location, _ = self.request("POST", "/login", {"email": f"load{self.n}@example.jp",
                                                                  "password": PASSWORD, "csrf_token": self.csrf})
        if status != 302:
            raise RuntimeError(f"login failed for load{self.n}: {status}")
        _, text, _, _ = self.request("GET", "/issues/new")
        self.csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text).group(1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def run():
    prepare()
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "--workers", "4", "--threads", "2", "--bind",
                               f"127.0.0.1:{PORT}", "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=env())
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        return drive()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def drive():
    clients = [Client(n) for n in range(USERS)]
    t0 = time.perf_counter()
    for c in clients:
        c.login()
    print(f"  {USERS} residents logged in ({time.perf_counter() - t0:.1f} s)")
    _, text, _, _ = clients[0].request("GET", "/api/v1/issues?status=open", accept="application/json")
    open_ids = [i["id"] for i in json.loads(text)["items"]] or [1]
    pages = json.loads(text)["pages"]
    for p in range(2, min(pages, 4) + 1):
        _, t, _, _ = clients[0].request("GET", f"/api/v1/issues?status=open&page={p}", accept="application/json")
        open_ids += [i["id"] for i in json.loads(t)["items"]]
    results, posted, lock = [], [], threading.Lock()
    deadline = time.perf_counter() + DURATION

    def worker(my_clients, seed):
        rng = random.Random(seed)
        while time.perf_counter() < deadline and len(results) < MAX_REQUESTS:
            c = rng.choice(my_clients)
            roll = rng.random()
            if roll < 0.45:
                kind, out = "browse", c.request("GET", rng.choice(["/", "/issues", "/issues?sort=votes", "/map",
                                                                    f"/issues/{rng.choice(open_ids)}", "/plan/",
                                                                    "/workshops", "/cases"]))
            elif roll < 0.65:
                kind, out = "search", c.request("GET", "/issues?q=" + urllib.parse.quote(rng.choice(WORDS)))
            elif roll < 0.93:
                kind = "vote"
                out = c.request("POST", f"/issues/{rng.choice(open_ids)}/vote",
                                {"action": rng.choice(["add", "add", "remove"])}, accept="application/json")
            else:
                kind = "post"
                key = secrets.token_urlsafe(12)
                out = c.request("POST", "/issues/new", {
                    "title": f"負荷試験の投稿 {key}", "body": "負荷試験のための投稿です。十分な長さの本文です。",
                    "center": "1", "action": "submit", "submission_key": key})
                if out[0] == 302 and "/issues/" in out[2]:
                    with lock:
                        posted.append(key)
            with lock:
                results.append((kind, out[0], out[3]))

    groups = [clients[i::THREADS] for i in range(THREADS)]
    threads = [threading.Thread(target=worker, args=(g, i)) for i, g in enumerate(groups)]
    start = time.perf_counter()
    [t.start() for t in threads]
    [t.join() for t in threads]
    elapsed = time.perf_counter() - start
    return report(results, posted, elapsed)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else 0.0


def report(results, posted, elapsed):
    times = [r[2] for r in results]
    errors5 = sum(1 for r in results if r[1] >= 500)
    limited = sum(1 for r in results if r[1] == 429)
    by_kind = {k: [r for r in results if r[0] == k] for k in ("browse", "search", "vote", "post")}
    integrity = check_integrity(posted)
    figures = {
        "users": USERS, "threads": THREADS, "seconds": round(elapsed, 1), "requests": len(results),
        "throughput_rps": round(len(results) / elapsed, 1), "p50_ms": round(pct(times, 50), 1),
        "p95_ms": round(pct(times, 95), 1), "p99_ms": round(pct(times, 99), 1), "errors_5xx": errors5,
        "rate_limited_429": limited, "posts_confirmed": len(posted),
        "by_kind": {k: {"n": len(v), "p95_ms": round(pct([r[2] for r in v], 95), 1)} for k, v in by_kind.items()},
        **integrity,
    }
    out = ROOT / "instance" / "load.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    ok = errors5 == 0 and integrity["vote_count_mismatches"] == 0 and integrity["posts_missing"] == 0
    print("load: OK" if ok else "load: FAILED")
    return 0 if ok else 1


def check_integrity(posted):
    import psycopg
    with psycopg.connect(PG.replace("postgresql+psycopg://", "postgresql://")) as conn:
        mismatches = conn.execute("SELECT count(*) FROM issues i WHERE i.vote_count <> "
                                  "(SELECT count(*) FROM votes v WHERE v.issue_id = i.id)").fetchone()[0]
        found = conn.execute("SELECT count(*) FROM issues WHERE submission_key = ANY(%s)", (posted,)).fetchone()[0]
    return {"vote_count_mismatches": mismatches, "posts_missing": len(posted) - found}


if __name__ == "__main__":
    sys.exit(run())
