"""Fast synthetic data for the benchmark: bulk Core inserts, never the ORM services.

Issue ids follow created_at (as they would in production), every counter equals its rows
(vote_count = votes, comment_count = comments, photo_count = photos), and issue_search holds
title, body and comments per issue, the way app/issues/search.py::document_for builds it.
"""
import random
import secrets
from datetime import timedelta

from markupsafe import escape
from sqlalchemy import insert, text
from werkzeug.security import generate_password_hash

from app.accounts.models import User
from app.centers.models import Center
from app.demo.services import load_yaml
from app.extensions import db
from app.issues import search
from app.issues.models import Comment, Issue, IssueTag, StatusChange, Vote
from app.photos.models import Photo
from app.util.time import utcnow
from tests.bench import vocabulary as v

CHUNK = 5000
PASSWORD = "bench-password-123"
VOTER_EMAIL = "bench-voter@example.jp"
STATUSES = ["new", "dialogue", "workshop", "in_progress", "resolved"]
SPAN = timedelta(days=3 * 365)
BOUNDS = (35.30, 139.28, 35.40, 139.39)


def insert_rows(table, rows):
    """INSERT rows (dicts with the same keys) in chunks of CHUNK."""
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start:start + CHUNK])


def insert_search_rows(rows):
    """Index rows built by the app's own code (app/issues/search.py::index_row), in bulk."""
    dialect = db.session.get_bind().dialect.name
    for start in range(0, len(rows), CHUNK):
        search.write_rows(db.session, [search.index_row(*r) for r in rows[start:start + CHUNK]], dialect)


def _html(body):
    return f"<p>{escape(body)}</p>"


def seed_centers():
    now = utcnow()
    rows = [dict(id=i + 1, name=c["name"], district=c["district"], address="", phone="", description="",
                 position=i, is_sample=True, active=True, created_at=now, updated_at=now)
            for i, c in enumerate(load_yaml(v.CENTERS_FILE)["centers"])]
    insert_rows(Center.__table__, rows)
    return [r["id"] for r in rows]


def seed_users(n_users):
    """n_users residents plus one voter who never posts or votes in the seed (ids 1..n_users+1)."""
    password_hash = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")  # once, for every row
    now = utcnow()
    rows = [dict(id=i, email=f"bench{i}@example.jp", display_name=f"住民{i}", password_hash=password_hash,
                 role="resident", session_token=secrets.token_urlsafe(24), home_center_id=None,
                 age_band=None, created_at=now - SPAN, email_confirmed_at=now - SPAN, last_login_at=None,
                 suspended_until=None, suspension_reason=None, deleted_at=None)
            for i in range(1, n_users + 2)]
    rows[-1]["email"] = VOTER_EMAIL
    insert_rows(User.__table__, rows)
    return n_users + 1


def _fill(template, rng, place):
    return template.format(place=place, time=rng.choice(v.TIMES), group=rng.choice(v.GROUPS))


def _text(rng):
    """(title, body) for one issue; a rare word goes into a few titles (and so into their bodies)."""
    place = rng.choice(v.PLACES)
    problem = rng.choice(v.PROBLEMS)
    roll = rng.random()
    for _word, share, rare_problem in v.RARE:
        if roll < share:
            problem = rare_problem
            break
        roll -= share
    title = f"{place}の{problem}"[:80]
    sentences = [f"{place}のあたりで、{problem}です。"]
    sentences += [_fill(s, rng, place) for s in rng.sample(v.SENTENCES, rng.randint(1, 3))]
    return title, "".join(sentences), place


def _status(rng, age_fraction):
    """Older issues have moved further along the lifecycle."""
    weights = [1.0 - 0.8 * age_fraction, 1.0, 0.4, 0.6, 0.2 + 1.5 * age_fraction]
    return rng.choices(STATUSES, weights)[0]


def _participation(rows, issue_id, created_at, place, ctx):
    """Votes (distinct users) and comments after the post; returns (votes, comment texts, last activity)."""
    rng, n_users = ctx["rng"], ctx["n_users"]
    window = min(ctx["now"] - created_at, timedelta(days=120))
    last = created_at
    n_votes = min(round(rng.expovariate(0.1)), n_users)  # mean about 10, a few popular issues
    for user_id in rng.sample(range(1, n_users + 1), n_votes):
        at = created_at + window * rng.random()
        last = max(last, at)
        rows["votes"].append(dict(issue_id=issue_id, user_id=user_id, created_at=at))
    comments = [_fill(rng.choice(v.COMMENTS), rng, place) for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4)))]
    for comment in comments:
        at = created_at + window * rng.random()
        last = max(last, at)
        rows["comments"].append(dict(
            issue_id=issue_id, author_id=rng.randint(1, n_users), parent_id=None, body=comment,
            body_html=_html(comment), is_official=False, official_center_id=None, hidden_reason="",
            created_at=at, edited_at=None, deleted_at=None))
    return n_votes, comments, last


