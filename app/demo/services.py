"""Load the sample centers and demo accounts. Running it twice adds nothing."""
from pathlib import Path

import yaml

from app.accounts.models import Role, User
from app.accounts.services import create_user
from app.centers.models import Center
from app.extensions import db

DATA_DIR = Path(__file__).parent / "data"
DEMO_PASSWORD = "hiratsuka-demo"  # development data only; documented in the README

DEMO_STAFF = [
    # email, display name, role, centers (keys)
    ("admin@example.jp", "管理者（デモ）", Role.ADMIN.value, []),
    ("staff@example.jp", "協働推進課（デモ）", Role.STAFF.value, []),
    ("facilitator@example.jp", "崇善公民館 伴走者（デモ）", Role.FACILITATOR.value, ["崇善", "港"]),
    ("facilitator2@example.jp", "金目公民館 伴走者（デモ）", Role.FACILITATOR.value, ["金目"]),
    ("reviewer@example.jp", "審査委員（デモ）", Role.REVIEWER.value, []),
    ("resident@example.jp", "さくら（デモ住民）", Role.RESIDENT.value, []),
]


def load_yaml(name):
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def seed_centers():
    """Sample 公民館 (marked is_sample) keyed by name; returns {key: Center}."""
    by_key = {}
    for i, row in enumerate(load_yaml("centers.yaml")["centers"]):
        center = db.session.execute(db.select(Center).where(Center.name == row["name"])).scalar_one_or_none()
        if center is None:
            center = Center(name=row["name"], district=row["district"], position=i, is_sample=True)
            db.session.add(center)
        by_key[row["key"]] = center
    db.session.flush()
    return by_key


def seed_staff(centers):
    """Demo accounts for each role; returns {email: User}."""
    users = {}
    for email, name, role, center_keys in DEMO_STAFF:
        user = db.session.execute(db.select(User).where(User.email == email)).scalar_one_or_none()
        if user is None:
            user = create_user(email, name, DEMO_PASSWORD, role=role, centers=[centers[k] for k in center_keys])
        users[email] = user
    return users


def seed_all():
    from flask import current_app
    from app.demo.issues import seed_issues
    from app.demo.grants import seed_cases, seed_grants
    from app.demo.evidence import seed_evidence
    from app.demo.workshops import seed_workshops

    centers = seed_centers()
    users = seed_staff(centers)
    # Demo notifications stay in-app: no mail log full of sample messages.
    backend = current_app.config["MAIL_BACKEND"]
    current_app.config["MAIL_BACKEND"] = "memory"
    try:
        issues = seed_issues(load_yaml("issues.yaml"), centers, users)
        workshops = seed_workshops(centers)
        grants = seed_grants(centers)
        cases = seed_cases(load_yaml("cases.yaml"), centers) if (DATA_DIR / "cases.yaml").exists() else 0
        evidence = seed_evidence(users, DEMO_PASSWORD)
    finally:
        current_app.config["MAIL_BACKEND"] = backend
    return {"centers": len(centers), "staff accounts": len(users), "issues": issues, "workshops": workshops,
            **grants, "case studies": cases, **evidence}
