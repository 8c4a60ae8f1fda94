"""Staff: rounds, the applications of a round with the ranking, reviewer assignment, decisions, reports."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.models import Role, User
from app.extensions import db
from app.grants import bp, forms, rules, services
from app.grants.models import GrantApplication, GrantReport, GrantRound
from app.permissions import can_manage_grants, permission_required
from app.util.http import perform
from app.util.time import to_jst


@bp.route("/grants/admin")
@login_required
@permission_required(can_manage_grants)
def admin():
    """Every round, with links to manage it."""
    rounds = db.session.execute(db.select(GrantRound).order_by(GrantRound.fiscal_year.desc())).scalars().all()
    return render_template("grants/admin.html", rounds=rounds)


@bp.route("/grants/admin/rounds/new", methods=["GET", "POST"])
@bp.route("/grants/admin/rounds/<int:round_id>/edit", methods=["GET", "POST"])
@login_required
@permission_required(can_manage_grants)
def edit_round(round_id=None):
    """Create or edit a round: dates in JST (inclusive), amounts, rate, budget, guidelines, criteria."""
    round_ = db.session.get(GrantRound, round_id) if round_id else None
    form = forms.RoundForm(obj=round_)
    if request.method == "GET" and round_ is not None:
        form.open_date.data, form.close_date.data = to_jst(round_.opens_at).date(), to_jst(round_.closes_at).date()
        form.criteria.data = "\n".join(f"{c.name},{c.weight}" for c in round_.criteria)
    if form.validate_on_submit():
        opens_at, closes_at = rules.window_utc(form.open_date.data, form.close_date.data)
        data = {f: getattr(form, f).data for f in ("fiscal_year", "course", "title", "max_amount", "subsidy_rate",
                                                    "total_budget", "guidelines")}
        data.update(opens_at=opens_at, closes_at=closes_at, guidelines=data["guidelines"] or "")
        try:
            round_ = services.save_round(current_user, round_, data, form.parsed_criteria())
        except services.GrantError as exc:
            form.course.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("募集を保存しました。"), "success")
            return redirect(url_for("grants.manage_round", round_id=round_.id))
    return render_template("grants/round_form.html", form=form, r=round_)


@bp.route("/grants/admin/rounds/<int:round_id>")
@login_required
@permission_required(can_manage_grants)
def manage_round(round_id):
    """Applications of a round, the ranking with weighted averages and spread, and reviewer assignment."""
    round_ = db.session.get(GrantRound, round_id) or abort(404)
    reviewers = db.session.execute(db.select(User).where(User.role.in_([Role.REVIEWER.value, Role.STAFF.value]),
                                                         User.deleted_at.is_(None)).order_by(User.display_name)).scalars().all()
    drafts = db.session.execute(db.select(db.func.count(GrantApplication.id)).where(
        GrantApplication.round_id == round_id, GrantApplication.status.in_(["draft", "returned"]))).scalar()
    return render_template("grants/manage_round.html", r=round_, ranking=services.ranking(round_), reviewers=reviewers,
                           drafts=drafts, decision_form=forms.DecisionForm(), return_form=forms.ReturnForm())


def _application(application_id):
    return db.session.get(GrantApplication, application_id) or abort(404)


def _back(app_):
    return redirect(url_for("grants.manage_round", round_id=app_.round_id) + f"#app-{app_.id}")


@bp.route("/grants/admin/applications/<int:application_id>/assign", methods=["POST"])
@login_required
@permission_required(can_manage_grants)
def assign(application_id):
    """Assign a reviewer."""
    app_ = _application(application_id)
    reviewer = db.session.get(User, request.form.get("reviewer_id", type=int) or 0) or abort(404)
    return perform(lambda: services.assign_reviewer(current_user, app_, reviewer),
                   success=_("%(name)sさんに審査を依頼しました。", name=reviewer.display_name), back=_back(app_),
                   errors=services.GrantError)


@bp.route("/grants/admin/applications/<int:application_id>/return", methods=["POST"])
@login_required
@permission_required(can_manage_grants)
def return_application(application_id):
    """Return a submitted application for revision, with a message."""
    app_ = _application(application_id)
    form = forms.ReturnForm()

    def act():
        if not form.validate():
            raise services.GrantError(_("メッセージを書いてください。"))
        services.return_for_revision(current_user, app_, form.message.data)

    return perform(act, success=_("申請を差し戻しました。"), back=_back(app_), errors=services.GrantError)


@bp.route("/grants/admin/applications/<int:application_id>/decide", methods=["POST"])
@login_required
@permission_required(can_manage_grants)
def decide(application_id):
    """Record 採択 (with the amount) or 不採択, with a message to the group."""
    app_ = _application(application_id)
    form = forms.DecisionForm()

    def act():
        if not form.validate():
            raise services.GrantError(" ".join(str(e) for errs in form.errors.values() for e in errs))
        services.decide(current_user, app_, form.decision.data == "award", form.amount.data, form.message.data)

    return perform(act, success=_("決定を記録しました。団体にお知らせしました。"), back=_back(app_),
                   errors=services.GrantError)


@bp.route("/grants/admin/rounds/<int:round_id>/publish", methods=["POST"])
@login_required
@permission_required(can_manage_grants)
def publish_results(round_id):
    """Publish the round's results (awards and amounts become public)."""
    round_ = db.session.get(GrantRound, round_id) or abort(404)
    try:
        services.publish_results(current_user, round_)
    except services.GrantError as exc:
        flash(str(exc), "error")
        return redirect(url_for("grants.manage_round", round_id=round_.id))
    db.session.commit()
    flash(_("結果を公表しました。"), "success")
    return redirect(url_for("grants.round_detail", round_id=round_.id))


@bp.route("/grants/admin/reports/<int:report_id>", methods=["GET", "POST"])
@login_required
@permission_required(can_manage_grants)
def review_report(report_id):
    """Approve or return an activity report."""
    report = db.session.get(GrantReport, report_id) or abort(404)
    form = forms.ReportReviewForm()
    if form.validate_on_submit():
        try:
            services.review_report(current_user, report, form.decision.data == "approve", form.message.data or "")
        except services.GrantError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("実績報告を確認しました。"), "success")
            return redirect(url_for("grants.application", application_id=report.application_id))
    return render_template("grants/report_review.html", form=form, report=report, a=report.application)


