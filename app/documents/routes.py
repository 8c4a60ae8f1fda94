"""Serve a private document to its group's members and city staff/reviewers only."""
from flask import abort, send_from_directory
from flask_login import login_required

from app.documents import bp
from app.documents.models import Document
from app.documents.services import document_dir
from app.extensions import db
from app.permissions import can_view_document, require


@bp.route("/documents/<token>")
@login_required
def download(token):
    """Download a document (never cached by shared caches)."""
    doc = db.session.execute(db.select(Document).where(Document.token == token)).scalar_one_or_none() or abort(404)
    require(can_view_document, doc)
    response = send_from_directory(document_dir(), doc.stored_name, mimetype=doc.content_type, as_attachment=True,
                                   download_name=doc.display_name)
    response.headers["Cache-Control"] = "private, no-store"
    return response
