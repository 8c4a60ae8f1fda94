"""代理受付 in a real browser: a phone call becomes a public issue with a printed receipt; the resident claims it."""
import json
import re
import time

from app.accounts.models import Role
from app.extensions import db
from app.intake.models import Intake
from app.issues.models import Issue
from tests.e2e.conftest import ARTIFACTS, login, screenshot
from tests.e2e.test_accessibility import serious_violations
from tests.factories import PASSWORD, make_center, make_user


PAPER_PX = {"a4": (794, 1123), "half": (559, 794)}  # A4 and A5 at 96 dpi


def _print_pdf(page, name, paper="a4"):
    """Chromium's own print-to-PDF (print CSS, @page sizes), plus a print-media PNG at the paper's width to look at
    (no PDF rasteriser is needed on the machine)."""
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    screen = page.viewport_size
    width, height = PAPER_PX[paper]
    page.set_viewport_size({"width": width, "height": height})
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    print(name, "content height px", page.evaluate("document.documentElement.scrollHeight"), "of", height)
    page.set_viewport_size(screen)
    page.emulate_media(media="screen")
    return pdf.read_bytes()


def test_phone_call_becomes_a_public_issue_with_a_printed_receipt_and_the_resident_claims_it(live_server, page_factory):
    center = make_center(name="崇善公民館", district="崇善地区", phone="0463-00-1234")
    facilitator = make_user(Role.FACILITATOR.value, centers=[center], email="fac-intake@example.jp", display_name="伴走者")
    page = page_factory("desktop")
    login(page, live_server, facilitator.email, PASSWORD)

    started = time.monotonic()
    page.goto(f"{live_server}/facilitate/intake/new")
    page.check("input[name=method][value=phone]")
    page.fill("#title", "公園のベンチが壊れていて座れない")
    page.fill("#body", "須賀の公園のベンチの板が割れていて、散歩のとちゅうに休めません。直してほしいです。")
    page.select_option("#center", str(center.id))
    page.fill("#resident_name", "平塚 花子")
    page.fill("#resident_contact", "0463-99-0000")
    screenshot(page, "intake-form-desktop")
    assert serious_violations(page) == []
    page.click("#intake-form button[type=submit]")
    page.wait_for_selector(".receipt-code")
    elapsed = time.monotonic() - started
    code = page.inner_text(".receipt-code").strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert serious_violations(page) == []
    screenshot(page, "intake-receipt-screen")
    a4 = _print_pdf(page, "intake-receipt-a4")
    page.goto(page.url + "?size=half")
    half = _print_pdf(page, "intake-receipt-half", "half")
    assert a4.startswith(b"%PDF") and half.startswith(b"%PDF")
    (ARTIFACTS / "intake-timing.json").write_text(json.dumps({"phone_call_to_receipt_seconds": round(elapsed, 2)}))

    intake = db.session.execute(db.select(Intake)).scalar_one()
    public = page_factory("phone")
    public.goto(f"{live_server}/i/{intake.issue_id}")
    assert "崇善公民館が電話で受け付けました" in public.content()
    assert "平塚 花子" not in public.content()

    family = make_user(email="family@example.jp", display_name="家族")
    claimer = page_factory("phone")
    login(claimer, live_server, family.email, PASSWORD)
    claimer.goto(f"{live_server}/claim")
    claimer.fill("#code", code.lower())
    screenshot(claimer, "intake-claim-phone")
    assert serious_violations(claimer) == []
    claimer.click("main form button[type=submit]")
    claimer.wait_for_selector("text=あなたのアカウントに結びつけました")
    db.session.expire_all()
    assert db.session.get(Issue, intake.issue_id).author_id == family.id
    assert page.errors == [] and public.errors == [] and claimer.errors == []


def test_staff_pages_of_intake_have_no_serious_axe_violations(live_server, page_factory):
    center = make_center(name="港公民館", district="港地区")
    facilitator = make_user(Role.FACILITATOR.value, centers=[center], email="fac-intake2@example.jp")
    from app.intake.services import take_issue
    from tests.factories import make_workshop
    intake, _code = take_issue(facilitator, center=center, method="counter", title="街灯が切れている",
                               body="夜道が暗くて歩くのがこわいです。", district=center, resident_name="港 太郎")
    workshop = make_workshop(center=center)
    db.session.commit()
    page = page_factory("desktop")
    login(page, live_server, facilitator.email, PASSWORD)
    for path, name in ((f"/facilitate/intake/{intake.id}", "intake-detail"), ("/facilitate/intake", "intake-index"),
                       ("/facilitate/intake/form", "intake-blank-form"),
                       (f"/workshops/{workshop.id}/participants", "workshop-participants")):
        page.goto(live_server + path)
        assert serious_violations(page) == [], path
        screenshot(page, name)
    page.goto(f"{live_server}/facilitate/intake/form")
    _print_pdf(page, "intake-blank-form-a4")
    assert page.errors == []
