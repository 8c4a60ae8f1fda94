"""Group pages: list, page, create/edit, members and invitations, staff verification."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload

from app.chain import group_activity
from app.centers.services import center_choices, get_center
from app.extensions import db, limiter
from app.groups import bp, forms, services
from app.groups.models import Group, GroupMember
from app.util.forms import ActionForm
from app.permissions import (can_create_group, can_manage_group, can_verify_groups, can_view_private_contact,
                             permission_required, require)


def _load(group_id):
    return db.session.execute(db.select(Group).where(Group.id == group_id).options(
        selectinload(Group.members).joinedload(GroupMember.user))).scalar_one_or_none() or abort(404)


@bp.route("/groups")
def index():
    """All groups, verified first."""
    groups = db.session.execute(db.select(Group).options(joinedload(Group.center))
                                .order_by(Group.verified_at.is_(None), Group.name)).scalars().all()
    return render_template("groups/index.html", groups=groups)


@bp.route("/groups/<int:group_id>")
def detail(group_id):
    """A group: what it does, its issues, initiatives, grants and case studies."""
    group = _load(group_id)
    return render_template("groups/detail.html", g=group, member=services.membership(current_user, group),
                           show_private=can_view_private_contact(current_user, group), **group_activity(group))


@bp.route("/groups/new", methods=["GET", "POST"])
@bp.route("/groups/<int:group_id>/edit", methods=["GET", "POST"])
@login_required
@permission_required(can_create_group)
def edit(group_id=None):
    """Register a group (you become its owner) or edit it (owners)."""
    group = _load(group_id) if group_id else None
    if group is not None:
        require(can_manage_group, group)
    form = forms.GroupForm(obj=group)
    form.center.choices = center_choices(_("選ばない"))
    if request.method == "GET" and group is not None:
        form.center.data = group.center_id or 0
    if form.validate_on_submit():
        data = {f: getattr(form, f).data or ("" if f != "founded_on" else None) for f in services.FIELDS}
        data["center"] = get_center(form.center.data)
        try:
            group = services.save_group(current_user, group, data)
        except services.GroupError as exc:
            form.name.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("団体の情報を保存しました。"), "success")
            return redirect(url_for("groups.detail", group_id=group.id))
    return render_template("groups/form.html", form=form, g=group)


@bp.route("/groups/<int:group_id>/members", methods=["GET", "POST"])
@login_required
@limiter.limit("30 per hour", methods=["POST"])
def members(group_id):
    """Owners invite by e-mail, change roles and remove members."""
    group = _load(group_id)
    require(can_manage_group, group)
    form = forms.InviteForm()
    buttons = forms.MemberActionForm()
    action = buttons.action.data if request.method == "POST" else None
    try:
        if action == "invite" and form.validate():
            services.invite(current_user, group, form.email.data)
            flash(_("招待のメールを送りました。"), "success")
        elif action == "role":
            services.set_role(current_user, group, buttons.member_id(), buttons.role.data)
            flash(_("役割を変更しました。"), "success")
        elif action == "remove":
            services.remove_member(current_user, group, buttons.member_id())
            flash(_("メンバーから外しました。"), "success")
        else:
            action = None
    except (services.GroupError, ValueError) as exc:
        flash(str(exc), "error")
        action = None
    if action:
        db.session.commit()
        return redirect(url_for("groups.members", group_id=group.id))
    return render_template("groups/members.html", g=group, form=form)


@bp.route("/groups/join/<token>", methods=["GET", "POST"])
@login_required
def accept(token):
    """Accept an invitation (for the invited address)."""
    if request.method == "GET":
        return render_template("groups/accept.html", token=token)
    try:
        group = services.accept(current_user, token)
    except services.GroupError as exc:
        flash(str(exc), "error")
        return redirect(url_for("groups.index"))
    db.session.commit()
    flash(_("「%(name)s」のメンバーになりました。", name=group.name), "success")
    return redirect(url_for("groups.detail", group_id=group.id))


@bp.route("/groups/<int:group_id>/verify", methods=["POST"])
@login_required
@permission_required(can_verify_groups)
def verify(group_id):
    """Staff: mark the group verified (or withdraw it with action=unverify)."""
    group = _load(group_id)
    services.verify(current_user, group, ActionForm().action.data != "unverify")
    db.session.commit()
    flash(_("確認済みの表示を更新しました。"), "success")
    return redirect(url_for("groups.detail", group_id=group.id))


