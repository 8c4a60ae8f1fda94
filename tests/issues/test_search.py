"""Japanese search: 1- and 2-character words, folding, ranking, snippets, common words (same on both databases)."""
import pytest

from app.extensions import db
from app.issues import search
from app.issues.queries import IssueFilters, list_issues
from tests.factories import make_comment, make_issue


def _found(q, **kw):
    return [i.id for i in list_issues(IssueFilters(q=q, **kw), per_page=100).items]


def test_japanese_words_are_found_in_titles_bodies_and_comments():
    a = make_issue(title="カーブミラーが曇っている", body="通学路の交差点です。")
    b = make_issue(title="公園のベンチ", body="ベンチが壊れてカーブミラーの横に放置されています。")
    c = make_issue(title="夜道が暗い", body="街灯がありません。")
    make_comment(c, body="カーブミラーも欲しいです")
    d = make_issue(title="関係ない話", body="七夕まつりのごみ")
    assert sorted(_found("カーブミラー")) == sorted([a.id, b.id, c.id])
    assert _found("七夕まつり") == [d.id]
    assert _found("存在しない言葉") == []


def test_every_term_must_match():
    a = make_issue(title="駅前の駐輪場が満杯", body="朝は自転車を置けません。")
    make_issue(title="駅前の花壇", body="花が枯れています。")
    assert _found("駅前 自転車") == [a.id]
    assert _found("駅前　自転車") == [a.id]  # full-width space


def test_one_and_two_character_words_residents_type_are_found():
    a = make_issue(title="犬のふん", body="散歩道に多い。")
    b = make_issue(title="空き家の庭", body="草が伸びている。")
    c = make_issue(title="公園の街灯が切れている", body="夜は暗くて危ないです。")
    assert _found("犬") == [a.id]
    assert _found("空き") == [b.id]
    assert _found("街灯") == [c.id] and _found("公園") == [c.id] and _found("草") == [b.id]
    assert _found("道路") == []


def test_kana_width_and_case_are_folded_the_same_way_for_text_and_query():
    a = make_issue(title="ゴミ集積所のカラス", body="ＬＥＤの街灯にしてほしい")
    b = make_issue(title="ごみの日が変わった", body="ｺﾝﾋﾟｭｰﾀで調べました")
    assert sorted(_found("ごみ")) == sorted(_found("ゴミ")) == sorted(_found("ｺﾞﾐ")) == sorted([a.id, b.id])
    assert _found("LED") == [a.id] and _found("led") == [a.id] and _found("からす") == [a.id]
    assert _found("コンピューター") == [b.id]  # a trailing long vowel mark in the query is optional


def test_search_is_case_insensitive_for_latin_letters():
    a = make_issue(title="Wi-Fiが公民館で使えない", body="Free WiFi がほしい")
    assert _found("wi-fi") == [a.id] and _found("WIFI") == [a.id]


def test_like_wildcards_are_literal():
    a = make_issue(title="100%の力で", body="割引率は50_off")
    make_issue(title="ふつうの投稿", body="特になし")
    assert _found("%") == [a.id]
    assert _found("_") == [a.id]


def test_title_hits_come_before_body_hits_before_comment_hits_then_newer_first():
    in_comment = make_issue(title="夜の話", body="暗い")
    make_comment(in_comment, body="街灯が必要です")
    in_body_old = make_issue(title="道の話", body="街灯が切れている")
    in_title_old = make_issue(title="街灯が暗い", body="古い話")
    in_body_new = make_issue(title="通学路", body="ここも街灯がない")
    in_title_new = make_issue(title="新しい街灯の要望", body="新しい話")
    assert _found("街灯") == [in_title_new.id, in_title_old.id, in_body_new.id, in_body_old.id, in_comment.id]
    # another sort keeps the same matches
    assert sorted(_found("街灯", sort="new")) == sorted(_found("街灯"))
    assert _found("街灯", sort="new") == [in_title_new.id, in_body_new.id, in_title_old.id, in_body_old.id,
                                        in_comment.id]


def test_common_words_take_the_walking_path_with_the_same_results(monkeypatch):
    """A word with more index hits than CANDIDATES is walked newest first; the page and count stay exact."""
    ids = [make_issue(title=f"公園{n}のベンチ" if n % 2 else f"広場{n}", body="公園が好きです").id for n in range(8)]
    expected, total = _found("公園"), list_issues(IssueFilters(q="公園")).total
    monkeypatch.setattr(search, "CANDIDATES", 2)
    page = list_issues(IssueFilters(q="公園"), per_page=3)
    assert [i.id for i in page.items] == expected[:3] and page.total == total == 8
    assert _found("公園") == expected
    assert expected == [i for i in reversed(ids) if ids.index(i) % 2] + [i for i in reversed(ids) if ids.index(i) % 2 == 0]
    page2 = list_issues(IssueFilters(q="公園", page=2), per_page=3)
    assert [i.id for i in page2.items] == expected[3:6]


def test_count_is_capped_without_reading_every_match(monkeypatch):
    from app.issues import queries
    for n in range(5):
        make_issue(title=f"雑草{n}", body="伸びています")
    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    page = list_issues(IssueFilters(q="雑草"))
    assert page.capped and page.total == 3 and len(page.items) == 5  # "3件以上"; the page itself is full


