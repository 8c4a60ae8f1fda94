"""Serving stored photo files."""
import re

from flask import abort, current_app, send_from_directory
from flask_login import current_user

from app.extensions import db
from app.permissions import can_view_photo

from app.photos import bp
from app.photos.models import Photo
from app.photos.services import photo_dir

FILE_NAME_RE = re.compile(r"[0-9a-f]{32}(_t)?\.jpg")
ONE_DAY = 86_400  # a photo hidden later leaves shared caches within a day


@bp.route("/media/photos/<name>")
def photo_file(name):
    """One photo or thumbnail, where what it belongs to can be seen (names are random and never reused)."""
    if not FILE_NAME_RE.fullmatch(name):
        abort(404)
    photo = db.session.execute(db.select(Photo).where(Photo.token == name[:32])).scalar_one_or_none()
    if photo is None or not can_view_photo(current_user, photo):
        abort(404)  # e.g. the photo of a post awaiting approval, hidden or withdrawn
    public = can_view_photo(current_app.login_manager.anonymous_user(), photo)
    response = send_from_directory(photo_dir(), name, mimetype="image/jpeg", max_age=ONE_DAY if public else 0)
    # Shared caches may keep public photos; anything the public cannot see is never stored.
    response.headers["Cache-Control"] = f"public, max-age={ONE_DAY}" if public else "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
