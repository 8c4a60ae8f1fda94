"""Public list of 公民館 and the staff admin pages."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.centers import bp
from app.centers.forms import CenterForm
from app.centers.models import Center
from app.centers.services import CENTER_FIELDS, active_centers, save_center
from app.extensions import db
from app.permissions import can_manage_centers, permission_required


@bp.route("/")
def index():
    """All 公民館 and their districts."""
    return render_template("centers/index.html", centers=active_centers())


@bp.route("/admin")
@permission_required(can_manage_centers)
def admin_index():
    """Staff: every center, including inactive ones."""
    centers = db.session.execute(db.select(Center).order_by(Center.position, Center.id)).scalars().all()
    return render_template("centers/admin_index.html", centers=centers)


@bp.route("/admin/new", methods=["GET", "POST"])
@bp.route("/admin/<int:center_id>", methods=["GET", "POST"])
@permission_required(can_manage_centers)
def admin_edit(center_id=None):
    """Staff: add or edit a center."""
    center = db.get_or_404(Center, center_id) if center_id else None
    form = CenterForm(obj=center)
    if form.validate_on_submit():
        duplicate = db.session.execute(db.select(Center.id).where(Center.name == form.name.data)).scalar()
        if duplicate and (center is None or duplicate != center.id):
            form.name.errors.append(_("同じ名前の公民館が既にあります。"))
        else:
            data = {f: getattr(form, f).data for f in CENTER_FIELDS}
            data["position"] = data["position"] or 0
            center = save_center(current_user, center, data)
            db.session.commit()
            flash(_("%(name)sを保存しました。", name=center.name), "success")
            return redirect(url_for("centers.admin_index"))
    return render_template("centers/admin_edit.html", form=form, center=center)
