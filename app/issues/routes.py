"""Issue pages: list, detail, post (with similar-issue check), edit, withdraw."""
import secrets

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.chain import chain_of
from app.extensions import db, limiter, user_key
from app.cases.services import case_for_filters, related_cases
from app.groups.services import groups_of
from app.issues import bp, queries, services
from app.issues.forms import MAX_PHOTOS, CommentForm, IssueForm, StatusNoteForm
from app.issues.lifecycle import DESCRIPTIONS, LISTED, Status, status_choices
from app.issues.similarity import similar_issues
from app.centers.services import active_centers, get_center
from app.permissions import (can_edit_issue, can_view_issue, can_post_issue, can_withdraw_issue,
                             permission_required, require)
from app.photos import services as photos
from app.plan.services import plan_labels
from app.util.forms import ActionForm


@bp.route("/issues")
def index():
    """List with filters, sorts, search and pagination; every filter is a shareable GET link."""
    f = queries.IssueFilters.from_request()
    page = queries.list_issues(f)
    thumbs = photos.photos_for_many("Issue", [i.id for i in page.items if i.photo_count])
    related_case = case_for_filters(tag=f.tag or None, center_id=f.center or None) if (f.tag or f.center) else None
    return render_template("issues/index.html", page=page, f=f, thumbs=thumbs, centers=active_centers(),
                           themes=queries.THEMES, sorts=queries.SORTS, statuses=[s for s in Status if s in LISTED], related_case=related_case,
                           tag_label=plan_labels([f.tag]).get(f.tag) if f.tag else None)


@bp.route("/issues/<int:issue_id>")
def detail(issue_id):
    """An issue with its photos, status timeline, tags, supporters and comments."""
    issue = queries.get_issue(issue_id) or abort(404)
    if not can_view_issue(current_user, issue):
        if issue.awaiting_approval:
            abort(404)  # never published: not even its existence shows
        # Hidden or withdrawn: the page stays, with the status and its reason, but none of the content.
        return render_template("issues/unpublished.html", issue=issue,
                               status_description=DESCRIPTIONS[Status(issue.status)])
    comments = queries.comment_tree(issue)
    return render_template(
        "issues/detail.html", issue=issue, comments=comments, photos=photos.photos_for(issue),
        show_body=True, voted=services.has_voted(current_user, issue),
        following=services.is_following(current_user, issue), comment_form=CommentForm(),
        status_form=StatusNoteForm(), status_description=DESCRIPTIONS[Status(issue.status)],
        tag_labels=plan_labels([t.code for t in issue.tags]), duplicate_of=issue.duplicate_of,
        related_cases=related_cases(issue), chain=chain_of(issue),
        facilitator_targets=status_choices(issue.status))


def _save_photos(form):
    """Process new uploads; keep good ones (as tokens) even when another field or photo fails.

    Returns (photos kept, error messages)."""
    kept = photos.pending_photos(current_user, form.kept_tokens())
    saved, errors = photos.save_uploads(form.uploaded_files(), current_user, limit=MAX_PHOTOS, already=len(kept))
    kept += saved
    form.kept_photos.data = ",".join(p.token for p in kept)
    return kept, errors


@bp.route("/issues/new", methods=["GET", "POST"])
@login_required
@permission_required(can_post_issue)
@limiter.limit("10 per hour; 30 per day", methods=["POST"], key_func=user_key)
def new():
    """Post an issue; first show similar ones, with 共感 as the alternative to a duplicate."""
    my_groups = groups_of(current_user)
    form = IssueForm(groups=my_groups)
    if request.method == "GET":
        form.submission_key.data = secrets.token_urlsafe(24)
        form.center.data = current_user.home_center_id or 0
    similar = []
    if form.is_submitted():
        kept, photo_errors = _save_photos(form)
        db.session.commit()  # uploaded photos survive a failed validation
        valid = form.validate()
        form.photos.errors = list(form.photos.errors) + photo_errors
        if valid and not photo_errors:
            if ActionForm().action.data != "submit":
                similar = similar_issues(form.title.data, form.body.data, form.center.data)
            if not similar:
                issue = services.submit_issue(
                    current_user, title=form.title.data, body=form.body.data, center=get_center(form.center.data),
                    themes=form.themes.data, lat=form.lat.data, lng=form.lng.data, photos=kept,
                    submission_key=form.submission_key.data,
                    group=next((g for g in my_groups if g.id == form.post_as.data), None))
                db.session.commit()
                flash(_("投稿を受け付けました。公民館の伴走者が確認してから公開されます。") if issue.awaiting_approval
                      else _("投稿しました。地区の公民館の職員が内容を確認します。"), "success")
                return redirect(url_for("issues.detail", issue_id=issue.id))
    kept = photos.pending_photos(current_user, form.kept_tokens())
    return render_template("issues/form.html", form=form, similar=similar, kept=kept, editing=None)


@bp.route("/issues/<int:issue_id>/edit", methods=["GET", "POST"])
@login_required
def edit(issue_id):
    """The author edits until the first comment or support."""
    issue = queries.get_issue(issue_id) or abort(404)
    require(can_edit_issue, issue)
    form = IssueForm(obj=issue)
    if request.method == "GET":
        form.center.data = issue.center_id
        form.themes.data = issue.theme_codes
    if form.validate_on_submit():
        services.update_issue(issue, title=form.title.data, body=form.body.data, center=get_center(form.center.data),
                              themes=form.themes.data, lat=form.lat.data, lng=form.lng.data)
        db.session.commit()
        flash(_("投稿を修正しました。公民館の伴走者が確認してから、もう一度公開されます。") if issue.awaiting_approval
              else _("投稿を修正しました。"), "success")
        return redirect(url_for("issues.detail", issue_id=issue.id))
    return render_template("issues/form.html", form=form, similar=[], kept=[], editing=issue)


@bp.route("/issues/<int:issue_id>/withdraw", methods=["POST"])
@login_required
def withdraw(issue_id):
    """The author withdraws the issue (取り下げ), with a short public note."""
    issue = queries.get_issue(issue_id) or abort(404)
    require(can_withdraw_issue, issue)
    form = StatusNoteForm()
    services.withdraw_issue(current_user, issue, form.note.data if form.validate() else "")
    db.session.commit()
    flash(_("投稿を取り下げました。"), "info")
    return redirect(url_for("issues.detail", issue_id=issue.id))
