"""代理受付 pages: the intake form (with the similar-issue step), receipts, the call log, claiming."""
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.centers.services import active_centers, get_center
from app.extensions import db, limiter
from app.intake import bp, services
from app.intake.forms import CallForm, ClaimForm, IntakeForm
from app.intake.models import Intake
from app.intake.qr import qr_svg
from app.issues import queries
from app.issues.similarity import similar_issues
from app.workshops.forms import GuestForm
from app.workshops.models import Registration, Workshop
from app.workshops.services import WorkshopError
from app.permissions import (can_claim_intake, can_take_intake, can_use_workspace, can_view_intake, is_staff,
                             permission_required, require)

CODES = "intake_codes"  # session key: codes to print on receipts, shown only to the staff member who took them


def _my_centers():
    centers = active_centers()
    return centers if is_staff(current_user) else [c for c in centers if can_take_intake(current_user, c)]


def _load(intake_id):
    intake = db.session.get(Intake, intake_id) or abort(404)
    require(can_view_intake, intake)
    return intake


def _keep_code(intake, code):
    codes = dict(session.get(CODES, {}))
    codes[str(intake.id)] = code
    session[CODES] = dict(list(codes.items())[-20:])


def _printed_url(endpoint, **values):
    """Absolute links printed on paper use SITE_URL (the public address), not the counter PC's host."""
    base = (current_app.config.get("SITE_URL") or request.host_url).rstrip("/")
    return base + url_for(endpoint, **values)


def _claim_key():
    return f"claim:{current_user.get_id()}" if current_user.is_authenticated else request.remote_addr


@bp.route("/facilitate/intake")
@login_required
@permission_required(can_use_workspace)
def index():
    """The latest intakes of my centers, and the way to a new one or a blank paper form."""
    return render_template("intake/index.html", intakes=services.recent_intakes(_my_centers()))


@bp.route("/facilitate/intake/new", methods=["GET", "POST"])
@login_required
@permission_required(can_use_workspace)
def new():
    """Take an issue heard at the counter, on the phone, on paper or at a workshop; similar issues first."""
    form = IntakeForm(intake_centers=_my_centers())
    if request.method == "GET" and form.intake_center.choices:
        form.center.data = form.intake_center.data = form.intake_center.choices[0][0]
    similar = []
    if form.validate_on_submit():
        center = get_center(form.intake_center.data)
        require(can_take_intake, center)
        resident = {"resident_name": form.resident_name.data, "resident_contact": form.resident_contact.data}
        try:
            if form.support_issue.data:
                target = queries.get_issue(form.support_issue.data) or abort(404)
                intake, code = services.take_support(current_user, center=center, method=form.method.data,
                                                     issue=target, **resident)
            else:
                if form.step.data != "submit":
                    similar = similar_issues(form.title.data, form.body.data, form.center.data)
                if not similar:
                    intake, code = services.take_issue(
                        current_user, center=center, method=form.method.data, title=form.title.data,
                        body=form.body.data, district=get_center(form.center.data), themes=form.themes.data,
                        **resident)
        except services.IntakeError as exc:
            flash(str(exc), "error")
        else:
            if not similar:
                db.session.commit()
                _keep_code(intake, code)
                flash(_("受け付けました。受付票を印刷して本人に渡してください。"), "success")
                return redirect(url_for("intake.receipt", intake_id=intake.id))
    return render_template("intake/form.html", form=form, similar=similar)


@bp.route("/facilitate/intake/<int:intake_id>")
@login_required
def detail(intake_id):
    """Staff of the receiving center: the resident's contact, the call log, erasing, a new code."""
    intake = _load(intake_id)
    return render_template("intake/detail.html", intake=intake, call_form=CallForm())


@bp.route("/facilitate/intake/<int:intake_id>/receipt")
@login_required
def receipt(intake_id):
    """The printable receipt (A4 or half sheet) with number, short URL, QR code and claim code."""
    intake = _load(intake_id)
    size = "half" if request.args.get("size") == "half" else "a4"
    short_url = _printed_url("intake.short", issue_id=intake.issue_id)
    return render_template("intake/receipt.html", intake=intake, size=size, short_url=short_url,
                           qr=qr_svg(short_url, title=_("投稿のページ %(url)s", url=short_url)),
                           code=session.get(CODES, {}).get(str(intake.id)), claim_url=_printed_url("intake.claim"))


