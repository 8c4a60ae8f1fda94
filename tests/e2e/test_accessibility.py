"""axe-core in a real browser on every public and main logged-in page, phone and desktop."""
from pathlib import Path

import pytest

from tests.e2e.conftest import login, screenshot
from tests.factories import (PASSWORD, make_application, make_case, make_center, make_comment, make_group, make_issue,
                             make_round, make_user, make_workshop)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

PUBLIC = ["/", "/plan/", "/plan/strategies/S1", "/plan/fields/F3", "/register", "/login", "/password/forgot",
          "/centers/", "/about", "/privacy", "/terms", "/issues", "/issues?q=バス&sort=votes", "/issues/1", "/issues/2", "/map",
          "/workshops", "/workshops/1", "/workshops/1/report", "/plan/coverage", "/groups", "/groups/1", "/grants",
          "/grants/rounds/1", "/grants/awards", "/cases", "/cases/1", "/no-such-page"]
STAFF = ["/account", "/account/password", "/account/delete", "/centers/admin", "/centers/admin/new",
         "/admin/users", "/admin/audit/", "/issues/new", "/issues/1", "/issues/1/flag", "/notifications",
         "/facilitate", "/workshops/new", "/workshops/1/outputs", "/workshops/1/tallies", "/workshops/1/participants",
         "/grants/admin", "/grants/admin/rounds/new", "/grants/admin/rounds/1", "/grants/applications/1",
         "/cases/new", "/groups/new", "/account/notifications", "/moderation/issues/1/redact", "/facilitate/issues/1/tags"]


def serious_violations(page):
    # axe is injected by evaluation (the site's CSP forbids inline script, rightly).
    page.evaluate(AXE.read_text())
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")
    return result


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_public_pages_have_no_serious_axe_violations(live_server, page_factory, viewport):
    center = make_center(name="崇善公民館", district="崇善地区")
    issue = make_issue(center=center, title="バス停に屋根がほしい", lat=35.33, lng=139.35)
    make_comment(issue, body="賛成です")
    make_issue(center=center, title="取り下げた投稿", status="withdrawn")  # /issues/2: the page of an unpublished issue
    make_workshop(center=center, outputs=[("next_action", "屋根の要望をまとめる", "G3 S4-3")], publish=True)
    make_application(make_group(center=center), round_=make_round())
    make_case()
    page = page_factory(viewport)
    found = {}
    for path in PUBLIC:
        errors_before = len(page.errors)
        response = page.goto(live_server + path)
        if response.status == 404:  # the 404 page itself logs its own status; nothing else may
            del page.errors[errors_before:]
        assert page.get_attribute("html", "lang") == "ja"
        if violations := serious_violations(page):
            found[path] = violations
        screenshot(page, f"a11y{path.replace('/', '_') or '_home'}-{viewport}")
    assert found == {}
    assert page.errors == []


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_logged_in_and_staff_pages_have_no_serious_axe_violations(live_server, page_factory, viewport):
    center = make_center(name="港公民館", district="港地区", is_sample=True)
    staff = make_user("staff", email="staff-a11y@example.jp", display_name="職員")
    make_comment(make_issue(center=center), body="コメント")
    make_workshop(center=center, outputs=[("idea", "アイデア", "G1")])
    make_application(make_group(center=center), round_=make_round())
    make_case()
    page = page_factory(viewport)
    login(page, live_server, staff.email, PASSWORD)
    found = {}
    for path in STAFF:
        page.goto(live_server + path)
        if violations := serious_violations(page):
            found[path] = violations
    assert found == {}


def test_form_with_errors_is_accessible_and_links_errors_to_fields(live_server, page_factory):
    page = page_factory("phone")
    page.goto(live_server + "/register")
    page.fill("#email", "not-an-email")
    page.click("main form button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    described = page.get_attribute("#email", "aria-describedby")
    assert "email-error" in described and page.get_attribute("#email", "aria-invalid") == "true"
    assert serious_violations(page) == []
    screenshot(page, "register-errors-phone")


def test_keyboard_user_reaches_skip_link_first_and_it_moves_focus(live_server, page_factory):
    page = page_factory("desktop")
    page.goto(live_server + "/plan/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "本文へ移動"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_keyboard_only_registration(live_server, page_factory):
    """Fill and submit the registration form using only the keyboard."""
    page = page_factory("desktop")
    page.goto(live_server + "/register")
    page.focus("#email")
    page.keyboard.type("keyboard@example.jp")
    page.keyboard.press("Tab")
    page.keyboard.type("キーボード")
    page.keyboard.press("Tab")
    page.keyboard.type("keyboard-pass-1")
    page.keyboard.press("Tab")
    page.keyboard.type("keyboard-pass-1")
    page.keyboard.press("Tab")  # center select
    page.keyboard.press("Tab")  # age select
    page.keyboard.press("Tab")  # agree checkbox
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # submit button
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "メールをご確認ください" in page.content()


def _tab_to(page, selector, limit=80):
    """Press Tab until `selector` has focus (fails if it never does)."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} is not reachable with the keyboard")


def test_keyboard_only_posting_an_issue_and_supporting_one(live_server, page_factory):
    center = make_center(name="崇善公民館", district="崇善地区")
    resident = make_user(email="kb@example.jp")
    other = make_issue(center=center, title="公園の水飲み場が壊れています", body="夏に使えず困っています。")
    page = page_factory("desktop")
    login(page, live_server, resident.email, PASSWORD)
    page.goto(live_server + "/issues/new")
    _tab_to(page, "#title")
    page.keyboard.type("駐輪場の屋根が壊れています")
    _tab_to(page, "#body")
    page.keyboard.type("雨の日に自転車がぬれてしまいます。直してほしいです。")
    _tab_to(page, "#center")
    page.keyboard.press("ArrowDown")  # the first district
    _tab_to(page, "input[name=themes][value=F4]")
    page.keyboard.press("Space")
    _tab_to(page, "button[value=check]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Both mention 「壊れています」 in the same district: the similar issue is offered first.
    assert "似ている投稿があります" in page.content()
    _tab_to(page, "button[value=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "投稿しました" in page.content()
    page.goto(f"{live_server}/issues/{other.id}")
    _tab_to(page, "form[data-vote-form] button")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=共感しています（取り消す）")
    assert page.locator("[data-vote-count]").inner_text() == "1"
