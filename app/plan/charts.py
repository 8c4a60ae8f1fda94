"""Geometry for a KPI's progress chart (baseline → actuals → 2027 and 2031 targets), drawn as SVG by a macro.

Server-rendered, so it works without JavaScript; the same figures go into a data table beside it.
"""
import math
from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.plan.actuals import parse_number, segments

WIDTH, HEIGHT = 560, 250
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 18, 44
MARKERS = ["circle", "square", "diamond"]
DASHES = ["", "6 3", "2 3"]


@dataclass
class Point:
    x: float
    y: float
    kind: str  # baseline | actual | target
    value: str
    label: str = ""  # the category: 策定時, 2025年度, 2027年度目標 …
    is_sample: bool = False


@dataclass
class Series:
    name: str
    marker: str
    dash: str
    points: list = field(default_factory=list)

    def path(self, kinds):
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points if p.kind in kinds)

    @property
    def solid(self):
        return self.path(("baseline", "actual"))

    @property
    def projected(self):
        """From the last recorded figure to the targets (dashed)."""
        known = [p for p in self.points if p.kind != "target"]
        ahead = [p for p in self.points if p.kind == "target"]
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in known[-1:] + ahead) if known and ahead else ""


def _nice_step(raw):
    if raw <= 0:
        return 1
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _fmt(n):
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,.1f}"


def _planned(kpi, segment, key):
    """Baseline or a target for one segment, as printed."""
    if segment:
        row = next((b for b in kpi.breakdown if b["label"] == segment), {})
        return str(row.get(key, ""))
    return getattr(kpi, key)


def kpi_chart(kpi, actuals):
    """Chart geometry and table rows, or None when the KPI has no figure that can be drawn."""
    years = sorted({a.fiscal_year for a in actuals})
    cats = [("baseline", _("策定時"))] + [(y, _("%(y)s年度", y=y)) for y in years] + [
        ("target_2027", _("2027年度目標")), ("target_2031", _("2031年度目標"))]
    raw = []  # (segment, category index, number, kind, text, sample)
    for segment in segments(kpi):
        for key, kind in (("baseline", "baseline"), ("target_2027", "target"), ("target_2031", "target")):
            text = _planned(kpi, segment, key)
            number = parse_number(text)
            if number is not None:
                raw.append((segment, [c[0] for c in cats].index(key), number, kind, text, False))
        for a in actuals:
            if a.segment == segment and a.value_number is not None:
                raw.append((segment, [c[0] for c in cats].index(a.fiscal_year), a.value_number, "actual", a.value,
                            a.is_sample))
    if not any(r[3] == "actual" for r in raw):
        return None
    top = max(r[2] for r in raw) or 1
    step = _nice_step(top * 1.1 / 4)
    ymax = step * math.ceil(top * 1.1 / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i):
        return LEFT + plot_w * (i + 0.5) / len(cats)

    def y(v):
        return TOP + plot_h * (1 - v / ymax)

    series = []
    for n, segment in enumerate(segments(kpi)):
        s = Series(name=segment or kpi.name, marker=MARKERS[n % 3], dash=DASHES[n % 3])
        for seg, i, number, kind, text, sample in sorted((r for r in raw if r[0] == segment), key=lambda r: r[1]):
            s.points.append(Point(x(i), y(number), kind, text, cats[i][1], sample))
        series.append(s)
    ticks = [(y(v), _fmt(v)) for v in [step * k for k in range(int(round(ymax / step)) + 1)]]
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
            "bottom": HEIGHT - BOTTOM, "categories": [(x(i), label) for i, (_key, label) in enumerate(cats)],
            "ticks": ticks, "series": series, "has_sample": any(r[5] for r in raw)}
