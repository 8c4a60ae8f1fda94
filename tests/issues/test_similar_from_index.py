"""Similar issues (before posting) and issues beside a case come from the search index, not a scan."""
from app.cases.services import related_issues
from app.issues import similarity
from app.issues.similarity import similar_issues
from tests.factories import make_case, make_center, make_issue


def test_an_old_similar_issue_in_another_district_is_still_suggested():
    old = make_issue(center=make_center(), title="カーブミラーが曇って見えない", body="交差点のカーブミラーです")
    here = make_center()
    for n in range(12):  # newer, unrelated posts in the resident's own district
        make_issue(center=here, title=f"花壇の手入れ{n}", body="花が枯れています")
    found = similar_issues("交差点のカーブミラーが見えない", "曇っています", here.id)
    assert [i.id for _s, i in found][:1] == [old.id]


def test_the_number_of_issues_scored_does_not_grow_with_the_issues(monkeypatch):
    center = make_center()
    for n in range(45):
        make_issue(center=center, title=f"街灯が暗い{n}", body="夜道が暗くて危ない")
    calls = []
    original = similarity.score
    monkeypatch.setattr(similarity, "score", lambda *a: calls.append(1) or original(*a))
    monkeypatch.setattr(similarity, "NEIGHBOURS", 10)
    found = similar_issues("街灯が暗い", "夜道が危ない", center.id)
    assert len(found) == 5 and len(calls) <= 20


def test_hidden_and_unapproved_issues_are_never_suggested():
    shown = make_issue(title="ハクビシンが出る", body="屋根裏にいます")
    hidden = make_issue(title="ハクビシンが住みついた", body="屋根裏です", status="hidden")
    ids = [i.id for _s, i in similar_issues("ハクビシンが屋根裏に", "", shown.center_id)]
    assert shown.id in ids and hidden.id not in ids


def test_a_case_finds_an_open_issue_with_its_words_among_many_newer_ones():
    match = make_issue(title="放課後の子どもの居場所がない", body="ひとりで過ごす子どもが多い")
    for n in range(35):
        make_issue(title=f"ゴミ出しのルール{n}", body="分別がわかりにくい")
    case = make_case(title="子ども食堂の立ち上げ", problem="放課後にひとりで過ごす子どもの居場所が足りない")
    assert [i.id for i, _r in related_issues(case)][:1] == [match.id]
