"""The hostile corpus stored as issues and comments, viewed in Chromium: no dialog, no injected script runs."""
from app.extensions import db
from app.issues.services import add_comment, submit_issue
from tests.factories import make_center, make_user
from tests.hostile.corpus import CORPUS, OVERSIZED, XSS_VECTORS


def test_no_injected_script_runs_anywhere(live_server, page_factory):
    center = make_center()
    author, commenter = make_user(), make_user()
    ids = []
    for n, value in enumerate(v for v in CORPUS if v not in OVERSIZED):
        issue = submit_issue(author, title=(value[:70] or "空") + f" #{n}", body=value or "本文", center=center,
                             themes=["F1"])
        add_comment(commenter, issue, value or "コメント")
        ids.append(issue.id)
    db.session.commit()
    page = page_factory("desktop")
    # A script that did run would call alert() (a dialog) or change the title; both are watched.
    for path in ["/issues", "/issues?page=2", "/issues?page=5", "/issues?page=9", "/map", "/issues/feed.atom",
                 "/issues?q=script", "/issues?q=" + "%3Cscript%3E"]:
        page.goto(live_server + path)
    for issue_id in ids[:len(XSS_VECTORS) + 10]:
        page.goto(f"{live_server}/issues/{issue_id}")
        assert page.title().endswith("ひらつか共創ひろば")
    dialogs = [e for e in page.errors if e.startswith("dialog")]
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
