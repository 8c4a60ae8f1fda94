"""Plan pages and the open-data API."""
from app.extensions import db
from app.plan.models import Guideline, Kpi, Policy
from app.plan.services import load_plan, read_plan_file


def test_plan_page_shows_the_whole_hierarchy(client):
    html = client.get("/plan/").get_data(as_text=True)
    assert "世界の人々と相互理解を深め、多様な文化が共生し、人々が平和に共存するまち" in html
    assert "子どもを育む環境づくり" in html
    assert html.count('class="policy-number"') == 27
    assert "コミュニティ活動を促進する" in html and "ちいき情報局の活用促進" in html
    assert "市民が幸せに暮らすまち" in html and "私たちが主役のひらつか" in html


def test_strategy_page_has_kpi_tables_with_exact_values(client):
    html = client.get("/plan/strategies/S1").get_data(as_text=True)
    assert "基本的な方向性" in html and "数値目標" in html
    assert "保育所等の待機児童数" in html and "<td data-label=\"策定時実績値\">６</td>" in html
    assert "★１ 未就学児を育てている夫婦世帯を対象とする。" in html
    assert html.count("<table") == 4  # 数値目標 + one per measure


def test_unknown_strategy_is_a_404(client):
    assert client.get("/plan/strategies/S9").status_code == 404
    assert client.get("/plan/fields/<script>").status_code == 404


def test_field_page_lists_its_policies(client):
    html = client.get("/plan/fields/F3").get_data(as_text=True)
    assert "3-③" in html and "コミュニティ活動を促進する" in html


def test_api_plan_has_the_documented_shape(client):
    data = client.get("/api/v1/plan").get_json()
    assert [g["code"] for g in data["guidelines"]] == ["G1", "G2", "G3", "G4", "G5"]
    assert len(data["stances"]) == 5
    s1 = data["strategies"][0]
    assert s1["code"] == "S1" and s1["direction"]
    assert set(s1["kpis"][0]) >= {"name", "unit", "baseline", "target_2027", "target_2031"}
    assert [m["code"] for m in s1["measures"]] == ["S1-1", "S1-2", "S1-3"]
    assert sum(len(f["policies"]) for f in data["fields"]) == 27
    p33 = next(p for f in data["fields"] for p in f["policies"] if p["code"] == "P3-3")
    assert p33 == {"code": "P3-3", "number": "3-③", "title": "コミュニティ活動を促進する", "dx_gx": "ちいき情報局の活用促進"}


def test_loading_the_plan_twice_changes_nothing(app):
    counts = lambda: [db.session.execute(db.select(db.func.count()).select_from(m)).scalar()  # noqa: E731
                      for m in (Guideline, Policy, Kpi)]
    before = counts()
    load_plan(read_plan_file(app.config["PLAN_DATA_FILE"]))
    db.session.commit()
    assert counts() == before == [5, 27, 49]
