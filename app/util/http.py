"""Request helpers: safe redirects and validated query parameters."""
from urllib.parse import urlsplit

from flask import request
from werkzeug.routing import IntegerConverter

from app.util.sanitize import clean_text


def safe_next(default):
    """The `next` parameter if it is a local path, else `default` (no open redirects, no header injection)."""
    target = request.values.get("next") or ""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):  # CR/LF and other control characters: refused
        return default
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.scheme and not parts.netloc \
            and "\\" not in target:
        return target
    return default


def int_arg(name, default=1, minimum=1, maximum=10_000):
    """A positive integer query parameter; anything malformed becomes the default."""
    try:
        value = int(request.args.get(name, default))
    except (TypeError, ValueError):
        return default
    return min(max(value, minimum), maximum)


def str_arg(name, max_length=100):
    """A query parameter as clean text (no NUL or control characters), trimmed to max_length."""
    return clean_text(request.args.get(name, ""))[:max_length]


def perform(action, *, success, back, errors):
    """Run one service call for a POST: commit and flash `success`, or roll back and flash the broken rule.

    Returns `back` (a redirect) either way, so a handler reads: load → check → perform.
    """
    from flask import flash

    from app.extensions import db

    try:
        action()
    except errors as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return back
    db.session.commit()
    flash(success, "success")
    return back


# Ids are 32-bit integer columns (PostgreSQL INTEGER; SQLite raises OverflowError beyond 64 bits).
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: a number beyond any stored id is simply not found (404), never a 500."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
