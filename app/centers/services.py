"""Business verbs for 公民館."""
from app.audit.services import save_audited
from app.centers.models import Center
from app.extensions import db


def active_centers():
    return db.session.execute(
        db.select(Center).where(Center.active.is_(True)).order_by(Center.position, Center.id)
    ).scalars().all()


def center_choices(blank="選択しない"):
    """(id, label) pairs for a SelectField; id 0 means none chosen."""
    choices = [(c.id, f"{c.name}（{c.district}）") for c in active_centers()]
    return ([(0, blank)] if blank else []) + choices


def get_center(center_id):
    return db.session.get(Center, center_id) if center_id else None


CENTER_FIELDS = ("name", "district", "address", "phone", "description", "position", "active", "premoderate_first_posts")


def save_center(actor, center, data):
    """Create or update a center from form data, with an audit row."""
    return save_audited(actor, center, Center, data, CENTER_FIELDS, "center")
