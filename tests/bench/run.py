"""`make bench`: seed a fresh, migrated database twice (N/100 issues, then N) and measure through the app.

Environment: BENCH_ISSUES (default 100000; the small run has N/100, at least 100), BENCH_SEED, and
BENCH_DATABASE_URL (default: a temporary SQLite file; a PostgreSQL URL has its `public` schema DROPPED
and recreated, like the test suite: give it a database of its own; with BENCH_CREATE_DB=1 it is
created when missing — `make bench-pg` does that).
Before measuring, every search word's page 1 and count are compared with a naive scan (oracle.py):
a difference is a BenchError (exit code 1).
Writes instance/bench.json and prints a table. Exit code 0 even when a target is missed: it measures.
"""
import json
import logging
import os
import platform
import random
import sys
import tempfile
import time
from datetime import datetime, timezone

from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app
from app.extensions import db
from app.plan.services import load_plan, read_plan_file
from config import INSTANCE_DIR, TestConfig
from tests.bench import measure, oracle, seed, vocabulary

LENGTHS = list(vocabulary.SEARCH_WORDS_BY_LENGTH)  # "1", "2", "3+" characters
# metric, target description, check(figures) -> bool
TARGETS = [
    ("floor_ratio", "<= 5", lambda r: r["floor_ratio"] <= 5),
    ("scale_ratio", "<= 1.5", lambda r: r["scale_ratio"] <= 1.5),
    *[(f"search_vs_scan_{n}", "<= 0.1", lambda r, n=n: r[f"search_vs_scan_{n}"] <= 0.1) for n in LENGTHS],
    *[(f"search_vs_list_{n}", "<= 2", lambda r, n=n: r[f"search_vs_list_{n}"] <= 2) for n in LENGTHS],
    *[(f"search_scale_ratio_{n}", "<= 1.5", lambda r, n=n: r[f"search_scale_ratio_{n}"] <= 1.5) for n in LENGTHS],
    ("list_queries", "<= 8", lambda r: r["list_queries"] <= 8),
    ("list_queries_100", "<= 8, = list_queries",
     lambda r: r["list_queries_100"] <= 8 and r["list_queries_100"] == r["list_queries"]),
]
MIN_SMALL = 100  # the small run has N/100 issues, but at least this many (tiny N while developing)
ROWS = ["seed_seconds", "list_p50_ms", "list_p95_ms", "list_sql_p50_ms", "list_sql_p95_ms", "detail_p95_ms",
        "vote_p95_ms", "floor_p50_ms", "floor_ratio", "list_queries", "list_queries_100"]
SEARCH_ROWS = ["search_p50_ms", "search_p95_ms", "search_sql_p95_ms", "scan_p95_ms", "search_vs_scan",
               "search_wall_vs_scan", "search_vs_list"]


def say(message):
    print(message, flush=True)


def _reset_postgres_schema(url):
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def ensure_postgres_database(url):
    """Create the benchmark's own database when it does not exist yet (make bench-pg)."""
    from sqlalchemy.engine import make_url

    target = make_url(url)
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}).first():
            conn.execute(text(f'CREATE DATABASE "{target.database}"'))
            say(f"created database {target.database}")
    engine.dispose()


def build_app(url, upload_dir):
    """A migrated app with the plan loaded, rate limits off, and the bare floor route."""
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = url
    config.UPLOAD_DIR = upload_dir
    config.RATELIMIT_ENABLED = False  # the vote route allows 120 per hour
    if url.startswith("postgresql"):
        _reset_postgres_schema(url)
    app = create_app(config)
    measure.register_floor(app)
    with app.app_context():
        logging.disable(logging.INFO)  # alembic's env.py configures INFO logging for every revision
        try:
            upgrade()
        finally:
            logging.disable(logging.NOTSET)
        load_plan(read_plan_file(app.config["PLAN_DATA_FILE"]))
        db.session.commit()
        db.session.remove()
    return app


def run_size(n, url, workdir, rng_seed):
    """Seed n issues into a fresh database and measure; returns the figures."""
    app = build_app(url, os.path.join(workdir, "uploads"))
    with app.app_context():
        start = time.perf_counter()
        info = seed.seed(n, rng_seed=rng_seed)
        seconds = time.perf_counter() - start
        bad = seed.check_counters()
        dialect = db.engine.dialect.name
        db.session.remove()
    if bad:
        raise measure.BenchError(f"{bad} issues have counters that disagree with their rows")
    say(f"  seeded {n:,} issues on {dialect} in {seconds:.1f} s (counters consistent); checking search results...")
    start = time.perf_counter()
    correctness = oracle.check(app, vocabulary.SEARCH_WORDS)
    say(f"  page 1 and count of {correctness['words_checked']} words equal the naive scan's "
        f"({time.perf_counter() - start:.1f} s); measuring...")
    start = time.perf_counter()
    figures = measure.measure_all(app, dict(info, issues=n), random.Random(rng_seed))
    with app.app_context():
        bad = seed.check_counters()  # the votes just cast went through the app's own service
        db.session.remove()
        db.engine.dispose()
    if bad:
        raise measure.BenchError(f"after voting, {bad} issues have counters that disagree with their rows")
    say(f"  measured in {time.perf_counter() - start:.1f} s")
    return dict(figures, issues=n, dialect=dialect, seed_seconds=round(seconds, 1), search_correctness=correctness)


