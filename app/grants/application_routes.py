"""Group owners: start, edit (draft), submit an application; write the activity report after an award."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.documents.services import DocumentError, save_document
from app.extensions import db
from app.grants import bp, forms, rules, services
from app.grants.models import DECLARATIONS, GrantApplication, GrantRound
from app.groups.models import Group
from app.issues.models import Issue
from app.issues.lifecycle import OPEN
from app.plan.codes import PlanCodeError, parse_codes
from app.permissions import (can_apply_for_grant, can_edit_application, can_view_application, can_view_issue,
                             can_write_report, require, visible_issues)
from app.util.time import utcnow
from app.workshops.models import Initiative


def _load(application_id):
    return db.session.get(GrantApplication, application_id) or abort(404)


@bp.route("/grants/rounds/<int:round_id>/apply", methods=["POST"])
@login_required
def start(round_id):
    """Start a draft for one of my groups (owners)."""
    round_ = db.session.get(GrantRound, round_id) or abort(404)
    group = db.session.get(Group, request.form.get("group_id", type=int) or 0) or abort(404)
    require(can_apply_for_grant, group)
    application = services.start_application(current_user, round_, group)
    db.session.commit()
    return redirect(url_for("grants.edit_application", application_id=application.id))


def _choices(form, application):
    inits = db.session.execute(db.select(Initiative).order_by(Initiative.created_at.desc()).limit(100)).scalars().all()
    form.initiative.choices = [(0, _("選ばない"))] + [(i.id, f"{i.title}（{i.group_name}）") for i in inits]
    issue_rows = db.session.execute(visible_issues(db.select(Issue)).where(
        Issue.center_id == application.group.center_id, Issue.status.in_([s.value for s in OPEN]))
        .order_by(Issue.vote_count.desc()).limit(40)).scalars().all() if application.group.center_id else []
    linked = [i for i in application.issues if can_view_issue(current_user, i)]
    issue_rows = list({i.id: i for i in linked + issue_rows}.values())
    form.issues.choices = [(i.id, f"#{i.id} {i.title}") for i in issue_rows]


def _fill(form, application):
    form.declarations.data = [k for k in DECLARATIONS if application.declarations.get(k)]
    form.initiative.data = application.initiative_id or 0
    form.issues.data = [i.id for i in application.issues]
    form.codes.data = " ".join(application.codes)
    while len(form.lines.entries):
        form.lines.pop_entry()
    for line in application.lines:
        form.lines.append_entry({"category": line.category, "detail": line.description, "amount": line.amount,
                                 "eligible": line.eligible})
    for _n in range(3):
        form.lines.append_entry({"eligible": True})


@bp.route("/grants/applications/<int:application_id>/edit", methods=["GET", "POST"])
@login_required
def edit_application(application_id):
    """The application form: save a draft at any time; submit checks every rule and explains what is missing."""
    application = _load(application_id)
    require(can_edit_application, application)
    form = forms.ApplicationForm(obj=application if request.method == "GET" else None)
    _choices(form, application)
    problems = []
    if request.method == "GET":
        _fill(form, application)
    elif form.validate():
        try:
            _save(form, application)
            if request.form.get("action") == "submit":
                services.submit(current_user, application)
                db.session.commit()
                flash(_("申請を提出しました。審査の結果はお知らせでお伝えします。"), "success")
                return redirect(url_for("grants.application", application_id=application.id))
            db.session.commit()
            flash(_("下書きを保存しました。"), "success")
            return redirect(url_for("grants.edit_application", application_id=application.id))
        except services.GrantError as exc:
            db.session.commit()  # the draft is kept; only the submission was refused
            problems = exc.problems
        except (DocumentError, PlanCodeError) as exc:
            problems = [str(exc)]
    limit = rules.max_request(application.round, application.eligible_expenses)
    return render_template("grants/application_form.html", form=form, a=application, problems=problems, limit=limit,
                           preview=services.submission_problems(application, utcnow()))


def _save(form, application):
    data = {k: getattr(form, k).data or "" for k in ("title", "purpose", "activities", "schedule", "outcomes", "partners")}
    data.update(member_count=form.member_count.data or 0, citizen_member_count=form.citizen_member_count.data or 0,
                other_income=form.other_income.data or 0, requested_amount=form.requested_amount.data or 0,
                declarations={k: k in (form.declarations.data or []) for k in DECLARATIONS},
                initiative_id=form.initiative.data or None)
    upload = form.rules_file.data
    if upload and getattr(upload, "filename", ""):
        data["rules_document_id"] = save_document(upload, current_user, application.group, "rules").id
    lines = [(e.category.data, e.detail.data or "", e.amount.data, bool(e.eligible.data))
             for e in form.lines.entries if e.category.data and e.amount.data is not None]
    issues = db.session.execute(db.select(Issue).where(Issue.id.in_(form.issues.data or [0]))).scalars().all()
    services.save_draft(application, data, lines, tags=parse_codes(form.codes.data), issues=issues)


@bp.route("/grants/applications/<int:application_id>")
@login_required
def application(application_id):
    """The application as submitted, with its state, budget, decision and report."""
    app_ = _load(application_id)
    require(can_view_application, app_)
    return render_template("grants/application.html", a=app_, report=services.application_report(app_),
                           limit=rules.max_request(app_.round, app_.eligible_expenses))


@bp.route("/grants/applications/<int:application_id>/report", methods=["GET", "POST"])
@login_required
def report(application_id):
    """実績報告: activities, participants, outcomes, actual spending with receipts."""
    app_ = _load(application_id)
    require(can_write_report, app_)
    existing = services.application_report(app_)
    form = forms.ReportForm(obj=existing if request.method == "GET" else None)
    if request.method == "GET":
        while len(form.lines.entries):
            form.lines.pop_entry()
        for line in (existing.lines if existing else []):
            form.lines.append_entry({"category": line.category, "detail": line.description, "amount": line.amount})
        for _n in range(3):
            form.lines.append_entry()
    problems = []
    if request.method == "POST" and form.validate():
        try:
            lines = []
            for e in form.lines.entries:
                if e.category.data and e.amount.data is not None:
                    receipt = e.receipt.data
                    doc = save_document(receipt, current_user, app_.group, "receipt", allow_images=True) \
                        if receipt and getattr(receipt, "filename", "") else None
                    lines.append((e.category.data, e.detail.data or "", e.amount.data, doc.id if doc else None))
            data = {"activities": form.activities.data or "", "participants": form.participants.data or 0,
                    "outcomes": form.outcomes.data or "", "lessons": form.lessons.data or ""}
            services.save_report(app_, data, lines, submit_now=request.form.get("action") == "submit")
            db.session.commit()
            flash(_("実績報告を提出しました。") if request.form.get("action") == "submit" else _("下書きを保存しました。"),
                  "success")
            return redirect(url_for("grants.application", application_id=app_.id))
        except services.GrantError as exc:
            db.session.commit()  # keep what was written as a draft; only the submission was refused
            problems = exc.problems
        except DocumentError as exc:
            db.session.rollback()
            problems = [str(exc)]
    return render_template("grants/report_form.html", form=form, a=app_, problems=problems)
