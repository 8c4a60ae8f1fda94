"""Demo residents, issues, supports, comments and a few photos, from data/issues.yaml.

Everything goes through the real services (so history, counters and the search index are
right), then dates are moved into the past. Keyed by submission_key "demo:<key>": idempotent.
"""
import io
import random
from datetime import timedelta

from PIL import Image, ImageDraw
from werkzeug.datastructures import FileStorage
from werkzeug.security import generate_password_hash

from app.accounts.models import Role, User
from app.extensions import db
from app.issues import services
from app.issues.lifecycle import Status
from app.issues.models import Comment, Issue, StatusChange
from app.photos.services import save_upload
from app.util.time import utcnow

EXTRA_SUPPORTERS = 40
PHOTO_SCENES = {"i003": "beach", "i001": "road", "i012": "park", "i020": "river", "i002": "street", "i043": "park"}


def _account(email, name, password_hash, *, role=Role.RESIDENT.value, centers=(), home=None, age=None):
    user = db.session.execute(db.select(User).where(User.email == email)).scalar_one_or_none()
    if user is None:
        user = User(email=email, display_name=name, password_hash=password_hash, role=role,
                    email_confirmed_at=utcnow(), home_center=home, age_band=age)
        user.centers = list(centers)
        db.session.add(user)
        db.session.flush()
    return user


def _facilitator(center_key, centers, staff_users, password_hash):
    """The 伴走者 of a center: the named demo accounts where they exist, otherwise one per center."""
    for user in staff_users.values():
        if user.role == Role.FACILITATOR.value and any(c.id == centers[center_key].id for c in user.centers):
            return user
    center = centers[center_key]
    return _account(f"facilitator-{center.id}@example.jp", f"{center.name} 伴走者（デモ）", password_hash,
                    role=Role.FACILITATOR.value, centers=[center])


def _scene(kind):
    """A simple drawn picture standing in for a resident's photo (demo only)."""
    rng = random.Random(kind)
    img = Image.new("RGB", (1200, 800), (200, 225, 245))
    d = ImageDraw.Draw(img)
    ground = {"beach": (230, 214, 170), "road": (120, 120, 125), "park": (110, 170, 90),
              "river": (90, 150, 200), "street": (170, 165, 160)}[kind]
    d.rectangle([0, 420, 1200, 800], fill=ground)
    if kind == "road":
        for x in range(0, 1200, 160):
            d.rectangle([x, 600, x + 90, 620], fill=(245, 245, 245))
    if kind in ("park", "river"):
        for _ in range(12):
            x = rng.randint(0, 1150)
            d.ellipse([x, 330, x + 80, 440], fill=(60, 130, 70))
    if kind == "street":
        for x in range(40, 1200, 220):
            d.rectangle([x, 220, x + 180, 440], fill=(rng.randint(150, 220), 150, 140))
            d.rectangle([x + 30, 330, x + 150, 440], fill=(90, 90, 100))
    if kind == "beach":
        d.rectangle([0, 380, 1200, 440], fill=(70, 140, 200))
        for _ in range(25):
            x, y = rng.randint(0, 1180), rng.randint(480, 780)
            d.rectangle([x, y, x + 14, y + 8], fill=(rng.randint(0, 255), rng.randint(0, 255), 255))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def seed_issues(data, centers, staff_users, password_hash=None):
    """Create the demo issues once; returns how many exist."""
    password_hash = password_hash or generate_password_hash("hiratsuka-demo")
    personas = {p["key"]: _account(f"{p['key']}@example.jp", p["display_name"], password_hash,
                                   home=centers.get(p["center"]), age=p.get("age_band"))
                for p in data["personas"]}
    supporters = list(personas.values()) + [
        _account(f"supporter{n:02d}@example.jp", f"平塚の住民{n}", password_hash) for n in range(1, EXTRA_SUPPORTERS + 1)]
    now = utcnow()
    by_key = {}
    for row in data["issues"]:
        existing = db.session.execute(
            db.select(Issue).where(Issue.submission_key == f"demo:{row['key']}")).scalar_one_or_none()
        if existing is not None:
            by_key[row["key"]] = existing
            continue
        by_key[row["key"]] = _seed_issue(row, by_key, personas, supporters, centers, staff_users, password_hash, now)
    return len(by_key)


