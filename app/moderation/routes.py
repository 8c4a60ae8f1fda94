"""The facilitators' workspace and every moderation action (each writes an audit row)."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.models import User
from app.departments.services import department_choices, get_department
from app.extensions import db
from app.issues import lifecycle
from app.issues.models import Comment, Issue
from app.issues.services import IssueError, change_status, mark_out_of_scope, set_plan_tags
from app.moderation import bp, forms, queues, services
from app.permissions import can_moderate, can_suspend_users, can_use_workspace, permission_required, require
from app.plan.services import plan_tree
from app.referrals import queries as referrals
from app.referrals.services import due_days
from app.util.http import int_arg, perform, safe_next


def _target(kind, target_id):
    model = {"issues": Issue, "comments": Comment}.get(kind) or abort(404)
    target = db.session.get(model, target_id) or abort(404)
    issue = target if model is Issue else db.session.get(Issue, target.issue_id)
    require(can_moderate, issue.center)
    return target, issue


def _back(issue):
    return redirect(safe_next(url_for("issues.detail", issue_id=issue.id)))


@bp.route("/facilitate")
@login_required
@permission_required(can_use_workspace)
def workspace():
    """Queues for my centers: approval, flags, unanswered (7+ days highlighted), recent changes."""
    centers = queues.centers_for(current_user)
    chosen = int_arg("center", 0, 0)
    ids = [c.id for c in centers if not chosen or c.id == chosen] or [0]
    return render_template("moderation/workspace.html", centers=centers, chosen=chosen,
                           q=queues.workspace(ids), waiting_days=queues.WAITING_DAYS,
                           referred=referrals.for_centers(ids), due_days=due_days())


@bp.route("/moderation/<kind>/<int:target_id>/hide", methods=["POST"])
@login_required
def hide(kind, target_id):
    """Hide an issue or comment with a public reason."""
    target, issue = _target(kind, target_id)
    form = forms.ReasonForm()
    if not form.validate():
        flash(_("非表示にする理由を書いてください（公開されます）。"), "error")
        return _back(issue)
    services.hide(current_user, target, form.reason.data)
    db.session.commit()
    flash(_("非表示にしました。投稿者にお知らせしました。"), "success")
    return _back(issue)


@bp.route("/moderation/<kind>/<int:target_id>/restore", methods=["POST"])
@login_required
def restore(kind, target_id):
    """Show a hidden issue or comment again."""
    target, issue = _target(kind, target_id)
    form = forms.OptionalReasonForm()
    reason = form.reason.data if form.validate() else ""
    return perform(lambda: services.restore(current_user, target, reason), success=_("再び公開しました。"),
                   back=_back(issue), errors=services.ModerationError)


@bp.route("/moderation/<kind>/<int:target_id>/dismiss", methods=["POST"])
@login_required
def dismiss(kind, target_id):
    """Close the open flags on an item without hiding it."""
    target, issue = _target(kind, target_id)
    form = forms.OptionalReasonForm()
    reason = form.reason.data if form.validate() else ""
    return perform(lambda: services.dismiss_flags(current_user, target, reason), success=_("通報を確認済みにしました。"),
                   back=_back(issue), errors=services.ModerationError)


@bp.route("/moderation/<kind>/<int:target_id>/redact", methods=["GET", "POST"])
@login_required
def redact(kind, target_id):
    """Edit personal information out of a post (the original is kept in the audit log, staff only)."""
    target, issue = _target(kind, target_id)
    form = forms.RedactForm(obj=target)
    if form.validate_on_submit():
        services.redact(current_user, target, form.body.data, form.reason.data)
        db.session.commit()
        flash(_("本文を編集しました。元の文章は監査ログに残ります。"), "success")
        return redirect(url_for("issues.detail", issue_id=issue.id))
    return render_template("moderation/redact.html", form=form, target=target, issue=issue, kind=kind)


@bp.route("/facilitate/issues/<int:issue_id>/status", methods=["POST"])
@login_required
def status(issue_id):
    """Move an issue through the lifecycle (with a public note); 重複 merges into the original."""
    issue = db.session.get(Issue, issue_id) or abort(404)
    require(can_moderate, issue.center)
    form = forms.StatusForm()
    form.to_status.choices = [(s.value, lifecycle.label(s)) for s in lifecycle.status_choices(issue.status)]
    form.out_of_scope_department.choices = department_choices(blank=_("選ばない"))
    if not form.validate():
        for errors in form.errors.values():
            flash(str(errors[0]), "error")
        return _back(issue)
    try:
        if form.to_status.data == lifecycle.Status.DUPLICATE.value:
            original = db.session.get(Issue, form.duplicate_of.data or 0)
            if original is None:
                raise services.ModerationError(_("まとめ先の投稿番号を入力してください。"))
            services.merge_duplicate(current_user, issue, original, form.note.data)
        elif form.to_status.data == lifecycle.Status.OUT_OF_SCOPE.value:
            mark_out_of_scope(current_user, issue, form.note.data,
                              department=get_department(form.out_of_scope_department.data),
                              body=form.out_of_scope_body.data, contact=form.out_of_scope_contact.data)
        else:
            change_status(current_user, issue, form.to_status.data, form.note.data, as_whom=lifecycle.FACILITATOR)
    except (IssueError, services.ModerationError) as exc:
        flash(str(exc), "error")
        return _back(issue)
    db.session.commit()
    flash(_("状態を「%(status)s」にしました。フォローしている人にお知らせしました。", status=issue.status_label), "success")
    return _back(issue)


@bp.route("/facilitate/issues/<int:issue_id>/tags", methods=["GET", "POST"])
@login_required
def tags(issue_id):
    """Tag an issue with plan items: 指針, 重点戦略 measures, 分野別施策, DX/GX."""
    issue = db.session.get(Issue, issue_id) or abort(404)
    require(can_moderate, issue.center)
    tree = plan_tree()
    form = forms.TagsForm()
    form.codes.choices = _tag_choices(tree)
    if request.method == "GET":
        form.codes.data = issue.plan_codes
    if form.validate_on_submit():
        try:
            set_plan_tags(current_user, issue, form.codes.data)
        except IssueError as exc:
            form.codes.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("計画の項目を保存しました。"), "success")
            return redirect(url_for("issues.detail", issue_id=issue.id))
    return render_template("moderation/tags.html", form=form, issue=issue, tree=tree)


def _tag_choices(tree):
    choices = [(g.code, g.title) for g in tree["guidelines"]]
    choices += [(m.code, m.title) for s in tree["strategies"] for m in s.measures]
    choices += [(p.code, p.title) for f in tree["fields"] for p in f.policies]
    return choices + [("DX", _("デジタル化（DX）")), ("GX", _("脱炭素化（GX）"))]


@bp.route("/facilitate/issues/<int:issue_id>/approve", methods=["POST"])
@login_required
def approve(issue_id):
    """Publish a first post that waited for approval."""
    issue = db.session.get(Issue, issue_id) or abort(404)
    require(can_moderate, issue.center)
    return perform(lambda: services.approve_issue(current_user, issue), success=_("投稿を公開しました。"),
                   back=_back(issue), errors=services.ModerationError)


@bp.route("/admin/users/<int:user_id>/suspend", methods=["GET", "POST"])
@login_required
@permission_required(can_suspend_users)
def suspend(user_id):
    """Staff: suspend an account for a number of days, or lift a suspension."""
    user = db.session.get(User, user_id) or abort(404)
    form = forms.SuspendForm()
    lift = forms.LiftSuspensionForm() if request.method == "POST" else None
    if lift is not None and lift.lift.data:
        services.lift_suspension(current_user, user, (lift.reason.data or "")[:200])
        db.session.commit()
        flash(_("%(name)sさんの利用停止を解除しました。", name=user.display_name), "success")
        return redirect(url_for("moderation.suspend", user_id=user.id))
    if form.validate_on_submit():
        if user.id == current_user.id:
            abort(403)
        services.suspend_user(current_user, user, form.days.data, form.reason.data)
        db.session.commit()
        flash(_("%(name)sさんを%(days)s日間利用停止にしました。", name=user.display_name, days=form.days.data), "success")
        return redirect(url_for("moderation.suspend", user_id=user.id))
    return render_template("moderation/suspend.html", form=form, user=user)
