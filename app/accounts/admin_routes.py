"""Staff pages: find users and assign roles (with audit)."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts import bp, forms, services
from app.accounts.models import ROLE_LABELS, Role, User
from app.centers.services import active_centers, get_center
from app.departments.services import active_departments, get_department
from app.extensions import db
from app.permissions import can_assign_role, can_change_role_of, can_manage_users, permission_required, require
from app.util.http import int_arg, str_arg
from app.util.pagination import paginate


@bp.route("/admin/users")
@permission_required(can_manage_users)
def admin_users():
    """List users with search by name/e-mail and filter by role."""
    q = str_arg("q")
    role = str_arg("role", 20)
    stmt = db.select(User).where(User.deleted_at.is_(None)).order_by(User.created_at.desc())
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(db.or_(db.func.lower(User.display_name).like(like), User.email.like(like)))
    if role in {r.value for r in Role}:
        stmt = stmt.where(User.role == role)
    page = paginate(stmt, int_arg("page"), per_page=30)
    return render_template("accounts/admin_users.html", page=page, q=q, role=role, roles=ROLE_LABELS)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@permission_required(can_manage_users)
def admin_user(user_id):
    """Change one user's role and facilitator centers."""
    user = db.get_or_404(User, user_id)
    require(can_change_role_of, user)
    form = forms.RoleForm(obj=user)
    form.centers.choices = [(c.id, c.name) for c in active_centers()]
    form.departments.choices = [(d.id, d.name) for d in active_departments()]
    if not form.is_submitted():
        form.centers.data = [c.id for c in user.centers]
        form.departments.data = [d.id for d in user.departments]
    if form.validate_on_submit():
        if not can_assign_role(current_user, form.role.data):
            form.role.errors.append(_("この役割を付与する権限がありません。"))
        else:
            services.set_role(current_user, user, form.role.data, [get_center(i) for i in form.centers.data],
                              [get_department(i) for i in form.departments.data])
            db.session.commit()
            flash(_("%(name)sさんの役割を「%(role)s」にしました。", name=user.display_name, role=user.role_label),
                  "success")
            return redirect(url_for("accounts.admin_users"))
    return render_template("accounts/admin_user.html", form=form, user=user)
