"""Referral pages: the facilitator's refer form, the department queue, one referral with its actions."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.departments.services import department_choices, get_department
from app.extensions import db
from app.issues.models import Issue
from app.permissions import (can_answer_referral, can_refer_issue, can_use_department_queue, can_view_referral,
                             permission_required, require)
from app.referrals import bp, queries, services
from app.referrals.forms import HandBackForm, ReferForm, ReplyForm, ResolveForm
from app.referrals.models import Referral
from app.util.http import int_arg


@bp.app_template_global()
def issue_referrals(issue):
    """The referrals of an issue, for the facilitator panel."""
    return queries.for_issue(issue)


@bp.route("/facilitate/issues/<int:issue_id>/refer", methods=["GET", "POST"])
@login_required
def refer(issue_id):
    """A facilitator hands an issue to a 担当課 with a note."""
    issue = db.session.get(Issue, issue_id) or abort(404)
    require(can_refer_issue, issue)
    form = ReferForm()
    form.department.choices = department_choices(blank=_("選んでください"))
    if form.validate_on_submit():
        try:
            referral = services.refer_issue(current_user, issue, get_department(form.department.data), form.note.data)
        except services.ReferralError as exc:
            form.department.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("%(name)sに引き継ぎました。回答の目安は%(days)s日です。", name=referral.department.name,
                    days=services.due_days()), "success")
            return redirect(url_for("issues.detail", issue_id=issue.id) + "#facilitator")
    return render_template("referrals/refer.html", form=form, issue=issue, referrals=queries.for_issue(issue))


@bp.route("/department")
@login_required
@permission_required(can_use_department_queue)
def queue():
    """The department's queue: referred issues waiting for an answer (overdue first highlighted)."""
    departments = queries.departments_for(current_user)
    chosen = int_arg("department", 0, 0)
    ids = [d.id for d in departments if not chosen or d.id == chosen] or [0]
    return render_template("referrals/queue.html", departments=departments, chosen=chosen,
                           q=queries.department_queue(ids), due_days=services.due_days())


def _load(referral_id):
    referral = db.session.get(Referral, referral_id) or abort(404)
    require(can_view_referral, referral)
    return referral


def _detail(referral, reply_form=None, back_form=None, resolve_form=None):
    return render_template("referrals/detail.html", referral=referral, reply_form=reply_form or ReplyForm(),
                           back_form=back_form or HandBackForm(prefix="back"),
                           resolve_form=resolve_form or ResolveForm(prefix="resolve"))


@bp.route("/referrals/<int:referral_id>")
@login_required
def detail(referral_id):
    """One referral: the issue, the facilitator's note, and the department's actions."""
    return _detail(_load(referral_id))


def _act(referral_id, form, action, success, form_kw):
    referral = _load(referral_id)
    require(can_answer_referral, referral)
    if form.validate_on_submit():
        try:
            action(referral, form)
        except services.ReferralError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(success, "success")
            return redirect(url_for("referrals.detail", referral_id=referral.id))
    return _detail(referral, **{form_kw: form})


@bp.route("/referrals/<int:referral_id>/reply", methods=["POST"])
@login_required
def reply(referral_id):
    """Post the department's public reply on the issue (in the department's name)."""
    return _act(referral_id, ReplyForm(), lambda r, f: services.reply(current_user, r, f.body.data),
                _("回答を公開しました。投稿には担当課の名前で表示されます。"), "reply_form")


@bp.route("/referrals/<int:referral_id>/return", methods=["POST"])
@login_required
def hand_back(referral_id):
    """Give the issue back to the 公民館."""
    return _act(referral_id, HandBackForm(prefix="back"), lambda r, f: services.hand_back(current_user, r, f.note.data),
                _("公民館に戻しました。"), "back_form")


@bp.route("/referrals/<int:referral_id>/resolve", methods=["POST"])
@login_required
def resolve(referral_id):
    """Close the referral and mark the issue 解決 with a public note."""
    return _act(referral_id, ResolveForm(prefix="resolve"),
                lambda r, f: services.resolve(current_user, r, f.note.data), _("解決にしました。"), "resolve_form")
