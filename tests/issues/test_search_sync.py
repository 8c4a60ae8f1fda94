"""The search index follows every change: post, edit, hide/restore, comments, merge, delete."""
from app.accounts.models import Role
from app.extensions import db
from app.issues.models import Issue
from app.issues.queries import IssueFilters, list_issues
from app.issues.services import delete_comment, edit_comment, update_issue
from app.moderation import services as moderation
from tests.factories import make_center, make_comment, make_issue, make_user


def _found(q, **kw):
    return sorted(i.id for i in list_issues(IssueFilters(q=q, **kw), per_page=100).items)


def _facilitator(center):
    return make_user(Role.FACILITATOR.value, centers=[center])


def test_a_new_issue_is_found_at_once():
    issue = make_issue(title="踏切の警報機", body="音が小さい")
    assert _found("踏切") == [issue.id] and _found("警報") == [issue.id]


def test_an_edit_replaces_the_old_words():
    issue = make_issue(title="古いタイトル", body="古い本文です")
    update_issue(issue, title="新しい見出し", body="新しい本文です", center=issue.center, themes=["F1"])
    db.session.commit()
    assert _found("古い") == [] and _found("見出し") == [issue.id] and _found("新しい本文") == [issue.id]


def test_comments_are_found_until_edited_or_deleted():
    issue = make_issue(title="夜道", body="暗い")
    comment = make_comment(issue, body="ひみつの合言葉")
    assert _found("合言葉") == [issue.id]
    edit_comment(comment, "べつの言葉")
    db.session.commit()
    assert _found("合言葉") == [] and _found("べつ") == [issue.id]
    delete_comment(comment)
    db.session.commit()
    assert _found("べつ") == []


def test_hidden_issues_leave_search_and_come_back_when_restored():
    center = make_center()
    issue = make_issue(center=center, title="防犯灯が消えている", body="危ないです")
    staff = _facilitator(center)
    moderation.hide(staff, issue, "個人情報が含まれていたため")
    db.session.commit()
    assert _found("防犯") == []
    moderation.restore(staff, issue, "確認しました")
    db.session.commit()
    assert _found("防犯") == [issue.id]


def test_hidden_comments_leave_search_and_come_back_when_restored():
    center = make_center()
    issue = make_issue(center=center, title="夜道", body="暗い")
    comment = make_comment(issue, body="電話番号は０９０です")
    staff = _facilitator(center)
    assert _found("電話番号") == [issue.id]
    moderation.hide(staff, comment, "個人情報")
    db.session.commit()
    assert _found("電話番号") == [] and _found("夜道") == [issue.id]
    moderation.restore(staff, comment, "確認しました")
    db.session.commit()
    assert _found("電話番号") == [issue.id]


def test_a_merged_duplicate_stays_findable_as_a_duplicate_but_not_among_open_issues():
    center = make_center()
    original = make_issue(center=center, title="駅前の駐輪場が満杯", body="朝は置けません")
    duplicate = make_issue(center=center, title="駐輪場がいっぱい", body="自転車を置けない")
    moderation.merge_duplicate(_facilitator(center), duplicate, original, "同じ内容です")
    db.session.commit()
    assert _found("駐輪") == sorted([original.id, duplicate.id])
    assert _found("駐輪", status="open") == [original.id]
    assert _found("駐輪", status="duplicate") == [duplicate.id]


def test_a_deleted_issue_leaves_the_index_by_any_path():
    keep = make_issue(title="残る投稿", body="公園")
    gone = make_issue(title="消える投稿", body="公園")
    make_comment(gone, body="ハクビシン")
    db.session.delete(db.session.get(Issue, gone.id))  # no search call: the mapper hook removes it
    db.session.commit()
    assert _found("公園") == [keep.id] and _found("消える") == [] and _found("ハクビシン") == []
    again = make_issue(title="新しい投稿", body="公園")  # SQLite may hand out the freed id again
    assert _found("公園") == sorted([keep.id, again.id]) and _found("消える") == []


def test_the_sqlite_index_stays_consistent_after_edits_and_deletes(app):
    from sqlalchemy import text
    issue = make_issue(title="ᾟ́ ｶﾞｰﾃﾞﾝの街灯", body="ﬁ ß İ")
    comment = make_comment(issue, body="㍻の話")
    update_issue(issue, title="ガーデンの街灯", body="本文", center=issue.center, themes=["F1"])
    delete_comment(comment)
    db.session.delete(db.session.get(Issue, issue.id))
    db.session.commit()
    if not app.config["IS_POSTGRES"]:  # FTS5 checks its own structure (a wrong 'delete' would show here)
        db.session.execute(text("INSERT INTO issue_search(issue_search, rank) VALUES ('integrity-check', 0)"))
        assert db.session.execute(text("SELECT count(*) FROM issue_search_text")).scalar() == 0
    assert _found("街灯") == []
