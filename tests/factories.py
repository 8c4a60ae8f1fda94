"""Factory functions for test data. Default texts carry markup so every test exercises escaping."""
import itertools

from app.accounts.models import Role
from app.accounts.services import create_user
from app.centers.models import Center
from app.extensions import db

PASSWORD = "correct-horse-battery"
XSS = "<script>alert('xss')</script>"
_seq = itertools.count(1)


def reset_sequence():
    global _seq
    _seq = itertools.count(1)


def make_center(name=None, district=None, **kw):
    n = next(_seq)
    center = Center(name=name or f"テスト{n}公民館", district=district or f"テスト{n}地区", position=n, **kw)
    db.session.add(center)
    db.session.commit()
    return center


def make_user(role=Role.RESIDENT.value, *, email=None, display_name=None, centers=(), confirmed=True,
              password=PASSWORD):
    n = next(_seq)
    user = create_user(email or f"user{n}@example.jp", display_name or f"<b>住民{n}</b>", password,
                       role=role, centers=list(centers), confirmed=confirmed)
    db.session.commit()
    return user
