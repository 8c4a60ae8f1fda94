"""Open data: JSON API, CSV, Atom feeds and map points — public fields only."""
import csv
import io
import xml.etree.ElementTree as ET

from tests.factories import make_center, make_issue, make_user


def test_api_list_has_the_documented_shape_and_no_personal_data(client):
    author = make_user(email="secret-author@example.jp", display_name="ひみつの名前")
    issue = make_issue(author=author, themes=["F2"], votes=2)
    data = client.get("/api/v1/issues").get_json()
    assert {"items", "page", "pages", "total"} <= set(data) and data["total"] == 1 and not data["total_is_lower_bound"]
    item = data["items"][0]
    assert {"id", "title", "status", "center", "tags", "votes", "comments", "created_at", "url"} <= set(item)
    assert item["id"] == issue.id and item["votes"] == 2 and item["tags"] == ["F2"]
    body = client.get("/api/v1/issues").get_data(as_text=True)
    assert "secret-author" not in body and "ひみつの名前" not in body


def test_api_filters_and_detail(client):
    c1, c2 = make_center(), make_center()
    a = make_issue(center=c1, title="ひとつめ", lat=35.33, lng=139.35)
    make_issue(center=c2, title="ふたつめ")
    assert [i["id"] for i in client.get(f"/api/v1/issues?center={c1.id}").get_json()["items"]] == [a.id]
    assert client.get("/api/v1/issues?q=ふたつめ").get_json()["total"] == 1
    detail = client.get(f"/api/v1/issues/{a.id}").get_json()
    assert detail["location"] == {"lat": 35.33, "lng": 139.35} and "<strong>" in detail["body_html"]


def test_api_hides_hidden_and_unknown_issues(client):
    hidden = make_issue(status="hidden")
    assert client.get(f"/api/v1/issues/{hidden.id}").status_code == 404
    assert client.get("/api/v1/issues/987654").status_code == 404
    assert client.get("/api/v1/issues").get_json()["total"] == 0


def test_csv_export_opens_in_excel_and_neutralises_formulas(client):
    make_issue(title="=HYPERLINK(\"http://evil\")", themes=["F1", "F3"])
    response = client.get("/issues.csv")
    text = response.get_data(as_text=True)
    assert response.mimetype == "text/csv" and text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0]["title"].startswith("'=") and rows[0]["tags"] == "F1 F3"
    assert "author" not in rows[0] and "email" not in text


def test_atom_feed_overall_and_per_district(client):
    c1, c2 = make_center(district="港地区"), make_center()
    make_issue(center=c1, title="港のフィード")
    make_issue(center=c2, title="ほかのフィード")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(client.get("/issues/feed.atom").data)
    assert len(root.findall("a:entry", ns)) == 2
    root = ET.fromstring(client.get(f"/issues/feed.atom?center={c1.id}").data)
    titles = [e.find("a:title", ns).text for e in root.findall("a:entry", ns)]
    assert titles == ["港のフィード"] and "港地区" in root.find("a:title", ns).text


def test_map_points_are_open_issues_with_a_pin(client):
    pinned = make_issue(title="ピンあり", lat=35.33, lng=139.35)
    make_issue(title="ピンなし")
    make_issue(title="解決済み", lat=35.34, lng=139.36, status="resolved")
    data = client.get("/map/points.json").get_json()
    assert [f["properties"]["id"] for f in data["features"]] == [pinned.id]
    assert data["features"][0]["geometry"]["coordinates"] == [139.35, 35.33]
    html = client.get("/map").get_data(as_text=True)
    assert "ピンあり" in html  # the list that works without JavaScript
