"""特大 text on a 390 px phone: the switch works without JavaScript, nothing scrolls sideways, axe is clean."""
from tests.e2e.conftest import login, screenshot
from tests.e2e.test_accessibility import serious_violations
from tests.factories import PASSWORD, make_center, make_comment, make_issue, make_user

WIDE = "document.documentElement.scrollWidth"


def test_xlarge_text_on_a_phone_never_scrolls_sideways_and_stays_accessible(live_server, page_factory):
    center = make_center(name="崇善公民館", district="崇善地区")
    issue = make_issue(center=center, title="駅前の歩道が狭くてベビーカーが通りにくい",
                       body="https://example.jp/a/very/long/address/without/any/break/at/all/for/testing 長い説明です。")
    make_comment(issue, body="賛成です。朝の通学時間はとくに危ないと思います。")
    resident = make_user(email="large-text@example.jp", display_name="大きな文字の住民")
    page = page_factory("phone", java_script_enabled=False)
    page.goto(live_server + "/")
    page.click("button.text-size-button[value=xlarge]")  # a plain form post: no JavaScript needed
    assert page.url.rstrip("/") == live_server
    assert page.get_attribute("html", "data-text-size") == "xlarge"
    assert page.get_attribute("button.text-size-button[value=xlarge]", "aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "27px"  # 1.125rem at 150 %

    page = page_factory("phone")
    page.context.add_cookies([{"name": "text_size", "value": "xlarge", "url": live_server}])
    login(page, live_server, resident.email, PASSWORD)
    found, too_wide = {}, {}
    for name, path in [("home", "/"), ("issues", "/issues"), ("issue", f"/issues/{issue.id}"),
                       ("post", "/issues/new")]:
        page.goto(live_server + path)
        assert page.get_attribute("html", "data-text-size") == "xlarge"
        if (width := page.evaluate(WIDE)) > 390:
            too_wide[path] = width
        if violations := serious_violations(page):
            found[path] = violations
        screenshot(page, f"text-size-xlarge-{name}-phone")
    assert too_wide == {}
    assert found == {}
    assert page.errors == []


def test_pages_hold_at_200_percent_zoom(live_server, page_factory):
    """200 % zoom of a 1280 px window is a 640 px layout at device scale 2; standard and 特大 both fit."""
    issue = make_issue(title="公園のベンチを増やしてほしい")
    page = page_factory("desktop", device_scale_factor=2)
    page.set_viewport_size({"width": 640, "height": 450})
    for size in ("standard", "xlarge"):
        page.context.add_cookies([{"name": "text_size", "value": size, "url": live_server}])
        for path in ("/", "/issues", f"/issues/{issue.id}"):
            page.goto(live_server + path)
            assert page.evaluate(WIDE) <= 640, (size, path)
    screenshot(page, "text-size-xlarge-zoom200-issue")
