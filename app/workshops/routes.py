"""Workshop pages: list, detail with sign-up, create/edit, participants, calendars."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from app.centers.models import Center
from app.centers.services import active_centers
from app.extensions import db, limiter, user_key
from app.issues.models import Issue
from app.moderation.queues import centers_for
from app.permissions import (can_create_workshop, can_manage_workshop, can_register_workshop, permission_required,
                             require)
from app.photos import services as photos
from app.plan.services import plan_labels
from app.util.forms import ActionForm
from app.util.http import int_arg
from app.util.time import to_jst, utcnow
from app.workshops import bp, calendar, forms, outputs, services
from app.workshops.models import OutputComment, Workshop


def _load(workshop_id):
    return services.get_workshop(workshop_id) or abort(404)


@bp.route("/workshops")
def index():
    """Upcoming and past workshops, by center."""
    center_id = int_arg("center", 0, 0)
    stmt = db.select(Workshop).options(joinedload(Workshop.center))
    if center_id:
        stmt = stmt.where(Workshop.center_id == center_id)
    now = utcnow()
    upcoming = db.session.execute(stmt.where(Workshop.ends_at >= now).order_by(Workshop.starts_at)).scalars().all()
    past = db.session.execute(stmt.where(Workshop.ends_at < now).order_by(Workshop.starts_at.desc()).limit(50)).scalars().all()
    return render_template("workshops/index.html", upcoming=upcoming, past=past, centers=active_centers(),
                           center_id=center_id)


@bp.route("/workshops/<int:workshop_id>")
def detail(workshop_id):
    """A workshop: details, sign-up, linked issues, and its outputs once the report is published."""
    workshop = _load(workshop_id)
    shown = workshop.outputs if workshop.is_published else []
    comments = {}
    if shown:
        for c in db.session.execute(db.select(OutputComment).where(
                OutputComment.output_id.in_([o.id for o in shown])).options(joinedload(OutputComment.author))
                .order_by(OutputComment.created_at)).scalars():
            comments.setdefault(c.output_id, []).append(c)
    return render_template("workshops/detail.html", w=workshop, registration=services.registration_of(current_user, workshop),
                           comments=comments,
                           outputs=shown, voted=outputs.voted_ids(current_user, shown),
                           photos=photos.photos_for(workshop), tag_labels=plan_labels(sorted({c for o in shown for c in o.codes})),
                           comment_form=forms.CommentForm())


def _form_for(workshop):
    form = forms.WorkshopForm(obj=workshop)
    centers = centers_for(current_user)
    form.center.choices = [(c.id, c.name) for c in centers]
    center_ids = [c.id for c in centers] if workshop is None else [workshop.center_id]
    choices = [i for cid in center_ids for i in services.issue_choices(cid)]
    if workshop is not None:
        choices = list({i.id: i for i in workshop.issues + choices}.values())
    form.issues.choices = [(i.id, f"#{i.id} {i.title}（{i.status_label}）") for i in choices]
    if request.method == "GET" and workshop is not None:
        start, end = to_jst(workshop.starts_at), to_jst(workshop.ends_at)
        form.date.data, form.start_time.data, form.end_time.data = start.date(), start.time(), end.time()
        form.issues.data = [i.id for i in workshop.issues]
        form.center.data = workshop.center_id
    elif request.method == "GET":
        wanted = int_arg("issue", 0, 0)
        form.issues.data = [wanted] if wanted else []
    return form


@bp.route("/workshops/new", methods=["GET", "POST"])
@bp.route("/workshops/<int:workshop_id>/edit", methods=["GET", "POST"])
@login_required
@permission_required(can_create_workshop)
def edit(workshop_id=None):
    """Create or edit a workshop (facilitators of its center)."""
    workshop = _load(workshop_id) if workshop_id else None
    if workshop is not None:
        require(can_manage_workshop, workshop)
    form = _form_for(workshop)
    if form.validate_on_submit():
        starts_at, ends_at = form.utc_range()
        center = db.session.get(Center, form.center.data) if workshop is None else workshop.center
        data = {"title": form.title.data, "starts_at": starts_at, "ends_at": ends_at, "place": form.place.data,
                "description": form.description.data or "", "capacity": form.capacity.data,
                "co_hosts": form.co_hosts.data or "", "center": center}
        issues = db.session.execute(db.select(Issue).where(Issue.id.in_(form.issues.data or [0]))).scalars().all()
        try:
            workshop = services.save_workshop(current_user, workshop, data, issues)
        except services.WorkshopError as exc:
            form.capacity.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("ワークショップを保存しました。"), "success")
            return redirect(url_for("workshops.detail", workshop_id=workshop.id))
    return render_template("workshops/form.html", form=form, w=workshop)


@bp.route("/workshops/<int:workshop_id>/register", methods=["POST"])
@login_required
@limiter.limit("30 per hour", key_func=user_key)
def register(workshop_id):
    """Sign up (or join the waiting list), or cancel (action=cancel)."""
    workshop = _load(workshop_id)
    require(can_register_workshop)
    try:
        if ActionForm().action.data == "cancel":
            services.cancel(current_user, workshop)
            message = _("申し込みを取り消しました。")
        else:
            reg = services.register(current_user, workshop)
            message = (_("参加を申し込みました。当日お待ちしています。") if reg.is_confirmed
                       else _("定員に達しているため、キャンセル待ちに登録しました。空きが出たらお知らせします。"))
    except services.WorkshopError as exc:
        flash(str(exc), "error")
        return redirect(url_for("workshops.detail", workshop_id=workshop.id))
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("workshops.detail", workshop_id=workshop.id))


@bp.route("/workshops/<int:workshop_id>/participants", methods=["GET", "POST"])
@login_required
def participants(workshop_id):
    """Facilitators: the list of names (staff only) and the walk-in count."""
    workshop = _load(workshop_id)
    require(can_manage_workshop, workshop)
    form = forms.WalkInForm(walk_in=workshop.walk_in_count)
    if form.validate_on_submit():
        services.set_walk_ins(current_user, workshop, form.walk_in.data)
        db.session.commit()
        flash(_("当日参加の人数を保存しました。"), "success")
        return redirect(url_for("workshops.participants", workshop_id=workshop.id))
    return render_template("workshops/participants.html", w=workshop, registrations=services.participants(workshop),
                           form=form, guest_form=forms.GuestForm(formdata=None))


@bp.route("/workshops/<int:workshop_id>.ics")
def ics(workshop_id):
    """This workshop as a calendar file."""
    workshop = _load(workshop_id)
    return Response(calendar.ics([workshop], workshop.title), mimetype="text/calendar",
                    headers={"Content-Disposition": f"attachment; filename=workshop-{workshop.id}.ics"})


@bp.route("/centers/<int:center_id>/workshops.ics")
def center_ics(center_id):
    """Every workshop of a center, for a calendar subscription."""
    center = db.session.get(Center, center_id) or abort(404)
    items = db.session.execute(db.select(Workshop).where(Workshop.center_id == center.id)
                               .order_by(Workshop.starts_at.desc()).limit(200)).scalars().all()
    return Response(calendar.ics(items, _("%(center)sのワークショップ", center=center.name)), mimetype="text/calendar")
