"""KPI actual values (entry, corrections with history) and links to the platform's own figures.

The plan's baseline and targets stay exactly as the city printed them (plan.yaml); actuals are what
staff record afterwards, per fiscal year. Values are kept as entered, plus a number for the chart.
"""
import re
import unicodedata

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.audit.services import record
from app.extensions import db
from app.plan.models import Kpi, KpiActual, KpiLink

# Figures the platform produces itself; app/stats/measures.py counts them.
PLATFORM_MEASURES = {
    "workshops_held": _l("ワークショップの開催数"),
    "workshop_participants": _l("ワークショップの参加者数"),
    "groups_participating": _l("参加している団体の数"),
    "initiatives_started": _l("始まった取組の数"),
    "issues_resolved": _l("解決した地域課題の数"),
}


class KpiError(Exception):
    """A rule of KPI entry was broken; the message is shown to staff."""


def parse_number(text):
    """'1,046' → 1046.0, '６' → 6.0, '97.0％' → 97.0; '－' or '策定時実績値以上' → None."""
    if text is None:
        return None
    s = unicodedata.normalize("NFKC", str(text)).replace(",", "").replace("%", "").replace(" ", "").strip()
    return float(s) if re.fullmatch(r"-?\d+(\.\d+)?", s) else None


def segments(kpi):
    """The rows a KPI is printed with (小学校 / 中学校), or [''] for a single figure."""
    return [b["label"] for b in kpi.breakdown] or [""]


def _clean_value(value):
    value = unicodedata.normalize("NFKC", (value or "")).strip()
    if parse_number(value) is None:
        raise KpiError(_("実績値は数字で入力してください（例: 1,120 や 97.5）。"))
    return value[:60]


def current_rows(kpi_codes=None):
    """The current (not corrected) actuals, optionally only for these KPI codes."""
    replaced = db.select(KpiActual.replaces_id).where(KpiActual.replaces_id.is_not(None))
    stmt = db.select(KpiActual).where(KpiActual.id.not_in(replaced))
    if kpi_codes is not None:
        stmt = stmt.where(KpiActual.kpi_code.in_(list(kpi_codes) or [""]))
    return db.session.execute(stmt.order_by(KpiActual.kpi_code, KpiActual.fiscal_year, KpiActual.segment)
                              ).scalars().all()


def current_by_kpi(kpi_codes=None):
    """{kpi code: [current actuals by year, then segment in the plan's order (小学校 before 中学校)]}."""
    out = {}
    rows = current_rows(kpi_codes)
    order = {k.code: segments(k) for k in db.session.execute(
        db.select(Kpi).where(Kpi.code.in_({r.kpi_code for r in rows} or {""}))).scalars()}
    for row in rows:
        out.setdefault(row.kpi_code, []).append(row)
    for code, items in out.items():
        labels = order.get(code, [""])
        items.sort(key=lambda r: (r.fiscal_year, labels.index(r.segment) if r.segment in labels else 99))
    return out


def history(kpi):
    """Every row ever recorded for a KPI, newest first, with the ids that were later corrected."""
    rows = db.session.execute(db.select(KpiActual).where(KpiActual.kpi_code == kpi.code)
                              .order_by(KpiActual.fiscal_year.desc(), KpiActual.segment, KpiActual.id.desc())
                              ).scalars().all()
    return rows, {r.replaces_id for r in rows if r.replaces_id}


def _current(kpi, fiscal_year, segment):
    return next((r for r in current_rows([kpi.code]) if r.fiscal_year == fiscal_year and r.segment == segment), None)


def record_actual(actor, kpi, *, fiscal_year, segment="", value, as_of, source_note, is_sample=False):
    """Add the actual value of a KPI for a fiscal year (one per year and segment; change it by correcting)."""
    if segment not in segments(kpi):
        raise KpiError(_("この指標の区分を選んでください。"))
    if _current(kpi, fiscal_year, segment) is not None:
        raise KpiError(_("%(fy)s年度の実績値は登録済みです。変えるときは「訂正」から入力してください。", fy=fiscal_year))
    value = _clean_value(value)
    row = KpiActual(kpi_code=kpi.code, fiscal_year=fiscal_year, segment=segment, value=value,
                    value_number=parse_number(value), as_of=as_of, source_note=(source_note or "").strip()[:300],
                    entered_by_id=getattr(actor, "id", None), is_sample=is_sample)
    db.session.add(row)
    db.session.flush()
    record(actor, "kpi.actual", row, reason=kpi.code,
           after={"kpi": kpi.code, "actual": row.id, "fiscal_year": fiscal_year, "segment": segment, "value": value,
                  "as_of": as_of.isoformat(), "source": row.source_note, "sample": is_sample})
    return row


def correct_actual(actor, actual, *, value, as_of, source_note, reason):
    """Correct a recorded value: a new row replaces it; the old one stays in the history."""
    reason = (reason or "").strip()
    if not reason:
        raise KpiError(_("訂正の理由を書いてください。"))
    if db.session.execute(db.select(KpiActual.id).where(KpiActual.replaces_id == actual.id)).first():
        raise KpiError(_("この値は既に訂正されています。最新の値を訂正してください。"))
    value = _clean_value(value)
    row = KpiActual(kpi_code=actual.kpi_code, fiscal_year=actual.fiscal_year, segment=actual.segment, value=value,
                    value_number=parse_number(value), as_of=as_of, source_note=(source_note or "").strip()[:300],
                    entered_by_id=getattr(actor, "id", None), replaces_id=actual.id, correction_reason=reason[:300],
                    is_sample=actual.is_sample)
    db.session.add(row)
    db.session.flush()
    record(actor, "kpi.actual_correct", row, reason=reason,
           before={"kpi": actual.kpi_code, "actual": actual.id, "value": actual.value,
                   "as_of": actual.as_of.isoformat(), "source": actual.source_note},
           after={"kpi": actual.kpi_code, "actual": row.id, "value": value, "as_of": as_of.isoformat(),
                  "source": row.source_note})
    return row


def links_by_kpi(kpi_codes=None):
    stmt = db.select(KpiLink)
    if kpi_codes is not None:
        stmt = stmt.where(KpiLink.kpi_code.in_(list(kpi_codes) or [""]))
    return {link.kpi_code: link for link in db.session.execute(stmt).scalars()}


def link_kpi(actor, kpi, measure, center=None, *, is_sample=False):
    """Link a KPI to a platform figure (or unlink it with measure ''), with an audit row."""
    if measure and measure not in PLATFORM_MEASURES:
        raise KpiError(_("ひろばの記録を選んでください。"))
    link = db.session.get(KpiLink, kpi.code)
    before = {"measure": link.measure, "center": link.center_id} if link else None
    if not measure:
        if link is not None:
            db.session.delete(link)
    else:
        if link is None:
            link = KpiLink(kpi_code=kpi.code)
            db.session.add(link)
        link.measure, link.center, link.linked_by_id, link.is_sample = measure, center, getattr(actor, "id", None), is_sample
    db.session.flush()
    record(actor, "kpi.link", ("KpiLink", None), reason=kpi.code, before=before,
           after={"kpi": kpi.code, "measure": measure or None, "center": center.id if center else None})
    return link


def get_kpi(code):
    return db.session.get(Kpi, code)
