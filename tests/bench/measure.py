"""Server-side latency through the real app (Flask test client, full WSGI stack) and SQL statement counts.

Requests are made without an app context held, so each one gets its own context and DB session,
as in production. Every timed response is checked (status, and content where it matters). Beside
each request's wall time, the time spent inside SQL statements is kept as a diagnostic.
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
COUNTS = {"list": 200, "detail": 200, "search": 60, "vote": 200, "floor": 200}  # search: per word length
CARD = 'class="issue-card"'

FLOOR_SQL = ("SELECT id, title, status, vote_count, comment_count, created_at FROM issues "
             "ORDER BY created_at DESC, id DESC LIMIT 20")
FLOOR_TEMPLATE = ("<ul>{% for r in rows %}<li><a href=\"/issues/{{ r.id }}\">{{ r.title }}</a> {{ r.status }} "
                  "{{ r.vote_count }} {{ r.comment_count }} {{ r.created_at }}</li>{% endfor %}</ul>")
# The naive way to answer what the search page answers (matching issues in titles, bodies and
# comments, how many, and the first 20: title hits, then body hits, then comment hits, newer first)
# with no index: LIKE over every row.
SCAN_WHERE = ("title LIKE :w OR body LIKE :w OR EXISTS (SELECT 1 FROM comments c "
              "WHERE c.issue_id = issues.id AND c.body LIKE :w)")
SCAN_SQL = (f"SELECT id FROM issues WHERE {SCAN_WHERE} ORDER BY CASE WHEN title LIKE :w THEN 1 "
            "WHEN body LIKE :w THEN 2 ELSE 3 END, created_at DESC, id DESC LIMIT 20")
SCAN_COUNT_SQL = f"SELECT count(*) FROM issues WHERE {SCAN_WHERE}"


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


def _engine(app):
    with app.app_context():
        return db.engine


@contextmanager
def listening(engine, **handlers):
    """Attach engine event handlers for the duration of the block."""
    for name, fn in handlers.items():
        event.listen(engine, name, fn)
    try:
        yield
    finally:
        for name, fn in handlers.items():
            event.remove(engine, name, fn)


class SqlClock:
    """Milliseconds spent inside SQL statements since the last lap."""

    def __init__(self):
        self.total = 0.0

    def before(self, conn, *_args):
        conn.info["bench_start"] = time.perf_counter()

    def after(self, conn, *_args):
        self.total += time.perf_counter() - conn.info.pop("bench_start", time.perf_counter())

    def lap(self):
        ms, self.total = self.total * 1000, 0.0
        return ms


class Samples:
    """Wall time and SQL time of each timed request (warm-up requests are not kept)."""

    def __init__(self):
        self.wall, self.sql = [], []

    def figures(self, name, *ps):
        out = {f"{name}_p{p}_ms": percentile(self.wall, p) for p in ps}
        out.update({f"{name}_sql_p{p}_ms": percentile(self.sql, p) for p in ps})
        return out


class Bench:
    """Times requests against one app, with the SQL clock running."""

    def __init__(self, app):
        self.app, self.clock = app, SqlClock()

    @contextmanager
    def running(self):
        with listening(_engine(self.app), before_cursor_execute=self.clock.before,
                       after_cursor_execute=self.clock.after):
            yield self

    def request(self, call, label, samples, keep, expected=200):
        self.clock.lap()
        start = time.perf_counter()
        response = call()
        wall = (time.perf_counter() - start) * 1000
        sql = self.clock.lap()
        if response.status_code != expected:
            raise BenchError(f"{label}: HTTP {response.status_code}, expected {expected}")
        if keep:
            samples.wall.append(wall)
            samples.sql.append(sql)
        return response

    def gets(self, client, urls, check=None):
        """GET each URL; the first WARMUP are not kept. `check(url, response)` validates."""
        samples = Samples()
        for i, url in enumerate(urls):
            response = self.request(lambda: client.get(url), url, samples, keep=i >= WARMUP)
            if check:
                check(url, response)
        return samples


def _list_urls(rng, centers, count):
    kinds = [lambda: "/issues", lambda: f"/issues?center={rng.choice(centers)}", lambda: "/issues?status=open",
             lambda: "/issues?sort=votes", lambda: "/issues?theme=F3", lambda: "/issues?page=5"]
    return [kinds[i % len(kinds)]() for i in range(count)]


def measure_list(bench, client, rng, centers):
    urls = _list_urls(rng, centers, WARMUP + COUNTS["list"])
    samples = bench.gets(client, urls)
    by_kind = {}
    for url, wall, sql in zip(urls[WARMUP:], samples.wall, samples.sql):
        kind = url.split("?", 1)[1].split("=", 1)[0] if "?" in url else "none"
        by_kind.setdefault(kind, ([], []))
        by_kind[kind][0].append(wall)
        by_kind[kind][1].append(sql)
    breakdown = {k: {"p50_ms": round(percentile(w, 50), 2), "sql_p50_ms": round(percentile(s, 50), 2)}
                 for k, (w, s) in by_kind.items()}
    return samples, breakdown


def measure_search(bench, client, words):
    empty = []

    def check(url, response):
        if CARD not in response.get_data(as_text=True):
            empty.append(url)

    samples = bench.gets(client, [f"/issues?q={quote(w)}" for w in words], check)
    return samples, len(empty)


def search_words(rng):
    """{length class: WARMUP + COUNTS["search"] words drawn from that class of the vocabulary}."""
    return {length: [rng.choice(words) for _ in range(WARMUP + COUNTS["search"])]
            for length, words in vocabulary.SEARCH_WORDS_BY_LENGTH.items()}


def measure_searches(bench, client, words_by_length):
    """Search latency per word length; fails if nothing at all was found."""
    out, empty, total = {}, 0, 0
    for length, words in words_by_length.items():
        samples, n_empty = measure_search(bench, client, words)
        out[length] = samples
        empty, total = empty + n_empty, total + len(words)
    if empty == total:  # a rare word may be absent from a small database, but not everything
        raise BenchError("search found nothing for any query")
    return out, empty


def open_issue_ids(app, voter_id):
    with app.app_context():
        ids = db.session.execute(text(
            "SELECT id FROM issues WHERE status IN ('new', 'dialogue', 'workshop', 'in_progress') "
            "AND author_id <> :voter ORDER BY id"), {"voter": voter_id}).scalars().all()
        db.session.remove()
    return ids


def measure_votes(bench, info, rng):
    """One logged-in resident supports distinct open issues (JSON answer, as the instant button asks)."""
    client = bench.app.test_client()
    response = client.post("/login", data={"email": info["voter_email"], "password": info["password"]})
    if response.status_code != 302:
        raise BenchError(f"login failed: HTTP {response.status_code}")
    ids = open_issue_ids(bench.app, info["voter_id"])
    chosen = rng.sample(ids, min(len(ids), WARMUP + COUNTS["vote"]))
    warmup = WARMUP if len(chosen) >= 2 * WARMUP else len(chosen) // 2  # a small database has few open issues
    if not chosen:
        raise BenchError("no open issue to support")
    samples = Samples()
    for i, issue_id in enumerate(chosen):
        url = f"/issues/{issue_id}/vote"
        response = bench.request(lambda: client.post(url, data={"action": "add"},
                                                     headers={"Accept": "application/json"}),
                                 url, samples, keep=i >= warmup)
        if not (response.is_json and response.get_json().get("voted") is True):
            raise BenchError(f"{url}: vote not recorded: {response.get_data(as_text=True)[:200]}")
    return samples


def time_scan(app, words):
    """The naive LIKE scan for the same words (count + first page), timing only the SQL."""
    times = []
    with app.app_context():
        for i, word in enumerate(words):
            start = time.perf_counter()
            db.session.execute(text(SCAN_COUNT_SQL), {"w": f"%{word}%"}).scalar()
            db.session.execute(text(SCAN_SQL), {"w": f"%{word}%"}).all()
            if i >= WARMUP:
                times.append((time.perf_counter() - start) * 1000)
        db.session.remove()
    return times


def count_list_statements(app, per_page, n_issues):
    """Statements for one GET /issues, with list_issues asked for `per_page` rows (the route has no such
    parameter, so its call is redirected for this one request; everything else is the real route)."""
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    original = queries.list_issues
    queries.list_issues = lambda f, **_ignored: original(f, per_page=per_page)
    try:
        client = app.test_client()
        with listening(_engine(app), before_cursor_execute=record):
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
    with Bench(app).running() as bench:
        list_samples, list_by_kind = measure_list(bench, client, rng, info["centers"])
        detail = bench.gets(client, [f"/issues/{rng.randint(1, n)}" for _ in range(WARMUP + COUNTS["detail"])])
        words = search_words(rng)
        searches, search_empty = measure_searches(bench, client, words)
        votes = measure_votes(bench, info, rng)
        floor = bench.gets(client, ["/_bench_floor"] * (WARMUP + COUNTS["floor"]))
    scans = {length: time_scan(app, w) for length, w in words.items()}
    statements_20 = count_list_statements(app, 20, n)
    statements_100 = count_list_statements(app, 100, n)
    return {
        **list_samples.figures("list", 50, 95), "list_by_query": list_by_kind,
        **detail.figures("detail", 50, 95),
        "search_by_length": {length: dict(samples.figures("search", 50, 95),
                                          scan_p50_ms=percentile(scans[length], 50),
                                          scan_p95_ms=percentile(scans[length], 95))
                             for length, samples in searches.items()},
        "search_empty_results": search_empty,
        **votes.figures("vote", 50, 95), "votes_timed": len(votes.wall),
        "floor_p50_ms": percentile(floor.wall, 50),
        "list_queries": len(statements_20), "list_queries_100": len(statements_100),
        "list_statements": [" ".join(s.split())[:240] for s in statements_20],
    }
