"""Reviewers: my assignments, conflict-of-interest declaration, scoring (drafts allowed)."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import db
from app.grants import bp, forms, services
from app.grants.models import Review
from app.permissions import can_review, can_use_reviews, permission_required, require


@bp.route("/grants/reviews")
@login_required
@permission_required(can_use_reviews)
def reviews():
    """Applications assigned to me."""
    mine = db.session.execute(db.select(Review).where(Review.reviewer_id == current_user.id)
                              .order_by(Review.assigned_at.desc())).scalars().all()
    return render_template("grants/reviews.html", reviews=mine)


@bp.route("/grants/reviews/<int:review_id>", methods=["GET", "POST"])
@login_required
def review(review_id):
    """Declare conflicts first; then score each criterion 1–5 with comments (save or submit)."""
    item = db.session.get(Review, review_id) or abort(404)
    require(can_review, item)
    conflict_form = forms.ConflictForm(prefix="c")
    if request.method == "POST" and request.form.get("step") == "conflict":
        if conflict_form.validate():
            services.declare_conflict(current_user, item, conflict_form.conflict.data == "yes", conflict_form.note.data or "")
            db.session.commit()
            flash(_("申告を記録しました。"), "success")
        return redirect(url_for("grants.review", review_id=item.id))
    errors = []
    if request.method == "POST" and request.form.get("step") == "scores":
        scores = {}
        for c in item.application.round.criteria:
            raw = request.form.get(f"score-{c.id}", "")
            if raw:
                scores[c.id] = (int(raw) if raw.isdigit() else 0, (request.form.get(f"comment-{c.id}") or "")[:1000])
        try:
            services.save_scores(current_user, item, scores, (request.form.get("comment") or "")[:3000],
                                 final=request.form.get("action") == "submit")
        except services.GrantError as exc:
            errors = [str(exc)]
            db.session.rollback()
        else:
            db.session.commit()
            flash(_("審査を提出しました。") if item.submitted_at else _("下書きを保存しました。"), "success")
            return redirect(url_for("grants.review", review_id=item.id))
    current = {s.criterion_id: s for s in item.scores}
    return render_template("grants/review.html", r=item, a=item.application, conflict_form=conflict_form,
                           current=current, errors=errors)
