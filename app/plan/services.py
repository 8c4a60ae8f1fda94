"""Load the plan from its data file, and read it for pages and the API."""
import yaml
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.plan.models import Field, Guideline, Kpi, Measure, PlanText, Policy, Stance, Strategy


class PlanDataError(Exception):
    pass


def read_plan_file(path):
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    validate_plan_data(data)
    return data


def validate_plan_data(data):
    """The shape the city plan must have; a broken data file fails loudly."""
    def expect(cond, message):
        if not cond:
            raise PlanDataError(message)

    expect(len(data["guidelines"]) == 5, "5 まちづくりの指針 expected")
    expect(len(data["stances"]) == 5, "5 まちづくりの基本姿勢 expected")
    expect(len(data["strategies"]) == 4, "4 重点戦略 expected")
    for s in data["strategies"]:
        expect(len(s["measures"]) == 3, f"{s['code']}: 3 measures expected")
    expect(len(data["fields"]) == 5, "5 分野 expected")
    # The 概要版 lists 27 分野別施策 (4+4+5+7+7), and so does the draft basic plan.
    expect(sum(len(f["policies"]) for f in data["fields"]) == 27, "27 分野別施策 expected")


def _upsert(model, key, **values):
    obj = db.session.get(model, key)
    if obj is None:
        obj = model(code=key)
        db.session.add(obj)
    for name, value in values.items():
        setattr(obj, name, value)
    return obj


def _kpi_values(k, position):
    return dict(name=k["name"], unit=str(k.get("unit") or ""), baseline=str(k.get("baseline") or ""),
                baseline_year=str(k.get("baseline_year") or ""), target_2027=str(k.get("target_2027") or ""),
                target_2031=str(k.get("target_2031") or ""), note=str(k.get("note") or ""),
                breakdown=list(k.get("breakdown", [])), position=position)


def load_plan(data):
    """Insert or update every plan row by code; running it twice changes nothing."""
    for i, g in enumerate(data["guidelines"]):
        _upsert(Guideline, g["code"], title=g["title"], description=g.get("description", ""), position=i)
    for i, s in enumerate(data["stances"]):
        _upsert(Stance, s["code"], title=s["title"], description=s.get("description", ""),
                summary=s.get("summary", ""), position=i)
    db.session.flush()

    seen_kpis = set()
    for i, s in enumerate(data["strategies"]):
        _upsert(Strategy, s["code"], title=s["title"], direction=s.get("direction", ""), position=i)
        db.session.flush()
        for j, k in enumerate(s.get("kpis", [])):
            code = f"{s['code']}-K{j + 1}"
            seen_kpis.add(code)
            _upsert(Kpi, code, strategy_code=s["code"], measure_code=None, **_kpi_values(k, j))
        for j, m in enumerate(s["measures"]):
            _upsert(Measure, m["code"], strategy_code=s["code"], title=m["title"],
                    direction=m.get("direction", ""), direction_notes=list(m.get("direction_notes", [])),
                    initiatives=list(m.get("initiatives", [])), initiative_notes=list(m.get("initiative_notes", [])),
                    featured_initiative=(m.get("featured_initiative") or {}).get("text", ""), position=j)
            db.session.flush()
            for n, k in enumerate(m.get("kpis", [])):
                code = f"{m['code']}-K{n + 1}"
                seen_kpis.add(code)
                _upsert(Kpi, code, strategy_code=s["code"], measure_code=m["code"], **_kpi_values(k, n))

    for i, f in enumerate(data["fields"]):
        _upsert(Field, f["code"], title=f["title"], guideline_code=f.get("guideline"), position=i)
        db.session.flush()
        for j, p in enumerate(f["policies"]):
            _upsert(Policy, p["code"], field_code=f["code"], number=p["number"], title=p["title"],
                    dx_gx=p.get("dx_gx", ""), position=j)

    # KPIs removed from the data file go away; other entities are referenced by tags and stay.
    for kpi in db.session.execute(db.select(Kpi)).scalars():
        if kpi.code not in seen_kpis:
            db.session.delete(kpi)

    db.session.execute(db.delete(PlanText))
    for i, v in enumerate(data.get("vision", [])):
        extra = {k: v[k] for k in ("label", "subtitle", "description", "note", "elements") if k in v}
        db.session.add(PlanText(kind="vision", text=v["text"], extra=extra, source=v.get("source", ""), position=i))
    db.session.flush()