def _search_figures(run):
    """Flatten the per-length search figures, with their ratios (SQL vs SQL against the naive scan)."""
    out = {}
    for n, f in run["search_by_length"].items():
        out.update({f"{k}_{n}": v for k, v in f.items() if k != "search_sql_p50_ms"})
        out[f"search_vs_scan_{n}"] = f["search_sql_p95_ms"] / f["scan_p95_ms"]
        out[f"search_vs_list_{n}"] = f["search_p95_ms"] / run["list_p95_ms"]
        # Whole request (wall) against the scan's SQL: an upper bound, as SQLite runs part of a statement
        # in fetchall, after the SQL clock has stopped.
        out[f"search_wall_vs_scan_{n}"] = f["search_p95_ms"] / f["scan_p95_ms"]
    return out


def combine(full, small):
    """The headline figures for N, with the ratios and the small run nested."""
    report = dict(full)
    report["floor_ratio"] = full["list_p50_ms"] / full["floor_p50_ms"]
    report["scale_ratio"] = full["list_p95_ms"] / small["list_p95_ms"]
    # SQL against SQL: the search page's queries vs the naive LIKE scan answering the same question.
    report.update(_search_figures(full))
    small = dict(small, floor_ratio=small["list_p50_ms"] / small["floor_p50_ms"], **_search_figures(small))
    for n in LENGTHS:
        report[f"search_scale_ratio_{n}"] = full[f"search_by_length"][n]["search_p95_ms"] / \
            small["search_by_length"][n]["search_p95_ms"]
    report["small"] = _rounded(small)
    report["targets"] = {name: {"target": target, "pass": check(report)} for name, target, check in TARGETS}
    return _rounded(report)


def _rounded(figures):
    return {k: round(v, 3 if "ratio" in k or "_vs_" in k else 2) if isinstance(v, float) else v
            for k, v in figures.items()}


def print_table(report):
    small, targets = report["small"], report["targets"]
    header = ("metric", f"N={report['issues']:,}", f"N/100={small['issues']:,}", "target", "")
    lines = [header]
    for name in ROWS:
        target = targets.get(name, {})
        verdict = "" if not target else ("PASS" if target["pass"] else "MISS  <<<")
        small_value = small.get(name, "")
        lines.append((name, str(report[name]), "" if small_value == "" else str(small_value),
                      target.get("target", ""), verdict))
    lines.append(("scale_ratio", str(report["scale_ratio"]), "", targets["scale_ratio"]["target"],
                  "PASS" if targets["scale_ratio"]["pass"] else "MISS  <<<"))
    for name in SEARCH_ROWS:
        for n in LENGTHS:
            key = f"{name}_{n}"
            target = targets.get(key, {})
            verdict = "" if not target else ("PASS" if target["pass"] else "MISS  <<<")
            lines.append((f"{key} (chars)", str(report[key]), str(small.get(key, "")), target.get("target", ""),
                          verdict))
    for n in LENGTHS:
        key = f"search_scale_ratio_{n}"
        lines.append((key, str(report[key]), "", targets[key]["target"],
                      "PASS" if targets[key]["pass"] else "MISS  <<<"))
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    say("")
    say(f"ひらつか共創ひろば bench — {report['dialect']}")
    for i, row in enumerate(lines):
        say("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if i == 0:
            say("  ".join("-" * width for width in widths))
    say("list p50 by query at N (wall / of which SQL, ms): " + ", ".join(
        f"{kind} {v['p50_ms']}/{v['sql_p50_ms']}" for kind, v in report["list_by_query"].items()))
    missed = [name for name, t in targets.items() if not t["pass"]]
    say(f"MISSED TARGETS: {', '.join(missed)}" if missed else "all targets met")


def main():
    n = int(os.environ.get("BENCH_ISSUES", "100000"))
    url = os.environ.get("BENCH_DATABASE_URL")
    rng_seed = int(os.environ.get("BENCH_SEED", "1"))
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    if url and url.startswith("postgresql") and os.environ.get("BENCH_CREATE_DB"):
        ensure_postgres_database(url)
    with tempfile.TemporaryDirectory(prefix="hiratsuka-bench-") as workdir:
        runs = {}
        for label, size in (("small", min(n, max(n // 100, MIN_SMALL))), ("full", n)):
            say(f"[{label}] {size:,} issues")
            db_url = url or f"sqlite:///{os.path.join(workdir, label + '.sqlite')}"
            runs[label] = run_size(size, db_url, workdir, rng_seed)
    report = combine(runs["full"], runs["small"])
    report.update(runtime_seconds=round(time.perf_counter() - started, 1),
                  measured_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                  python=platform.python_version(), cpus=os.cpu_count(),
                  load_average=[round(load_before, 2), round(os.getloadavg()[0], 2)])  # other work skews latency
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    out = INSTANCE_DIR / "bench.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    say(f"written {out} (total {report['runtime_seconds']} s; 1-min load average before/after: "
        f"{report['load_average'][0]}/{report['load_average'][1]} on {report['cpus']} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
