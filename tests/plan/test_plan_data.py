"""The plan data file says exactly what the city's documents say."""
import re
import unicodedata
from pathlib import Path

import pytest

from app.plan.services import PlanDataError, read_plan_file, validate_plan_data

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
PLAN_FILE = Path(__file__).resolve().parents[2] / "app" / "plan" / "data" / "plan.yaml"


def _squash(text):
    """Compare text ignoring PDF line breaks and spacing (and NFKC width differences)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def plan():
    return read_plan_file(PLAN_FILE)


@pytest.fixture(scope="module")
def seed():
    if not SEEDS.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    return {p.name[:3]: _squash(p.read_text(encoding="utf-8")) for p in SEEDS.glob("00*.txt")}


def test_plan_has_the_documents_structure(plan):
    assert [g["code"] for g in plan["guidelines"]] == ["G1", "G2", "G3", "G4", "G5"]
    assert [s["code"] for s in plan["stances"]] == ["B1", "B2", "B3", "B4", "B5"]
    assert [m["code"] for s in plan["strategies"] for m in s["measures"]] == [
        f"S{i}-{j}" for i in range(1, 5) for j in range(1, 4)]
    assert [len(f["policies"]) for f in plan["fields"]] == [4, 4, 5, 7, 7]
    for f in plan["fields"]:
        n = f["code"][1:]
        for i, p in enumerate(f["policies"], start=1):
            assert p["code"] == f"P{n}-{i}"
            assert p["number"] == f"{n}-{'①②③④⑤⑥⑦'[i - 1]}"


def test_every_title_is_in_the_source_documents(plan, seed):
    everything = "".join(seed.values())
    texts = [g["title"] for g in plan["guidelines"]] + [s["title"] for s in plan["stances"]]
    texts += [s["title"] for s in plan["strategies"]] + [m["title"] for s in plan["strategies"] for m in s["measures"]]
    texts += [f["title"] for f in plan["fields"]] + [p["title"] for f in plan["fields"] for p in f["policies"]]
    missing = [t for t in texts if _squash(t) not in everything]
    assert missing == []


def test_policy_dx_gx_initiatives_match_the_summary_document(plan, seed):
    for f in plan["fields"]:
        for p in f["policies"]:
            assert p["dx_gx"] and _squash(p["dx_gx"]) in seed["002"], p["code"]


def test_every_initiative_is_in_the_strategy_document(plan, seed):
    for s in plan["strategies"]:
        for m in s["measures"]:
            for text in m["initiatives"]:
                assert _squash(text) in seed["000"], (m["code"], text)


def test_every_kpi_value_is_printed_in_the_strategy_document(plan, seed):
    kpis = [k for s in plan["strategies"] for k in s["kpis"] + [k for m in s["measures"] for k in m["kpis"]]]
    assert len(kpis) == 49
    for k in kpis:
        assert _squash(k["name"].split("★")[0]) in seed["000"], k["name"]
        for key in ("baseline", "target_2027", "target_2031"):
            for number in re.findall(r"[\d０-９][\d０-９,.．]*", k[key]):
                assert _squash(number) in seed["000"], (k["name"], key, number)


def test_known_kpis_are_exact(plan):
    s1 = plan["strategies"][0]
    waiting = s1["kpis"][0]
    assert (waiting["name"], waiting["unit"], waiting["baseline"], waiting["target_2027"], waiting["target_2031"]) == (
        "保育所等の待機児童数", "人", "６", "0", "0")
    share = s1["kpis"][1]
    assert (share["baseline"], share["target_2027"], share["target_2031"]) == ("17.9", "20.0", "25.0")
    assert share["note"].startswith("★１")


def test_a_broken_plan_file_is_refused(plan):
    broken = dict(plan, fields=plan["fields"][:4])
    with pytest.raises(PlanDataError):
        validate_plan_data(broken)