def plan_tree():
    """Everything /plan shows, loaded in a fixed number of queries."""
    return {
        "vision": db.session.execute(db.select(PlanText).where(PlanText.kind == "vision")
                                     .order_by(PlanText.position)).scalars().all(),
        "guidelines": db.session.execute(db.select(Guideline).order_by(Guideline.position)).scalars().all(),
        "stances": db.session.execute(db.select(Stance).order_by(Stance.position)).scalars().all(),
        "strategies": db.session.execute(
            db.select(Strategy).order_by(Strategy.position)
            .options(selectinload(Strategy.measures).selectinload(Measure.kpis), selectinload(Strategy.kpis))
        ).scalars().all(),
        "fields": db.session.execute(
            db.select(Field).order_by(Field.position).options(selectinload(Field.policies))
        ).scalars().all(),
    }


def kpi_json(k):
    return {"name": k.name, "unit": k.unit, "baseline": k.baseline, "target_2027": k.target_2027,
            "target_2031": k.target_2031, "baseline_year": k.baseline_year, "note": k.note}


def plan_json():
    """The whole plan as the open-data API publishes it."""
    tree = plan_tree()
    return {
        "vision": [v.text for v in tree["vision"]],
        "guidelines": [{"code": g.code, "title": g.title} for g in tree["guidelines"]],
        "stances": [{"code": s.code, "title": s.title} for s in tree["stances"]],
        "strategies": [
            {"code": s.code, "title": s.title, "direction": s.direction,
             "kpis": [kpi_json(k) for k in s.kpis],
             "measures": [{"code": m.code, "title": m.title, "initiatives": m.initiatives,
                           "kpis": [kpi_json(k) for k in m.kpis]} for m in s.measures]}
            for s in tree["strategies"]
        ],
        "fields": [
            {"code": f.code, "title": f.title,
             "policies": [{"code": p.code, "number": p.number, "title": p.title, "dx_gx": p.dx_gx}
                          for p in f.policies]}
            for f in tree["fields"]
        ],
    }


CROSS_CUTTING = {"DX": "デジタル化（DX）", "GX": "脱炭素化（GX）"}


def _model_for(code):
    if code[:1] == "S":
        return Measure if "-" in code else Strategy
    return {"G": Guideline, "B": Stance, "F": Field, "P": Policy}.get(code[:1])


def plan_labels(codes):
    """{code: title} for plan codes (tags across the site), in one query per kind present."""
    labels = {c: CROSS_CUTTING[c] for c in codes if c in CROSS_CUTTING}
    by_model = {}
    for code in codes:
        model = _model_for(code)
        if model is not None and code not in CROSS_CUTTING:
            by_model.setdefault(model, []).append(code)
    for model, wanted in by_model.items():
        for obj in db.session.execute(db.select(model).where(model.code.in_(wanted))).scalars():
            labels[obj.code] = obj.title
    return labels


def is_plan_code(code):
    """True if the code names a row of the loaded plan (tags are never free text)."""
    return bool(code) and code in plan_labels([code])


def plan_url(code):
    """Where a tag links: the strategy page for S*, the plan page's anchor for the rest."""
    from flask import url_for
    if code[:1] == "S":
        strategy = code.split("-")[0]
        return url_for("plan.strategy", code=strategy) + (f"#{code}" if "-" in code else "")
    if code[:1] in "FP":
        field = "F" + code[1] if code[:1] == "P" else code
        return url_for("plan.field", code=field) + (f"#{code}" if code[:1] == "P" else "")
    return url_for("plan.index") + f"#{code}"