@bp.route("/facilitate/intake/<int:intake_id>/code", methods=["POST"])
@login_required
def reissue(intake_id):
    """A lost receipt: a new claim code (the old one stops working)."""
    intake = _load(intake_id)  # CSRFProtect has checked the POST
    try:
        code = services.reissue_code(current_user, intake)
    except services.IntakeError as exc:
        flash(str(exc), "error")
        return redirect(url_for("intake.detail", intake_id=intake.id))
    db.session.commit()
    _keep_code(intake, code)
    flash(_("新しいコードを発行しました。前のコードは使えなくなりました。"), "success")
    return redirect(url_for("intake.receipt", intake_id=intake.id))


@bp.route("/facilitate/intake/<int:intake_id>/calls", methods=["POST"])
@login_required
def log_call(intake_id):
    """Record that staff phoned the resident with an update."""
    intake = _load(intake_id)
    form = CallForm()
    if form.validate_on_submit():
        services.log_call(current_user, intake, form.note.data)
        db.session.commit()
        flash(_("連絡の記録を残しました。"), "success")
        return redirect(url_for("intake.detail", intake_id=intake.id))
    return render_template("intake/detail.html", intake=intake, call_form=form), 400


@bp.route("/facilitate/intake/<int:intake_id>/erase", methods=["POST"])
@login_required
def erase(intake_id):
    """The resident asked: delete their name and contact."""
    intake = _load(intake_id)
    services.erase_contact(current_user, intake)
    db.session.commit()
    flash(_("お名前と連絡先を削除しました。"), "success")
    return redirect(url_for("intake.detail", intake_id=intake.id))


@bp.route("/facilitate/intake/form")
@login_required
@permission_required(can_use_workspace)
def blank_form():
    """The blank paper form (用紙) with the same fields, to hand out and type in later."""
    form = IntakeForm(intake_centers=_my_centers())
    return render_template("intake/blank_form.html", form=form)


@bp.route("/i/<int:issue_id>")
def short(issue_id):
    """The short URL printed on receipts."""
    return redirect(url_for("issues.detail", issue_id=issue_id), 301)


@bp.route("/claim", methods=["GET", "POST"])
@login_required
@permission_required(can_claim_intake)
@limiter.limit("10 per hour; 30 per day", methods=["POST"], key_func=_claim_key)
@limiter.limit("30 per hour", methods=["POST"])
def claim():
    """The resident (or family) types the receipt's code to attach the issue or support to their account."""
    form = ClaimForm()
    if form.validate_on_submit():
        try:
            intake = services.claim(current_user, form.code.data)
        except services.IntakeError as exc:
            form.code.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("受付票の投稿をあなたのアカウントに結びつけました。") if intake.kind == "issue"
                  else _("受付票の共感をあなたのアカウントに結びつけました。"), "success")
            return redirect(url_for("issues.detail", issue_id=intake.issue_id))
    return render_template("intake/claim.html", form=form)


@bp.route("/workshops/<int:workshop_id>/guests", methods=["POST"])
@login_required
def add_guest(workshop_id):
    """Staff sign up a guest by name and phone (staff-only); capacity and the waiting list count them."""
    workshop = db.session.get(Workshop, workshop_id) or abort(404)
    require(can_take_intake, workshop.center)
    form = GuestForm()
    if form.validate_on_submit():
        try:
            reg = services.sign_up_guest(current_user, workshop, method=form.method.data,
                                         name=form.resident_name.data, phone=form.resident_contact.data)
        except WorkshopError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("%(name)sさんを申し込みました（%(status)s）。", name=reg.guest_name,
                    status=_("参加") if reg.status == "confirmed" else _("キャンセル待ち")), "success")
    else:
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
    return redirect(url_for("workshops.participants", workshop_id=workshop.id))


@bp.route("/workshops/<int:workshop_id>/guests/<int:registration_id>/cancel", methods=["POST"])
@login_required
def cancel_guest(workshop_id, registration_id):
    """Staff cancel a guest's sign-up (the guest phoned to say they cannot come)."""
    workshop = db.session.get(Workshop, workshop_id) or abort(404)
    require(can_take_intake, workshop.center)
    reg = db.session.get(Registration, registration_id) or abort(404)
    try:
        services.cancel_guest(current_user, workshop, reg)
    except WorkshopError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("申し込みを取り消しました。"), "success")
    return redirect(url_for("workshops.participants", workshop_id=workshop.id))
