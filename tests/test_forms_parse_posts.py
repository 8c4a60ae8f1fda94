"""Routes read posted buttons through form classes: odd values get a Japanese message, never a Python error or an
open redirect."""
from pathlib import Path

from tests.factories import make_group, make_issue, make_user


def test_a_member_button_with_a_broken_user_id_says_the_member_was_not_found(as_user):
    owner = make_user()
    group = make_group(owner=owner, members=1)
    html = as_user(owner).post(f"/groups/{group.id}/members", data={"action": "remove", "user_id": "1'; drop"},
                               follow_redirects=True).get_data(as_text=True)
    assert "メンバーが見つかりません。" in html and "invalid literal" not in html


def test_moderation_buttons_return_only_to_a_page_on_this_site(as_user):
    issue = make_issue()
    facilitator = as_user(make_user("facilitator", centers=[issue.center]))
    response = facilitator.post(f"/facilitate/issues/{issue.id}/approve", data={"next": "https://evil.example/"})
    assert response.status_code == 302 and "evil.example" not in response.headers["Location"]
    response = facilitator.post(f"/facilitate/issues/{issue.id}/approve", data={"next": "/facilitate?queue=flags"})
    assert response.headers["Location"].endswith("/facilitate?queue=flags")


def test_no_feature_route_parses_request_form_by_hand():
    app_dir = Path(__file__).resolve().parent.parent / "app"
    owned = ("cases", "groups", "moderation", "issues", "workshops")
    found = [f"{p.relative_to(app_dir)}:{n}" for pkg in owned for p in (app_dir / pkg).glob("*.py")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if "request.form[" in line or "request.form.get" in line]
    assert not found, found
