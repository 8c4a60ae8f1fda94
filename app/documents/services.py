"""save_document(): PDFs checked by content, images re-encoded without EXIF; files kept private."""
import re
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from app.documents.models import Document
from app.extensions import db
from app.util.images import ImageError, process_image

MAX_BYTES = 10 * 1024 * 1024


class DocumentError(Exception):
    pass


def document_dir(create=False):
    path = Path(current_app.config["UPLOAD_DIR"]) / "documents"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def _safe_name(name):
    name = re.sub(r"[\\/\x00-\x1f<>:\"|?*]+", "_", Path(name or "file").name).strip(" .") or "file"
    return name[-100:]


def save_document(file_storage, owner, group, kind, *, allow_images=False):
    """Store an upload: a real PDF (or, for receipts, a photo); raise DocumentError with a Japanese message."""
    data = file_storage.stream.read(MAX_BYTES + 1)
    if not data:
        raise DocumentError(_("ファイルが空です。"))
    if len(data) > MAX_BYTES:
        raise DocumentError(_("ファイルは10MBまでです。"))
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]:
        content, ext, ctype = data, "pdf", "application/pdf"
    elif allow_images:
        try:
            content, ext, ctype = process_image(data).full, "jpg", "image/jpeg"
        except ImageError:
            raise DocumentError(_("PDFまたは写真（JPEG・PNG・WebP）を選んでください。"))
    else:
        raise DocumentError(_("PDFファイルを選んでください（中身がPDFではありませんでした）。"))
    # The token names the file, so it is set now (the column default would only apply at flush: every file "None.pdf").
    doc = Document(token=secrets.token_hex(16), owner_id=owner.id, group_id=getattr(group, "id", None), kind=kind,
                   display_name=_safe_name(file_storage.filename), content_type=ctype, size_bytes=len(content),
                   stored_name="")
    doc.stored_name = f"{doc.token}.{ext}"
    (document_dir(create=True) / doc.stored_name).write_bytes(content)
    db.session.add(doc)
    db.session.flush()
    return doc
