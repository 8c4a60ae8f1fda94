"""Server-side latency through the real app (Flask test client, full WSGI stack) and SQL statement counts.

Requests are made without an app context held, so each one gets its own context and DB session,
as in production. Every timed response is checked (status, and content where it matters).
"""
import math
import time
from contextlib import contextmanager
from urllib.parse import quote

from flask import render_template_string
from sqlalchemy import event, text

from app.extensions import db
from app.issues import queries
from tests.bench import vocabulary

WARMUP = 20
COUNTS = {"list": 200, "detail": 200, "search": 100, "vote": 200, "floor": 200}
CARD = 'class="issue-card"'

FLOOR_SQL = ("SELECT id, title, status, vote_count, comment_count, created_at FROM issues "
             "ORDER BY created_at DESC, id DESC LIMIT 20")
FLOOR_TEMPLATE = ("<ul>{% for r in rows %}<li><a href=\"/issues/{{ r.id }}\">{{ r.title }}</a> {{ r.status }} "
                  "{{ r.vote_count }} {{ r.comment_count }} {{ r.created_at }}</li>{% endfor %}</ul>")
SCAN_SQL = ("SELECT id FROM issues WHERE title LIKE :w OR body LIKE :w "
            "ORDER BY created_at DESC LIMIT 20")


class BenchError(RuntimeError):
    """A benchmarked request did not do what it should: the figures would be meaningless."""


def register_floor(app):
    """The bare route: one SELECT of the same 20 rows, rendered minimally (before the first request)."""

    def bench_floor():
        rows = db.session.execute(text(FLOOR_SQL)).all()
        return render_template_string(FLOOR_TEMPLATE, rows=rows)

    app.add_url_rule("/_bench_floor", "bench_floor", bench_floor)


def percentile(values, p):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _timed(call, url, expected=200):
    start = time.perf_counter()
    response = call()
    ms = (time.perf_counter() - start) * 1000
    if response.status_code != expected:
        raise BenchError(f"{url}: HTTP {response.status_code}, expected {expected}")
    return ms, response


def time_gets(client, urls, check=None):
    """Milliseconds per URL after the first WARMUP (untimed) requests; `check(url, response)` validates."""
    times = []
    for i, url in enumerate(urls):
        ms, response = _timed(lambda: client.get(url), url)
        if check:
            check(url, response)
        if i >= WARMUP:
            times.append(ms)
    return times


def _list_urls(rng, centers, count):
    kinds = [lambda: "/issues", lambda: f"/issues?center={rng.choice(centers)}", lambda: "/issues?status=open",
             lambda: "/issues?sort=votes", lambda: "/issues?theme=F3", lambda: "/issues?page=5"]
    return [kinds[i % len(kinds)]() for i in range(count)]


def _kind(url):
    return url.split("?", 1)[1].split("=", 1)[0] if "?" in url else "none"


def measure_list(client, rng, centers):
    urls = _list_urls(rng, centers, WARMUP + COUNTS["list"])
    times = time_gets(client, urls)
    by_kind = {}
    for url, ms in zip(urls[WARMUP:], times):
        by_kind.setdefault(_kind(url), []).append(ms)
    return times, {k: round(percentile(v, 50), 2) for k, v in by_kind.items()}


def measure_search(client, words):
    empty = []

    def check(url, response):
        if CARD not in response.get_data(as_text=True):
            empty.append(url)

    times = time_gets(client, [f"/issues?q={quote(w)}" for w in words], check)
    if len(empty) == len(words):  # a rare word may be absent from a small database, but not everything
        raise BenchError(f"search found nothing for any query, e.g. {empty[0]}")
    return times, len(empty)


def open_issue_ids(app, voter_id):
    with app.app_context():
        ids = db.session.execute(text(
            "SELECT id FROM issues WHERE status IN ('new', 'dialogue', 'workshop', 'in_progress') "
            "AND author_id <> :voter ORDER BY id"), {"voter": voter_id}).scalars().all()
        db.session.remove()
    return ids


