"""Case study pages: list with filters and search, a case with the issues it resembles, staff editing."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from app.cases import bp, forms, services
from app.cases.models import CaseStudy, CaseTag
from app.centers.services import active_centers, center_choices, get_center
from app.extensions import db
from app.grants.models import GrantReport
from app.groups.models import Group
from app.issues.models import Issue
from app.permissions import can_manage_cases, permission_required, visible_issues
from app.photos import services as photos
from app.plan.codes import PlanCodeError, parse_codes
from app.util.forms import ActionForm
from app.plan.services import plan_labels
from app.util.http import int_arg, str_arg
from app.util.pagination import paginate


@bp.route("/cases")
def index():
    """Published cases, filtered by year, plan tag and district, with a text search."""
    year, center_id = int_arg("year", 0, 0, 2100), int_arg("center", 0, 0)
    tag, q = str_arg("tag", 8).upper(), str_arg("q", 100)
    stmt = db.select(CaseStudy).where(CaseStudy.published_at.is_not(None)).options(joinedload(CaseStudy.center))
    if year:
        stmt = stmt.where(CaseStudy.fiscal_year == year)
    if center_id:
        stmt = stmt.where(CaseStudy.center_id == center_id)
    if tag:
        stmt = stmt.where(CaseStudy.id.in_(db.select(CaseTag.case_id).where(CaseTag.code == tag)))
    for word in q.split()[:5]:
        like = f"%{word.replace('%', '').replace('_', '')}%"
        stmt = stmt.where(db.or_(CaseStudy.title.like(like), CaseStudy.problem.like(like),
                                 CaseStudy.activities.like(like), CaseStudy.group_name.like(like)))
    page = paginate(stmt.order_by(CaseStudy.fiscal_year.desc(), CaseStudy.id.desc()), int_arg("page"), per_page=20)
    years = db.session.execute(db.select(CaseStudy.fiscal_year).where(CaseStudy.published_at.is_not(None)).distinct()
                               .order_by(CaseStudy.fiscal_year.desc())).scalars().all()
    return render_template("cases/index.html", page=page, year=year, center_id=center_id, tag=tag, q=q, years=years,
                           centers=active_centers(), labels=plan_labels([tag]) if tag else {})


@bp.route("/cases/<int:case_id>")
def detail(case_id):
    """A case with its story, tags, photos, its chain, and the open issues it resembles."""
    case = db.session.get(CaseStudy, case_id) or abort(404)
    if case.published_at is None and not can_manage_cases(current_user):
        abort(404)
    return render_template("cases/detail.html", c=case, photos=photos.photos_for(case), labels=plan_labels(case.codes),
                           related=services.related_issues(case))


def _form(case, prefill=None):
    form = forms.CaseForm(obj=case, data=None if case else prefill and {k: v for k, v in prefill.items()
                                                                        if k in forms.CaseForm.__dict__})
    form.group.choices = [(0, _("選ばない"))] + [(g.id, g.name) for g in db.session.execute(
        db.select(Group).order_by(Group.name)).scalars()]
    form.center.choices = center_choices(_("選ばない"))
    issues = db.session.execute(visible_issues(db.select(Issue)).order_by(Issue.vote_count.desc()).limit(60)).scalars().all()
    linked = list(case.issues) if case else (prefill or {}).get("issues", [])
    form.issues.choices = [(i.id, f"#{i.id} {i.title}") for i in {i.id: i for i in linked + issues}.values()]
    if request.method == "GET":
        source = case or prefill or {}
        get = (lambda k: getattr(source, k, None)) if case else source.get
        form.group.data = (get("group").id if get("group") else 0)
        form.center.data = (get("center").id if get("center") else 0)
        form.codes.data = " ".join(case.codes if case else source.get("codes", []))
        form.issues.data = [i.id for i in linked]
        form.consent.data = bool(case and case.consent_recorded_at)
    return form


@bp.route("/cases/new", methods=["GET", "POST"])
@bp.route("/cases/<int:case_id>/edit", methods=["GET", "POST"])
@bp.route("/cases/from-report/<int:report_id>", methods=["GET", "POST"])
@login_required
@permission_required(can_manage_cases)
def edit(case_id=None, report_id=None):
    """Staff: enter a past case, edit one, or start from an approved report (pre-filled)."""
    case = db.session.get(CaseStudy, case_id) if case_id else None
    prefill = None
    if report_id:
        report = db.session.get(GrantReport, report_id) or abort(404)
        if report.status != "approved":
            abort(404)
        prefill = services.prefill_from_report(report)
    form = _form(case, prefill)
    if form.validate_on_submit():
        try:
            codes = parse_codes(form.codes.data)
        except PlanCodeError as exc:
            form.codes.errors.append(str(exc))
        else:
            data = {f: getattr(form, f).data or "" for f in services.FIELDS}
            data.update(group=db.session.get(Group, form.group.data) if form.group.data else None,
                        center=get_center(form.center.data), application=(prefill or {}).get("application"))
            if case is not None:
                data["application"] = case.application
            issues = db.session.execute(db.select(Issue).where(Issue.id.in_(form.issues.data or [0]))).scalars().all()
            case = services.save_case(current_user, case, data, codes, issues, consent=form.consent.data)
            if ActionForm().action.data == "publish":
                try:
                    services.publish(current_user, case)
                except services.CaseError as exc:
                    db.session.commit()
                    flash(str(exc), "error")
                    return redirect(url_for("cases.edit", case_id=case.id))
            db.session.commit()
            flash(_("事例を公開しました。") if case.published_at else _("事例を保存しました（非公開）。"), "success")
            return redirect(url_for("cases.detail", case_id=case.id))
    return render_template("cases/form.html", form=form, c=case, prefill=prefill)
