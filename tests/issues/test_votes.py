"""共感: one per user per issue, withdrawable, exact under concurrency."""
import threading

import pytest

from app.extensions import db
from app.issues.models import Issue, Vote
from tests.conftest import Auth
from tests.factories import make_issue, make_user


def _count_rows(issue_id):
    return db.session.execute(db.select(db.func.count(Vote.id)).where(Vote.issue_id == issue_id)).scalar()


def _votes(issue_id):
    db.session.expire_all()
    return db.session.get(Issue, issue_id).vote_count


def test_support_then_withdraw_moves_the_count_and_the_button(as_user):
    issue = make_issue()
    c = as_user(make_user())
    c.post(f"/issues/{issue.id}/vote", data={"action": "add"})
    assert _votes(issue.id) == 1 == _count_rows(issue.id)
    html = c.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "共感しています（取り消す）" in html and 'aria-pressed="true"' in html
    c.post(f"/issues/{issue.id}/vote", data={"action": "remove"})
    assert _votes(issue.id) == 0 == _count_rows(issue.id)


def test_second_vote_by_same_user_is_not_counted(as_user):
    issue = make_issue()
    c = as_user(make_user())
    for _ in range(3):
        c.post(f"/issues/{issue.id}/vote", data={"action": "add"})
    assert _votes(issue.id) == 1 == _count_rows(issue.id)
    for _ in range(2):
        c.post(f"/issues/{issue.id}/vote", data={"action": "remove"})
    assert _votes(issue.id) == 0 == _count_rows(issue.id)


def test_instant_button_gets_json(as_user):
    issue = make_issue(votes=2)
    response = as_user(make_user()).post(f"/issues/{issue.id}/vote", data={"action": "add"},
                                         headers={"Accept": "application/json"})
    assert response.get_json() == {"voted": True, "votes": 3}


def test_who_may_not_support(as_user, client):
    author = make_user()
    issue = make_issue(author=author)
    assert as_user(author).post(f"/issues/{issue.id}/vote", data={"action": "add"}).status_code == 403
    assert as_user(make_user(confirmed=False)).post(f"/issues/{issue.id}/vote", data={"action": "add"}).status_code == 403
    assert client.post(f"/issues/{issue.id}/vote", data={"action": "add"}).status_code == 302
    closed = make_issue(status="resolved")
    assert as_user(make_user()).post(f"/issues/{closed.id}/vote", data={"action": "add"}).status_code == 403
    assert _count_rows(issue.id) == 0 and _count_rows(closed.id) == 0


def test_unknown_issue_is_404(as_user):
    assert as_user(make_user()).post("/issues/999999/vote", data={"action": "add"}).status_code == 404


def _parallel(app, users, issue_id, action, repeat=1):
    """Each user votes from their own client, all threads released at once."""
    clients = []
    for user in users:
        c = app.test_client()
        Auth(c).login(user)
        clients.append(c)
    barrier = threading.Barrier(len(clients) * repeat)
    errors = []

    def run(c):
        try:
            barrier.wait(timeout=30)
            response = c.post(f"/issues/{issue_id}/vote", data={"action": action}, headers={"Accept": "application/json"})
            if response.status_code != 200:
                errors.append(response.status_code)
        except Exception as exc:  # noqa: BLE001 - any failure is a test failure
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(c,)) for c in clients for _ in range(repeat)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.parametrize("voters", [24])
def test_many_parallel_supports_are_all_counted_once(app, voters):
    issue = make_issue()
    users = [make_user() for _ in range(voters)]
    errors = _parallel(app, users, issue.id, "add")
    assert errors == []
    assert _votes(issue.id) == voters == _count_rows(issue.id)
    errors = _parallel(app, users[: voters // 2], issue.id, "remove")
    assert errors == []
    assert _votes(issue.id) == voters - voters // 2 == _count_rows(issue.id)


def test_one_user_double_clicking_in_parallel_counts_once(app):
    issue = make_issue()
    user = make_user()
    errors = _parallel(app, [user], issue.id, "add", repeat=8)
    assert errors == []
    assert _votes(issue.id) == 1 == _count_rows(issue.id)
