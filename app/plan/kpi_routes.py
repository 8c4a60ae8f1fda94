"""Staff pages for KPI actuals: the list, one KPI's history, entry, correction, and platform links."""
import re

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.centers.services import center_choices, get_center
from app.extensions import db
from app.permissions import can_manage_kpis, permission_required
from app.plan import actuals, bp
from app.plan.forms import ActualForm, CorrectionForm, LinkForm
from app.plan.models import KpiActual
from app.plan.services import plan_tree

KPI_CODE = r"S[1-4](-[1-3])?-K[0-9]{1,2}"


def _kpi(code):
    if not re.fullmatch(KPI_CODE, code):
        abort(404)
    return actuals.get_kpi(code) or abort(404)


@bp.route("/kpis")
@login_required
@permission_required(can_manage_kpis)
def kpi_admin():
    """Staff: every KPI with its latest actual value and platform link."""
    return render_template("plan/kpi_admin.html", actuals=actuals.current_by_kpi(), links=actuals.links_by_kpi(),
                           measures=actuals.PLATFORM_MEASURES, **plan_tree())


def _forms(kpi, actual_form=None, link_form=None):
    actual_form = actual_form or ActualForm()
    actual_form.segment.choices = [(s, s or _("（区分なし）")) for s in actuals.segments(kpi)]
    link = actuals.links_by_kpi([kpi.code]).get(kpi.code)
    if link_form is None:
        link_form = LinkForm(data={"measure": link.measure, "center": link.center_id or 0} if link else None)
    link_form.measure.choices = [("", _("関連付けない"))] + [(k, str(v)) for k, v in actuals.PLATFORM_MEASURES.items()]
    link_form.center.choices = center_choices(blank=_("市内全域"))
    return actual_form, link_form, link


def _detail(kpi, actual_form=None, link_form=None):
    actual_form, link_form, link = _forms(kpi, actual_form, link_form)
    rows, corrected = actuals.history(kpi)
    return render_template("plan/kpi_detail.html", kpi=kpi, rows=rows, corrected=corrected, form=actual_form,
                           link_form=link_form, link=link, measures=actuals.PLATFORM_MEASURES)


@bp.route("/kpis/<code>")
@login_required
@permission_required(can_manage_kpis)
def kpi_detail(code):
    """Staff: one KPI — every recorded value (corrections included), entry and link forms."""
    return _detail(_kpi(code))


@bp.route("/kpis/<code>/actuals", methods=["POST"])
@login_required
@permission_required(can_manage_kpis)
def add_actual(code):
    """Record the actual value for a fiscal year."""
    kpi = _kpi(code)
    form = ActualForm()
    _forms(kpi, form)
    if form.validate_on_submit():
        try:
            actuals.record_actual(current_user, kpi, fiscal_year=form.fiscal_year.data, segment=form.segment.data,
                                  value=form.value.data, as_of=form.as_of.data, source_note=form.source_note.data)
        except actuals.KpiError as exc:
            form.value.errors = list(form.value.errors) + [str(exc)]
        else:
            db.session.commit()
            flash(_("%(fy)s年度の実績値を登録しました。", fy=form.fiscal_year.data), "success")
            return redirect(url_for("plan.kpi_detail", code=kpi.code))
    return _detail(kpi, actual_form=form)


@bp.route("/kpis/actuals/<int:actual_id>/correct", methods=["GET", "POST"])
@login_required
@permission_required(can_manage_kpis)
def correct_actual(actual_id):
    """Correct a recorded value; the earlier one stays in the history."""
    actual = db.session.get(KpiActual, actual_id) or abort(404)
    form = CorrectionForm(obj=actual)
    if form.validate_on_submit():
        try:
            actuals.correct_actual(current_user, actual, value=form.value.data, as_of=form.as_of.data,
                                   source_note=form.source_note.data, reason=form.reason.data)
        except actuals.KpiError as exc:
            form.value.errors = list(form.value.errors) + [str(exc)]
        else:
            db.session.commit()
            flash(_("実績値を訂正しました。訂正前の値は履歴に残ります。"), "success")
            return redirect(url_for("plan.kpi_detail", code=actual.kpi_code))
    return render_template("plan/kpi_correct.html", form=form, actual=actual, kpi=actual.kpi)


@bp.route("/kpis/<code>/link", methods=["POST"])
@login_required
@permission_required(can_manage_kpis)
def link_kpi(code):
    """Link the KPI to a platform figure (or remove the link)."""
    kpi = _kpi(code)
    form = LinkForm()
    _forms(kpi, link_form=form)
    if form.validate_on_submit():
        actuals.link_kpi(current_user, kpi, form.measure.data, get_center(form.center.data))
        db.session.commit()
        flash(_("ひろばの記録との関連付けを保存しました。") if form.measure.data else _("関連付けをやめました。"), "success")
        return redirect(url_for("plan.kpi_detail", code=kpi.code))
    return _detail(kpi, link_form=form)
