"""Business verbs for photos. Services flush and raise; routes commit."""
import re
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from app.extensions import db
from app.photos.models import Photo
from app.util.images import MAX_BYTES, ImageError, process_image

MAX_PHOTOS = 4
TOKEN_RE = re.compile(r"[0-9a-f]{32}")


class PhotoError(ImageError):
    """A photo was refused; the message is shown to the resident."""


def photo_dir(create=False):
    """Folder holding every photo file: UPLOAD_DIR/photos."""
    path = Path(current_app.config["UPLOAD_DIR"]) / "photos"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(file_storage, owner):
    """Check, clean and store one uploaded photo; returns it unattached (pending), flushed."""
    max_bytes = current_app.config.get("PHOTO_MAX_BYTES", MAX_BYTES)
    # One byte over the limit is enough to refuse: a huge upload is never read whole.
    data = file_storage.stream.read(max_bytes + 1) if file_storage is not None else b""
    try:
        processed = process_image(data, max_bytes=max_bytes)
    except ImageError as exc:
        raise PhotoError(str(exc)) from None
    token = secrets.token_hex(16)
    photo = Photo(token=token, owner_id=owner.id if owner is not None else None,
                  filename=f"{token}.jpg", thumb_filename=f"{token}_t.jpg",
                  width=processed.width, height=processed.height, size_bytes=len(processed.full))
    folder = photo_dir(create=True)
    (folder / photo.filename).write_bytes(processed.full)
    (folder / photo.thumb_filename).write_bytes(processed.thumb)
    db.session.add(photo)
    try:
        db.session.flush()
    except Exception:
        delete_files(photo)  # no row, so no orphan files either
        raise
    return photo


def save_uploads(uploads, owner, limit, already=0):
    """Save uploaded photos until `limit` photos (counting `already` kept ones); one refused photo never stops
    the others. Returns (saved photos, messages naming each refused file)."""
    saved, errors = [], []
    for upload in uploads:
        if already + len(saved) >= limit:
            errors.append(_("写真は%(n)s枚までです。", n=limit))
            break
        try:
            saved.append(save_upload(upload, owner))
        except PhotoError as exc:
            errors.append(_("「%(name)s」: %(error)s", name=upload.filename[:40], error=exc))
    return saved, errors


def _clean_tokens(tokens):
    if isinstance(tokens, str):  # e.g. a hidden field "tok1,tok2"
        tokens = tokens.replace(",", " ").split()
    wanted = [t for t in (tokens or ()) if isinstance(t, str) and TOKEN_RE.fullmatch(t)]
    return list(dict.fromkeys(wanted))[:MAX_PHOTOS * 5]  # dedupe; bound the IN list


def pending_photos(owner, tokens):
    """The owner's unattached photos with these tokens, in the given order, at most MAX_PHOTOS."""
    wanted = _clean_tokens(tokens)
    if owner is None or not wanted:
        return []
    found = db.session.execute(
        db.select(Photo).where(Photo.token.in_(wanted), Photo.owner_id == owner.id,
                               Photo.attached_type.is_(None))
    ).scalars().all()
    by_token = {photo.token: photo for photo in found}
    return [by_token[t] for t in wanted if t in by_token][:MAX_PHOTOS]


def attach(photos, target):
    """Attach photos to a saved object (an Issue, ...) in the given order."""
    for position, photo in enumerate(photos):
        photo.attached_type = type(target).__name__
        photo.attached_id = target.id
        photo.position = position
    db.session.flush()


def photos_for(target):
    """The photos of one object, in display order."""
    return db.session.execute(
        db.select(Photo).where(Photo.attached_type == type(target).__name__, Photo.attached_id == target.id)
        .order_by(Photo.position, Photo.id)
    ).scalars().all()


def photos_for_many(type_name, ids):
    """{id: [photos in order]} for many objects of one type, in one query (list pages)."""
    ids = {i for i in ids if i is not None}
    result = {i: [] for i in ids}
    if not ids:
        return result
    rows = db.session.execute(
        db.select(Photo).where(Photo.attached_type == type_name, Photo.attached_id.in_(ids))
        .order_by(Photo.attached_id, Photo.position, Photo.id)
    ).scalars()
    for photo in rows:
        result[photo.attached_id].append(photo)
    return result


def delete_files(photo):
    """Remove the photo's files from disk (the row is the caller's to delete)."""
    folder = photo_dir()
    for name in (photo.filename, photo.thumb_filename):
        if name:
            (folder / name).unlink(missing_ok=True)
