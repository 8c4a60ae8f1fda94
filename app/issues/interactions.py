"""Taking part: 共感 (support), comments and replies, follow, 通報 (flag)."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import db, limiter, user_key
from app.issues import bp, services
from app.issues.forms import CommentForm, FlagForm
from app.issues.models import Comment, Issue
from app.moderation.services import FlagError, flag_content
from app.util.forms import ActionForm
from app.util.http import MAX_ID
from app.permissions import (can_comment, can_delete_comment, can_edit_comment, can_flag, can_follow,
                             can_respond_officially, can_view_comment, can_view_issue, can_vote, require)


def _wants_json():
    return request.accept_mimetypes.best == "application/json"


def _load_issue(issue_id):
    """The issue, or 404 if it does not exist or the user cannot see it (acting implies seeing)."""
    issue = db.session.get(Issue, issue_id)
    if issue is None or not can_view_issue(current_user, issue):
        abort(404)
    return issue


@bp.route("/issues/<int:issue_id>/vote", methods=["POST"])
@login_required
@limiter.limit("120 per hour", key_func=user_key)
def vote(issue_id):
    """共感する / 共感をやめる. Works as a plain form; answers JSON to the instant button."""
    issue = _load_issue(issue_id)
    withdrawing = ActionForm().action.data == "remove"
    if withdrawing:
        services.withdraw_vote(current_user, issue)
    else:
        require(can_vote, issue)
        services.cast_vote(current_user, issue)
    db.session.commit()
    db.session.refresh(issue)
    voted = services.has_voted(current_user, issue)
    if _wants_json():
        return jsonify({"voted": voted, "votes": issue.vote_count})
    flash(_("共感を取り消しました。") if withdrawing else _("共感しました。ありがとうございます。"), "success")
    return redirect(url_for("issues.detail", issue_id=issue.id) + "#support")


@bp.route("/issues/<int:issue_id>/comments", methods=["POST"])
@login_required
@limiter.limit("20 per hour; 100 per day", key_func=user_key)
def comment(issue_id):
    """Add a comment or a reply."""
    issue = _load_issue(issue_id)
    require(can_comment, issue)
    form = CommentForm()
    if not form.validate():
        for error in form.body.errors:
            flash(str(error), "error")
        return redirect(url_for("issues.detail", issue_id=issue.id) + "#comment-form")
    parent_id = form.parent_id.data or ""
    parent = db.session.get(Comment, int(parent_id)) if parent_id.isdigit() and int(parent_id) <= MAX_ID else None
    official = form.official.data and can_respond_officially(current_user, issue)
    try:
        new = services.add_comment(current_user, issue, form.body.data, parent=parent,
                                   official_center=issue.center if official else None)
    except services.IssueError as exc:
        flash(str(exc), "error")
        return redirect(url_for("issues.detail", issue_id=issue.id))
    db.session.commit()
    flash(_("コメントを投稿しました。"), "success")
    return redirect(url_for("issues.detail", issue_id=issue.id) + f"#comment-{new.id}")


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(comment_id):
    """The author edits a comment within 15 minutes of posting it."""
    comment = db.session.get(Comment, comment_id) or abort(404)
    _load_issue(comment.issue_id)
    require(can_edit_comment, comment)
    form = CommentForm(obj=comment)
    if form.validate_on_submit():
        services.edit_comment(comment, form.body.data)
        db.session.commit()
        flash(_("コメントを修正しました。"), "success")
        return redirect(url_for("issues.detail", issue_id=comment.issue_id) + f"#comment-{comment.id}")
    return render_template("issues/comment_edit.html", form=form, comment=comment)


@bp.route("/comments/<int:comment_id>/delete", methods=["POST"])
@login_required
def delete_comment(comment_id):
    """The author deletes a comment; 削除されました stays in its place."""
    comment = db.session.get(Comment, comment_id) or abort(404)
    require(can_delete_comment, comment)
    services.delete_comment(comment)  # idempotent: a repeated or simultaneous delete changes nothing
    db.session.commit()
    flash(_("コメントを削除しました。"), "info")
    return redirect(url_for("issues.detail", issue_id=comment.issue_id) + f"#comment-{comment.id}")


@bp.route("/issues/<int:issue_id>/follow", methods=["POST"])
@login_required
def follow(issue_id):
    """Follow or stop following (action=remove): status changes and replies are notified."""
    issue = _load_issue(issue_id)
    require(can_follow, issue)
    if ActionForm().action.data == "remove":
        services.unfollow(current_user, issue)
        message = _("フォローをやめました。")
    else:
        services.follow(current_user, issue)
        message = _("フォローしました。状態の変化やコメントをお知らせします。")
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("issues.detail", issue_id=issue.id))


@bp.route("/issues/<int:issue_id>/flag", methods=["GET", "POST"])
@login_required
@limiter.limit("20 per hour", methods=["POST"], key_func=user_key)
def flag(issue_id):
    """通報: tell the center's staff about a problem with an issue."""
    issue = _load_issue(issue_id)
    return _flag(issue, issue, "issue")


@bp.route("/comments/<int:comment_id>/flag", methods=["GET", "POST"])
@login_required
@limiter.limit("20 per hour", methods=["POST"], key_func=user_key)
def flag_comment(comment_id):
    """通報: tell the center's staff about a problem with a comment."""
    comment = db.session.get(Comment, comment_id) or abort(404)
    issue = _load_issue(comment.issue_id)
    if not can_view_comment(current_user, comment, issue):
        abort(404)
    return _flag(comment, issue, "comment")


def _flag(target, issue, kind):
    require(can_flag, target)
    form = FlagForm()
    if form.validate_on_submit():
        try:
            flag_content(current_user, target, form.reason.data, form.note.data)
        except FlagError as exc:
            flash(str(exc), "info")
        else:
            db.session.commit()
            flash(_("通報を受け付けました。公民館の職員が確認します。ご協力ありがとうございます。"), "success")
        return redirect(url_for("issues.detail", issue_id=issue.id))
    return render_template("issues/flag.html", form=form, issue=issue, target=target, kind=kind)
