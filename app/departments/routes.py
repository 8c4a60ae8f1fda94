"""The public list of 担当課 and the staff admin pages."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.departments import bp
from app.departments.forms import DepartmentForm
from app.departments.models import Department
from app.departments.services import DEPARTMENT_FIELDS, active_departments, save_department
from app.extensions import db
from app.permissions import can_manage_departments, permission_required


@bp.app_template_global()
def department_options():
    """Active departments, for pickers in other features' templates (e.g. where a 対象外 issue is sent)."""
    return active_departments()


@bp.route("/departments")
def index():
    """Every department with what it handles and how to reach it (where 対象外 issues are sent)."""
    return render_template("departments/index.html", departments=active_departments())


@bp.route("/admin/departments")
@permission_required(can_manage_departments)
def admin_index():
    """Staff: every department, including inactive ones, with its staff."""
    departments = db.session.execute(db.select(Department).order_by(Department.position, Department.id)).scalars().all()
    return render_template("departments/admin_index.html", departments=departments)


@bp.route("/admin/departments/new", methods=["GET", "POST"])
@bp.route("/admin/departments/<int:department_id>", methods=["GET", "POST"])
@permission_required(can_manage_departments)
def admin_edit(department_id=None):
    """Staff: add or edit a department."""
    department = db.get_or_404(Department, department_id) if department_id else None
    form = DepartmentForm(obj=department)
    if form.validate_on_submit():
        duplicate = db.session.execute(db.select(Department.id).where(Department.name == form.name.data)).scalar()
        if duplicate and (department is None or duplicate != department.id):
            form.name.errors.append(_("同じ名前の担当課が既にあります。"))
        else:
            data = {f: getattr(form, f).data for f in DEPARTMENT_FIELDS}
            data["position"] = data["position"] or 0
            department = save_department(current_user, department, data)
            db.session.commit()
            flash(_("%(name)sを保存しました。", name=department.name), "success")
            return redirect(url_for("departments.admin_index"))
    return render_template("departments/admin_edit.html", form=form, department=department)
