"""Sign-up states are one table (app/workshops/states.py); the service applies only its moves, each audited."""
import pytest

from app.audit.models import AuditEntry
from app.extensions import db
from app.workshops import services, states
from app.workshops.models import Registration
from app.workshops.states import RegistrationStatus as S
from tests.factories import make_user, make_workshop


def test_the_table_allows_only_the_moves_a_sign_up_can_make():
    assert states.allowed(None, S.CONFIRMED) and states.allowed(None, S.WAITLISTED)
    assert states.allowed(S.WAITLISTED, S.CONFIRMED) and states.allowed(S.CONFIRMED, S.CANCELLED)
    assert not states.allowed(None, S.CANCELLED)
    assert not states.allowed(S.CONFIRMED, S.WAITLISTED)  # a seat, once given, is not taken back
    assert all(states.label(s) for s in S)


def test_every_move_of_a_sign_up_leaves_an_audit_row(as_user):
    workshop = make_workshop(capacity=1)
    a, b = make_user(), make_user()
    as_user(a).post(f"/workshops/{workshop.id}/register")
    as_user(b).post(f"/workshops/{workshop.id}/register")
    as_user(a).post(f"/workshops/{workshop.id}/register", data={"action": "cancel"})
    entries = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "workshop.registration")
                                 .order_by(AuditEntry.id)).scalars().all()
    assert [(e.actor_id, (e.before or {}).get("status"), e.after["status"]) for e in entries] == [
        (a.id, None, "confirmed"), (b.id, None, "waitlisted"), (a.id, "confirmed", "cancelled"),
        (None, "waitlisted", "confirmed")]  # b promoted by the system


def test_a_move_outside_the_table_is_refused(as_user):
    workshop = make_workshop()
    user = make_user()
    as_user(user).post(f"/workshops/{workshop.id}/register")
    reg = db.session.execute(db.select(Registration)).scalar_one()
    with pytest.raises(services.WorkshopError):
        services.move_registration(user, reg, S.WAITLISTED)
    db.session.rollback()
    html = as_user(make_user()).post(f"/workshops/{workshop.id}/register", data={"action": "cancel"},
                                     follow_redirects=True).get_data(as_text=True)
    assert "申し込みが見つかりません。" in html
