"""Japanese full-text search: substring semantics, short words, kept in sync (same results on both databases)."""
from app.extensions import db
from app.issues import search
from app.issues.models import Issue
from app.issues.queries import IssueFilters, list_issues
from app.issues.services import delete_comment, update_issue
from tests.factories import make_comment, make_issue


def _found(q):
    return sorted(i.id for i in list_issues(IssueFilters(q=q), per_page=100).items)


def test_japanese_words_are_found_in_titles_bodies_and_comments():
    a = make_issue(title="カーブミラーが曇っている", body="通学路の交差点です。")
    b = make_issue(title="公園のベンチ", body="ベンチが壊れてカーブミラーの横に放置されています。")
    c = make_issue(title="夜道が暗い", body="街灯がありません。")
    make_comment(c, body="カーブミラーも欲しいです")
    d = make_issue(title="関係ない話", body="七夕まつりのごみ")
    assert _found("カーブミラー") == sorted([a.id, b.id, c.id])
    assert _found("七夕まつり") == [d.id]
    assert _found("存在しない言葉") == []


def test_every_term_must_match():
    a = make_issue(title="駅前の駐輪場が満杯", body="朝は自転車を置けません。")
    make_issue(title="駅前の花壇", body="花が枯れています。")
    assert _found("駅前 自転車") == [a.id]
    assert _found("駅前　自転車") == [a.id]  # full-width space


def test_one_and_two_character_queries_work():
    a = make_issue(title="犬のふん", body="散歩道に多い。")
    b = make_issue(title="空き家の庭", body="草が伸びている。")
    assert _found("犬") == [a.id]
    assert _found("空き") == [b.id]


def test_search_is_case_insensitive_for_latin_letters():
    a = make_issue(title="Wi-Fiが公民館で使えない", body="Free WiFi がほしい")
    assert _found("wi-fi") == [a.id] and _found("WIFI") == [a.id]


def test_like_wildcards_are_literal():
    a = make_issue(title="100%の力で", body="割引率は50_off")
    make_issue(title="ふつうの投稿", body="特になし")
    assert _found("%") == [a.id]
    assert _found("_") == [a.id]


def test_index_follows_edits_and_deleted_comments():
    issue = make_issue(title="古いタイトル", body="古い本文です")
    update_issue(issue, title="新しい見出し", body="新しい本文です", center=issue.center, themes=["F1"])
    db.session.commit()
    assert _found("古いタイトル") == [] and _found("新しい見出し") == [issue.id]
    comment = make_comment(issue, body="ひみつの合言葉")
    assert _found("ひみつの合言葉") == [issue.id]
    delete_comment(comment)
    db.session.commit()
    assert _found("ひみつの合言葉") == []


def test_deleted_issue_leaves_the_index():
    issue = make_issue(title="消える投稿")
    search.remove(issue.id)
    db.session.delete(db.session.get(Issue, issue.id))
    db.session.commit()
    assert _found("消える投稿") == []


def test_search_page_and_hostile_queries(client):
    make_issue(title="バス停の屋根", body="雨の日に困ります")
    html = client.get("/issues?q=バス停").get_data(as_text=True)
    assert "バス停の屋根" in html and "1件" in html
    for q in ['"', "' OR 1=1 --", "<script>", "%00", "a" * 5000, "NEAR(a b)", "*", "AND OR NOT"]:
        response = client.get("/issues", query_string={"q": q})
        assert response.status_code == 200, q
        assert "<script>alert" not in response.get_data(as_text=True)
