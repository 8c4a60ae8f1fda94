"""/issues filters, sorts, pagination and a fixed number of queries per page."""
from sqlalchemy import event

from app.extensions import db
from app.issues.models import IssueTag
from app.issues.queries import IssueFilters, list_issues
from tests.factories import make_center, make_issue, make_photo


def _titles(client, query=""):
    html = client.get("/issues" + query).get_data(as_text=True)
    return html


def test_filters_by_district_status_theme_tag_and_photos(client):
    a, b = make_center(district="港地区"), make_center(district="金目地区")
    i1 = make_issue(center=a, title="港の課題", themes=["F4"])
    make_issue(center=b, title="金目の課題", themes=["F1"], status="dialogue")
    i3 = make_issue(center=b, title="写真のある課題", themes=["F1", "F5"])
    make_photo(i3)
    db.session.add(IssueTag(issue_id=i1.id, code="G3"))
    db.session.commit()
    assert "港の課題" in _titles(client, f"?center={a.id}") and "金目の課題" not in _titles(client, f"?center={a.id}")
    html = _titles(client, "?status=dialogue")
    assert "金目の課題" in html and "港の課題" not in html
    html = _titles(client, "?theme=F1")
    assert "金目の課題" in html and "写真のある課題" in html and "港の課題" not in html
    html = _titles(client, "?tag=G3")
    assert "港の課題" in html and "金目の課題" not in html and "計画の項目で絞り込み中" in html
    html = _titles(client, "?photos=1")
    assert "写真のある課題" in html and "港の課題" not in html
    assert "1件" in html


def test_hidden_issues_are_not_listed(client):
    make_issue(title="見える課題")
    make_issue(title="隠れた課題", status="hidden")
    html = _titles(client)
    assert "見える課題" in html and "隠れた課題" not in html
    assert "隠れた課題" not in _titles(client, "?status=hidden")


def test_sorts_by_votes_and_activity(client):
    quiet = make_issue(title="静かな課題")
    popular = make_issue(title="人気の課題", votes=3)
    html = _titles(client, "?sort=votes")
    assert html.index("人気の課題") < html.index("静かな課題")
    from tests.factories import make_comment
    make_comment(quiet)
    html = _titles(client, "?sort=activity")
    assert html.index("静かな課題") < html.index("人気の課題")
    assert popular


def test_pagination_and_malformed_parameters(client):
    for n in range(23):
        make_issue(title=f"課題その{n:02d}")
    html = _titles(client)
    assert "23件" in html and 'rel="next"' in html and "課題その22" in html and "課題その02" not in html
    html = _titles(client, "?page=2")
    assert "課題その02" in html
    for q in ["?page=-1", "?page=abc", "?page=99999", "?center=abc", "?status=<x>", "?tag=Z9", "?sort=;drop",
              "?theme=F9", "?page=1&page=2", "?q=%ff%fe"]:
        assert client.get("/issues" + q).status_code == 200, q


def test_a_list_page_takes_the_same_number_of_queries_for_5_or_50_rows(app):
    center = make_center()
    for n in range(5):
        issue = make_issue(center=center, themes=["F1", "F2"])
        make_photo(issue)

    def count(per_page):
        statements = []
        listener = lambda *args, **kw: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            with app.test_request_context("/issues"):
                page = list_issues(IssueFilters(), per_page=per_page)
                from app.photos.services import photos_for_many
                thumbs = photos_for_many("Issue", [i.id for i in page.items])
                from flask import render_template
                render_template("issues/index.html", page=page, f=IssueFilters(), thumbs=thumbs, centers=[],
                                themes={}, sorts={}, statuses=[], tag_label=None)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    small = count(5)
    for n in range(45):
        make_issue(center=center, themes=["F3"])
    assert count(50) == small <= 8
