"""Serving stored photo files."""
import re

from flask import abort, send_from_directory

from app.photos import bp
from app.photos.services import photo_dir

FILE_NAME_RE = re.compile(r"[0-9a-f]{32}(_t)?\.jpg")
ONE_YEAR = 31_536_000


@bp.route("/media/photos/<name>")
def photo_file(name):
    """One photo or thumbnail; names are random and never reused, so caches may keep them forever."""
    if not FILE_NAME_RE.fullmatch(name):
        abort(404)
    response = send_from_directory(photo_dir(), name, mimetype="image/jpeg", max_age=ONE_YEAR)
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
