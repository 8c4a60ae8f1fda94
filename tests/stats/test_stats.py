"""Statistics: counts by district, year, age band and plan item, with small counts suppressed; response times."""
from datetime import timedelta

from app.accounts.models import Role
from app.extensions import db
from app.stats.suppress import Cell, suppress_column, suppress_table
from tests.factories import make_center, make_department, make_issue, make_referral, make_user


def test_counts_from_one_to_four_are_hidden_zero_and_five_are_shown():
    cells, total = suppress_column({"a": 0, "b": 4, "c": 5, "d": 12, "e": 1})
    assert [str(cells[k]) for k in "abcde"] == ["0", "5未満", "5", "12", "5未満"]
    assert str(total) == "22"


def test_a_single_hidden_cell_hides_the_next_smallest_so_the_total_cannot_reveal_it():
    cells, total = suppress_column({"a": 3, "b": 7, "c": 20})
    assert cells["a"].hidden and cells["b"].hidden and not cells["c"].hidden
    assert str(total) == "30"


def test_a_small_total_is_hidden_too():
    _cells, total = suppress_column({"a": 2, "b": 1})
    assert str(total) == "5未満"


def test_tables_suppress_each_column_on_its_own():
    rows, totals = suppress_table([("x", "X", {"issues": 2, "supports": 10}), ("y", "Y", {"issues": 9, "supports": 8}),
                                   ("z", "Z", {"issues": 0, "supports": 6})], ["issues", "supports"])
    shown = {k: {m: str(c) for m, c in cells.items()} for k, _label, cells in rows}
    assert shown == {"x": {"issues": "5未満", "supports": "10"}, "y": {"issues": "5未満", "supports": "8"},
                     "z": {"issues": "0", "supports": "6"}}
    assert isinstance(totals["issues"], Cell) and str(totals["supports"]) == "24"


def _district_row(page, district):
    start = page.index(f"<th scope=\"row\">{district}</th>")
    return page[start:page.index("</tr>", start)]


def test_public_page_hides_a_district_with_few_issues(client):
    small, big = make_center(district="小さな地区"), make_center(district="大きな地区")
    for _ in range(2):
        make_issue(center=small)
    for _ in range(6):
        make_issue(center=big)
    make_issue(center=make_center(district="ほかの地区"))
    page = client.get("/stats").get_data(as_text=True)
    assert "5未満" in _district_row(page, "小さな地区")
    assert ">6<" in _district_row(page, "大きな地区")
    assert ">2<" not in _district_row(page, "小さな地区")


def test_age_bands_count_residents_by_the_band_they_gave(client):
    center = make_center()
    authors = [make_user() for _ in range(6)]
    for u in authors:
        u.age_band = "30代"
    db.session.commit()
    for u in authors:
        make_issue(author=u, center=center)
    page = client.get("/stats").get_data(as_text=True)
    row = page[page.index('<th scope="row">30代</th>'):]
    assert row[:row.index("</tr>")].count(">6<") == 1


def test_plan_items_count_issues_and_roll_measures_up_to_their_strategy(client):
    center = make_center()
    for _ in range(5):
        make_issue(center=center, themes=("G3", "S4-3"))
    page = client.get("/stats").get_data(as_text=True)
    for code in ("G3", "S4"):
        row = page[page.index(f'<th scope="row">{code} '):]
        assert '<td class="num">5</td>' in row[:row.index("</tr>")]


def test_response_times_per_center_count_first_official_reply_and_resolution(as_user):
    center = make_center(name="港公民館")
    facilitator = make_user(Role.FACILITATOR.value, centers=[center])
    staff = make_user(Role.STAFF.value)
    issue = make_issue(center=center)
    issue.created_at -= timedelta(days=4)
    db.session.commit()
    from app.issues.services import add_comment, change_status
    add_comment(facilitator, issue, "対応します", official_center=center)
    change_status(facilitator, issue, "dialogue", "話し合います", as_whom="facilitator")
    change_status(facilitator, issue, "in_progress", "進めます", as_whom="facilitator")
    change_status(facilitator, issue, "resolved", "解決しました", as_whom="facilitator")
    db.session.commit()
    page = as_user(staff).get("/stats/staff").get_data(as_text=True)
    row = page[page.index('<th scope="row">港公民館</th>'):]
    row = row[:row.index("</tr>")]
    assert row.count("4.0日") == 2  # first reply and 解決 both 4 days after posting


def test_overdue_referrals_are_counted_and_highlighted_in_response_times(as_user):
    center = make_center(name="金目公民館")
    issue = make_issue(center=center)
    referral = make_referral(issue, make_department("道路管理課"))
    referral.created_at -= timedelta(days=20)
    referral.due_at -= timedelta(days=20)
    db.session.commit()
    page = as_user(make_user(Role.STAFF.value)).get("/stats/staff").get_data(as_text=True)
    start = page.index('<th scope="row">金目公民館</th>')
    row_start = page.rindex("<tr", 0, start)
    row = page[row_start:page.index("</tr>", start)]
    assert 'class="overdue"' in row and '<span class="badge badge-danger">1</span>' in row


def test_staff_statistics_are_for_staff_and_facilitators_only(as_user, client):
    assert client.get("/stats/staff").status_code == 302
    assert as_user(make_user()).get("/stats/staff").status_code == 403
    assert as_user(make_user(Role.FACILITATOR.value, centers=[make_center()])).get("/stats/staff").status_code == 200
    assert client.get("/stats").status_code == 200