def _history_and_photo(rows, issue_id, author, created_at, status, last):
    """The public timeline, and a photo on every 8th issue (so list pages load thumbnails); returns photos."""
    rows["changes"].append(dict(issue_id=issue_id, from_status=None, to_status="new",
                                note="投稿を受け付けました。", actor_id=author, created_at=created_at))
    if status != "new":
        rows["changes"].append(dict(issue_id=issue_id, from_status="new", to_status=status,
                                    note=v.STATUS_NOTES[status], actor_id=None, created_at=last))
    if issue_id % 8:
        return 0
    token = secrets.token_hex(16)
    rows["photos"].append(dict(
        token=token, owner_id=author, attached_type="Issue", attached_id=issue_id, position=0,
        filename=f"{token}.jpg", thumb_filename=f"{token}_t.jpg", width=800, height=600,
        size_bytes=120_000, alt="", created_at=created_at))
    return 1


def _one_issue(rows, issue_id, created_at, ctx):
    rng = ctx["rng"]
    author = rng.randint(1, ctx["n_users"])
    title, body, place = _text(rng)
    status = _status(rng, (ctx["now"] - created_at) / SPAN)
    for code in rng.sample(v.THEMES, rng.choice((1, 1, 2, 2, 3))):
        rows["tags"].append(dict(issue_id=issue_id, code=code, added_by_id=author, created_at=created_at))
    n_votes, comments, last = _participation(rows, issue_id, created_at, place, ctx)
    photos = _history_and_photo(rows, issue_id, author, created_at, status, last)
    pinned = rng.random() < 0.6
    rows["issues"].append(dict(
        id=issue_id, title=title, body=body, body_html=_html(body), center_id=rng.choice(ctx["centers"]),
        author_id=author, status=status, status_note=v.STATUS_NOTES.get(status, ""),
        lat=rng.uniform(BOUNDS[0], BOUNDS[2]) if pinned else None,
        lng=rng.uniform(BOUNDS[1], BOUNDS[3]) if pinned else None,
        vote_count=n_votes, comment_count=len(comments), photo_count=photos, duplicate_of_id=None,
        hidden_reason="", submission_key=None, created_at=created_at, updated_at=created_at,
        last_activity_at=last))
    rows["search"].append((issue_id, title, body, "\n".join(comments)))


def _issue_batch(ids, created, ctx):
    """Rows for every table, for the issues with these ids."""
    rows = {k: [] for k in ("issues", "tags", "votes", "comments", "changes", "photos", "search")}
    for issue_id, created_at in zip(ids, created):
        _one_issue(rows, issue_id, created_at, ctx)
    return rows


def _insert_batch(rows):
    insert_rows(Issue.__table__, rows["issues"])
    for key, table in (("tags", IssueTag), ("votes", Vote), ("comments", Comment), ("changes", StatusChange),
                       ("photos", Photo)):
        insert_rows(table.__table__, rows[key])
    insert_search_rows(rows["search"])


def _after_bulk_load():
    """Advance PostgreSQL sequences past the explicit ids; refresh planner statistics."""
    if db.session.get_bind().dialect.name == "postgresql":
        for table in ("centers", "users", "issues"):
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                    f"(SELECT max(id) FROM {table}))"))
        db.session.commit()
        # VACUUM (not allowed in a transaction) also sets the visibility map, as autovacuum would have
        # done on a live database; without it index-only scans are not representative.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def seed(n_issues, n_users=2000, rng_seed=1):
    """Fill the (freshly migrated) database; returns what the measurements need. Call in an app context."""
    rng = random.Random(rng_seed)
    now = utcnow()
    centers = seed_centers()
    voter_id = seed_users(n_users)
    db.session.commit()
    created = sorted(now - SPAN * rng.random() for _ in range(n_issues))
    ctx = dict(rng=rng, now=now, n_users=n_users, centers=centers)
    for start in range(0, n_issues, CHUNK):
        ids = range(start + 1, min(start + CHUNK, n_issues) + 1)
        _insert_batch(_issue_batch(ids, created[start:start + len(ids)], ctx))
        db.session.commit()
    _after_bulk_load()
    return dict(centers=centers, voter_id=voter_id, voter_email=VOTER_EMAIL, password=PASSWORD)


def check_counters():
    """Issues whose counters disagree with their rows (must be 0)."""
    return db.session.execute(text(
        "SELECT count(*) FROM issues i WHERE vote_count <> (SELECT count(*) FROM votes v WHERE v.issue_id = i.id) "
        "OR comment_count <> (SELECT count(*) FROM comments c WHERE c.issue_id = i.id) "
        "OR photo_count <> (SELECT count(*) FROM photos p WHERE p.attached_type = 'Issue' AND p.attached_id = i.id) "
        "OR last_activity_at < created_at")).scalar_one()
