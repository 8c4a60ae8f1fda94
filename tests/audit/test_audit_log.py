"""The audit log is append-only, in the app and in the database."""
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.audit.models import AuditEntry, AuditLogIsAppendOnly
from app.audit.services import record
from app.extensions import db
from tests.factories import make_user


def _entry():
    actor = make_user("staff")
    entry = record(actor, "test.action", ("Thing", 1), reason="理由")
    db.session.commit()
    return entry


def test_audit_rows_cannot_be_changed_through_the_orm():
    entry = _entry()
    entry.reason = "書き換え"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEntry, entry.id))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()


def test_audit_rows_cannot_be_changed_even_with_raw_sql():
    entry = _entry()
    with pytest.raises(DBAPIError):
        db.session.execute(text("UPDATE audit_entries SET reason = 'x' WHERE id = :id"), {"id": entry.id})
    db.session.rollback()
    with pytest.raises(DBAPIError):
        db.session.execute(text("DELETE FROM audit_entries WHERE id = :id"), {"id": entry.id})
    db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).reason == "理由"


def test_staff_browse_and_filter_the_log(as_user):
    _entry()
    staff = make_user("staff")
    html = as_user(staff).get("/admin/audit/?action=test").get_data(as_text=True)
    assert "test.action" in html and "理由" in html
    html = as_user(staff).get("/admin/audit/?action=nothing").get_data(as_text=True)
    assert "記録はまだありません" in html


def test_audit_page_has_no_edit_or_delete_controls(as_user):
    _entry()
    html = as_user(make_user("admin")).get("/admin/audit/").get_data(as_text=True)
    assert "<form method=\"post\"" not in html.split("<main")[1].split("</main>")[0]