def test_list_page_highlights_the_words_in_title_and_snippet(client):
    issue = make_issue(title="バス停の屋根", body="雨の日にバスを待つと濡れて困ります")
    make_issue(title="関係のない投稿", body="ほかの話")
    html = client.get("/issues?q=ばす").get_data(as_text=True)
    assert "<mark>バス</mark>停の屋根" in html and "雨の日に<mark>バス</mark>を待つと" in html
    assert "1件" in html and f"/issues/{issue.id}" in html
    assert 'value="relevance" selected' in html


def test_snippet_shows_the_matching_comment_when_the_body_does_not_match(client):
    issue = make_issue(title="夜の話", body="暗いです")
    make_comment(issue, body="ハクビシンを見かけました")
    html = client.get("/issues?q=ハクビシン").get_data(as_text=True)
    assert "<mark>ハクビシン</mark>を見かけました" in html


def test_api_gives_ranked_results_with_highlighted_snippets(client):
    in_body = make_issue(title="道の話", body="段差があって危ない")
    in_title = make_issue(title="段差をなくしてほしい", body="車いすで通れません")
    data = client.get("/api/v1/issues?q=段差").get_json()
    assert [row["id"] for row in data["items"]] == [in_title.id, in_body.id]
    assert data["items"][1]["snippet_html"] == "<mark>段差</mark>があって危ない"
    assert data["items"][0]["title_html"] == "<mark>段差</mark>をなくしてほしい"
    assert "snippet_html" not in client.get("/api/v1/issues").get_json()["items"][0]


def test_markup_in_titles_and_bodies_stays_escaped_in_snippets(client):
    make_issue(title="<b>街灯</b>の件", body="<script>alert(1)</script>街灯")
    html = client.get("/issues?q=街灯").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;b&gt;<mark>街灯</mark>&lt;/b&gt;" in html


HOSTILE = ['"', '""', "*", "公園*", "NEAR", "NEAR(公園 街灯)", "公園 OR 街灯", "OR", "AND OR NOT", ":", "t:公園",
           "{t b}: 公園", "^公園", "(", ")", "' OR 1=1 --", "'; DROP TABLE issues; --", "%", "_", "\\", "%_\\",
           "   ", "\u3000\u3000", "、。！？", "!!!", "---", "a" * 1000, "公" * 1000, "公園\x00街灯", "\x00",
           "<script>alert(1)</script>", "&amp;", "\U0001F600", "公園\u200b", "-公園", "+街灯", "'", "\\x00",
           "ー", "ｰｰｰ"]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_give_a_normal_page(client, q):
    make_issue(title="公園の街灯", body="暗いです")
    response = client.get("/issues", query_string={"q": q})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html and ("件" in html)
    assert client.get("/api/v1/issues", query_string={"q": q}).status_code == 200


def test_unpaired_surrogates_and_invalid_utf8_give_a_normal_page(client):
    make_issue(title="公園の街灯", body="暗いです")
    for raw in ("%ED%A0%80", "%ED%A0%80%E5%85%AC%E5%9C%92", "%FF%FE", "%C0%AF"):
        assert client.get(f"/issues?q={raw}").status_code == 200
        assert client.get(f"/api/v1/issues?q={raw}").status_code == 200
    # and straight to the query layer, as a str holding a lone surrogate
    assert len(list_issues(IssueFilters(q="\ud800公園")).items) == 1
    assert list_issues(IssueFilters(q="\udfff")).total == 1  # nothing left to search for: the whole list


def test_queries_made_only_of_spaces_list_everything_and_punctuation_is_searched_as_text():
    a = make_issue(title="公園の街灯！", body="暗いです")
    b = make_issue(title="ほかの話", body="なし")
    assert sorted(_found("   ")) == sorted([a.id, b.id])
    assert _found("！") == [a.id] and _found("!") == [a.id]  # NFKC: ！ is !
    assert _found("?!") == []


def test_long_queries_are_cut_not_refused():
    a = make_issue(title="公園の街灯", body="暗いです")
    assert _found("公園 " + "x" * 2000) == []  # every term must match; the long one does not
    assert _found("公園" + " " * 200 + "街灯") == [a.id]
    assert len(search.terms("a b c d e f g h")) == search.MAX_TERMS


def test_same_results_as_a_naive_scan_of_the_normalised_text():
    from app.util.jatext import normalise
    texts = [("ゴミ置き場", "カラスが多い"), ("ごみの分別", "ＬＥＤ"), ("公園", "ｺﾞﾐ箱がない"), ("駐輪場", "自転車が多い")]
    issues = [make_issue(title=t, body=b) for t, b in texts]
    for q in ("ごみ", "ゴミ", "ご", "み", "led", "多い", "場", "自転車が", "ゴミ箱"):
        word = normalise(q)
        expected = [i.id for i in reversed(issues) if word in normalise(i.title)] + \
            [i.id for i in reversed(issues) if word not in normalise(i.title) and word in normalise(i.body)]
        assert _found(q) == expected, q
    db.session.rollback()
