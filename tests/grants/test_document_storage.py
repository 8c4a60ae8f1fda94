"""Private documents (規約, receipts) are stored one file each, so one group's upload never replaces another's."""
import io

from werkzeug.datastructures import FileStorage

from app.documents.services import save_document
from app.extensions import db
from tests.factories import make_group, pdf_bytes


def test_each_private_document_is_its_own_file(as_user):
    first, second = make_group(), make_group()
    docs = []
    for group, marker in ((first, b"first"), (second, b"second")):
        data = pdf_bytes().replace(b"%%EOF", b"%" + marker + b"\n%%EOF")
        docs.append(save_document(FileStorage(io.BytesIO(data), filename="kiyaku.pdf"), group.members[0].user, group,
                                  "rules"))
    db.session.commit()
    assert docs[0].stored_name != docs[1].stored_name and "None" not in docs[0].stored_name
    body = as_user(first.members[0].user).get(f"/documents/{docs[0].token}").data
    assert b"%first" in body and b"%second" not in body