def measure_votes(app, info, rng):
    """One logged-in resident supports distinct open issues (JSON answer, as the instant button asks)."""
    client = app.test_client()
    response = client.post("/login", data={"email": info["voter_email"], "password": info["password"]})
    if response.status_code != 302:
        raise BenchError(f"login failed: HTTP {response.status_code}")
    ids = open_issue_ids(app, info["voter_id"])
    chosen = rng.sample(ids, min(len(ids), WARMUP + COUNTS["vote"]))
    times = []
    for i, issue_id in enumerate(chosen):
        url = f"/issues/{issue_id}/vote"
        ms, response = _timed(lambda: client.post(url, data={"action": "add"},
                                                  headers={"Accept": "application/json"}), url)
        if not (response.is_json and response.get_json().get("voted") is True):
            raise BenchError(f"{url}: vote not recorded: {response.get_data(as_text=True)[:200]}")
        if i >= WARMUP:
            times.append(ms)
    return times


def time_scan(app, words):
    """The naive LIKE scan for the same words, timing only the query."""
    times = []
    with app.app_context():
        for i, word in enumerate(words):
            start = time.perf_counter()
            db.session.execute(text(SCAN_SQL), {"w": f"%{word}%"}).all()
            if i >= WARMUP:
                times.append((time.perf_counter() - start) * 1000)
        db.session.remove()
    return times


@contextmanager
def counting_statements(app):
    """Collect every SQL statement sent to the database while the block runs."""
    with app.app_context():
        engine = db.engine
    statements = []

    def before(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def count_list_statements(app, per_page, n_issues):
    """Statements for one GET /issues, with list_issues asked for `per_page` rows (the route has no such
    parameter, so its call is redirected for this one request; everything else is the real route)."""
    original = queries.list_issues
    queries.list_issues = lambda f, **_ignored: original(f, per_page=per_page)
    try:
        client = app.test_client()
        with counting_statements(app) as statements:
            response = client.get("/issues")
    finally:
        queries.list_issues = original
    cards = response.get_data(as_text=True).count(CARD)
    if response.status_code != 200 or cards != min(per_page, n_issues):  # every seeded issue is listed
        raise BenchError(f"list page with {per_page} rows: HTTP {response.status_code}, {cards} rows rendered")
    return statements


def measure_all(app, info, rng):
    """Every figure for one database size."""
    client = app.test_client()
    n = info["issues"]
    list_times, list_by_kind = measure_list(client, rng, info["centers"])
    detail_times = time_gets(client, [f"/issues/{rng.randint(1, n)}" for _ in range(WARMUP + COUNTS["detail"])])
    words = [rng.choice(vocabulary.SEARCH_WORDS) for _ in range(WARMUP + COUNTS["search"])]
    search_times, search_empty = measure_search(client, words)
    scan_times = time_scan(app, words)
    vote_times = measure_votes(app, info, rng)
    floor_times = time_gets(client, ["/_bench_floor"] * (WARMUP + COUNTS["floor"]))
    statements_20 = count_list_statements(app, 20, n)
    statements_100 = count_list_statements(app, 100, n)
    p = percentile
    return {
        "list_p50_ms": p(list_times, 50), "list_p95_ms": p(list_times, 95),
        "list_p50_by_kind_ms": list_by_kind,
        "detail_p50_ms": p(detail_times, 50), "detail_p95_ms": p(detail_times, 95),
        "search_p50_ms": p(search_times, 50), "search_p95_ms": p(search_times, 95),
        "search_empty_results": search_empty,
        "scan_p50_ms": p(scan_times, 50), "scan_p95_ms": p(scan_times, 95),
        "vote_p50_ms": p(vote_times, 50), "vote_p95_ms": p(vote_times, 95), "votes_timed": len(vote_times),
        "floor_p50_ms": p(floor_times, 50),
        "list_queries": len(statements_20), "list_queries_100": len(statements_100),
        "list_statements": [" ".join(s.split())[:240] for s in statements_20],
    }
