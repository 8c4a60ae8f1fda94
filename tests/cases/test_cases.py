"""Case studies: list and filters, publication with consent, and relatedness to issues."""
from app.cases.services import related_cases, related_issues
from app.extensions import db
from app.issues.models import IssueTag
from tests.factories import make_case, make_center, make_issue, make_user


def test_related_case_ranking_prefers_shared_tags_and_text():
    center = make_center()
    issue = make_issue(center=center, title="子どもの居場所がほしい", body="放課後にひとりで過ごす子どもが多く、居場所が足りません。")
    db.session.add(IssueTag(issue_id=issue.id, code="G2"))
    db.session.commit()
    unrelated = make_case(title="海岸清掃の仕組み", problem="浜辺のごみが多い", codes=("G4",))
    close = make_case(title="子ども食堂の立ち上げ", problem="放課後にひとりで過ごす子どもの居場所が足りない",
                      codes=("G2", "P1-1"))
    found = related_cases(issue)
    assert found[0][0].id == close.id
    assert "同じ指針" in found[0][1] and "近い内容" in found[0][1]
    assert unrelated.id not in [c.id for c, _ in found]


def test_case_page_shows_issues_like_it(client):
    issue = make_issue(title="放課後の子どもの居場所", body="子どもがひとりで過ごしています。放課後の居場所がほしい。")
    case = make_case()
    assert [i.id for i, _ in related_issues(case)] == [issue.id]
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "この事例に近い地域課題" in html and "放課後の子どもの居場所" in html


def test_issue_page_shows_related_cases_with_the_reason(client):
    issue = make_issue(title="放課後の子どもの居場所", body="子どもがひとりで過ごしています。")
    case = make_case()
    html = client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert case.title in html and "近い内容" in html


def test_list_filters_and_search(client):
    a = make_case(title="子ども食堂", year=2022, codes=("G2",))
    b = make_case(title="海岸清掃", year=2024, codes=("G4",), problem="浜辺のごみ")
    make_case(title="未公開の事例", published=False)
    html = client.get("/cases").get_data(as_text=True)
    assert "子ども食堂" in html and "海岸清掃" in html and "未公開の事例" not in html
    assert "海岸清掃" not in client.get("/cases?year=2022").get_data(as_text=True)
    assert "子ども食堂" not in client.get("/cases?tag=G4").get_data(as_text=True)
    assert "子ども食堂" not in client.get("/cases?q=浜辺").get_data(as_text=True)
    data = client.get("/api/v1/cases").get_json()
    assert {i["id"] for i in data["items"]} == {a.id, b.id}


def test_unpublished_cases_are_hidden_and_consent_is_required(as_user, client):
    draft = make_case(title="下書き", published=False)
    assert client.get(f"/cases/{draft.id}").status_code == 404
    staff = as_user(make_user("staff"))
    html = staff.post("/cases/new", data={"title": "過去の事例", "group_name": "旧団体", "group": "0", "fiscal_year": "2019",
                                          "center": "0", "problem": "困りごと", "activities": "取組", "outcomes": "成果",
                                          "codes": "G1", "action": "publish"}, follow_redirects=True).get_data(as_text=True)
    assert "団体の同意を記録してから公開してください。" in html
    html = staff.post("/cases/new", data={"title": "過去の事例2", "group_name": "旧団体", "group": "0", "fiscal_year": "2019",
                                          "center": "0", "problem": "困りごと", "activities": "取組", "outcomes": "成果",
                                          "codes": "G1 Z9", "consent": "y", "action": "publish"}).get_data(as_text=True)
    assert "計画にない項目です: Z9" in html
