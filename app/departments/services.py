"""Business verbs for 担当課 data."""
from app.audit.services import save_audited
from app.departments.models import Department
from app.extensions import db

DEPARTMENT_FIELDS = ("name", "contact_url", "phone", "handles", "position", "active")


def active_departments():
    return db.session.execute(db.select(Department).where(Department.active.is_(True))
                              .order_by(Department.position, Department.id)).scalars().all()


def department_choices(blank=None):
    """(id, name) pairs for a SelectField; id 0 means none chosen."""
    choices = [(d.id, d.name) for d in active_departments()]
    return ([(0, blank)] if blank else []) + choices


def get_department(department_id):
    return db.session.get(Department, department_id) if department_id else None


def save_department(actor, department, data):
    """Create or update a department from form data, with an audit row."""
    return save_audited(actor, department, Department, data, DEPARTMENT_FIELDS, "department")