def _seed_issue(row, by_key, personas, supporters, centers, staff_users, password_hash, now):
    author, center = personas[row["author"]], centers[row["center"]]
    created = now - timedelta(days=row["days_ago"], hours=random.Random(row["key"]).randint(0, 12))
    photos = []
    if row["key"] in PHOTO_SCENES:
        upload = FileStorage(io.BytesIO(_scene(PHOTO_SCENES[row["key"]])), filename="photo.jpg")
        photos = [save_upload(upload, author)]
    lat, lng = (row.get("location") or (None, None))
    issue = services.submit_issue(author, title=row["title"], body=row["body"].strip(), center=center,
                                  themes=row["themes"], lat=lat, lng=lng, photos=photos,
                                  submission_key=f"demo:{row['key']}")
    for user in [u for u in supporters if u.id != author.id][:row.get("supports", 0)]:
        services.cast_vote(user, issue)
    comments = []
    for c in row.get("comments", []):
        official = c["author"].startswith("staff:")
        who = _facilitator(c["author"][6:], centers, staff_users, password_hash) if official else personas[c["author"]]
        parent = comments[c["reply_to"]] if c.get("reply_to") is not None else None
        comment = services.add_comment(who, issue, c["body"].strip(), parent=parent,
                                       official_center=centers[c["author"][6:]] if official else None)
        comment.created_at = created + timedelta(days=c.get("days_after", 0), hours=len(comments) + 1)
        comments.append(comment)
    if row["status"] != Status.NEW.value:
        facilitator = _facilitator(row["center"], centers, staff_users, password_hash)
        _apply_status(issue, row, by_key, author, facilitator)
        if row.get("plan_tags"):
            services.set_plan_tags(facilitator, issue, row["plan_tags"])
    db.session.flush()
    issue.created_at = issue.updated_at = created
    issue.last_activity_at = max([created] + [c.created_at for c in comments])
    db.session.execute(db.update(Comment).where(Comment.issue_id == issue.id, Comment.created_at > now)
                       .values(created_at=now - timedelta(hours=1)))
    _spread_history(issue, created, issue.last_activity_at, now)
    return issue


def _spread_history(issue, created, last_activity, now):
    """Date the status steps in order, between the post and just after the latest comment."""
    changes = db.session.execute(db.select(StatusChange).where(StatusChange.issue_id == issue.id)
                                 .order_by(StatusChange.id)).scalars().all()
    final = min(now - timedelta(hours=1), max(last_activity + timedelta(days=1), created + timedelta(days=2)))
    steps = changes[1:]
    for n, change in enumerate(changes):
        change.created_at = created if n == 0 else created + (final - created) * n / len(steps)


def _apply_status(issue, row, by_key, author, facilitator):
    """Walk the lifecycle to the row's status, as a facilitator (or the author, for 取り下げ)."""
    target = Status(row["status"])
    note = row.get("status_note") or "状態を更新しました。"
    path = {Status.DIALOGUE: [Status.DIALOGUE], Status.WORKSHOP: [Status.DIALOGUE, Status.WORKSHOP],
            Status.IN_PROGRESS: [Status.DIALOGUE, Status.WORKSHOP, Status.IN_PROGRESS],
            Status.RESOLVED: [Status.DIALOGUE, Status.WORKSHOP, Status.IN_PROGRESS, Status.RESOLVED],
            Status.DUPLICATE: [Status.DUPLICATE], Status.OUT_OF_SCOPE: [Status.OUT_OF_SCOPE],
            Status.WITHDRAWN: [Status.WITHDRAWN]}[target]
    for step in path:
        if step == Status.WITHDRAWN:
            services.withdraw_issue(author, issue, note)
            continue
        if step == Status.DUPLICATE:
            issue.duplicate_of = by_key.get(row.get("duplicate_of"))
        step_note = note if step == target else f"{issue.center.name}の伴走者が対応しています。"
        services.change_status(facilitator, issue, step, step_note, as_whom="facilitator")
