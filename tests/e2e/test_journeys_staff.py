"""Journeys 3–5 in a real browser: the facilitator, the workshop, and the grant-to-case chain."""
from app.extensions import db
from app.grants.models import GrantApplication, GrantReport
from app.issues.models import Comment, Issue
from app.workshops.models import Workshop
from tests.e2e.conftest import login, screenshot
from tests.factories import (PASSWORD, make_comment, make_group, make_issue, make_round, make_user)


def test_journey3_facilitator_answers_moves_to_dialogue_and_hides_abuse(live_server, page_factory):
    from tests.factories import make_center
    center = make_center(name="崇善公民館", district="崇善地区")
    facilitator = make_user("facilitator", centers=[center], email="fac@example.jp", display_name="伴走者")
    issue = make_issue(center=center, title="商店街の空き店舗が増えた", body="駅前の商店街に空き店舗が増えています。")
    abusive = make_comment(issue, body="ばかばかしい投稿だ、やめろ")
    page = page_factory("desktop")
    login(page, live_server, facilitator.email, PASSWORD)
    page.goto(f"{live_server}/facilitate")
    page.click(f"#unanswered a[href*='/issues/{issue.id}']")
    page.fill("#body", "崇善公民館です。ご投稿ありがとうございます。次回の懇談会で取り上げます。")
    page.check("#official")
    page.click("#comment-form button[type=submit]")
    page.wait_for_selector(".comment-official")
    page.select_option("#to_status", "dialogue")
    page.fill("#note", "懇談会で話を聞きます。")
    page.click("#facilitator form[action$='/status'] button[type=submit]")
    page.wait_for_selector("text=状態を「対話中」にしました")
    page.click(f"#comment-{abusive.id} .mod-box summary")
    page.fill(f"#hide-c{abusive.id}", "攻撃的な表現")
    page.click(f"#comment-{abusive.id} .mod-box button.button-danger")
    page.wait_for_selector("text=非表示にしました")
    screenshot(page, "journey3-facilitator-desktop")
    fac_phone = page_factory("phone")
    login(fac_phone, live_server, facilitator.email, PASSWORD)
    fac_phone.goto(f"{live_server}/facilitate")
    screenshot(fac_phone, "journey3-workspace-phone")
    db.session.expire_all()
    assert db.session.get(Issue, issue.id).status == "dialogue"
    assert db.session.get(Comment, abusive.id).hidden_reason == "攻撃的な表現"
    public = page_factory("phone")
    public.goto(f"{live_server}/issues/{issue.id}")
    assert "このコメントは「攻撃的な表現」のため非表示になりました。" in public.content()
    assert "ばかばかしい" not in public.content()
    screenshot(public, "journey3-public-phone")
    assert page.errors == [] and public.errors == []


def test_journey4_workshop_linked_outputs_pasted_tagged_and_published(live_server, page_factory):
    from tests.factories import make_center
    center = make_center(name="港公民館", district="港地区")
    facilitator = make_user("facilitator", centers=[center], email="fac2@example.jp")
    issue = make_issue(center=center, title="通学路の交差点が危ない", body="朝の抜け道の車がこわいです。")
    page = page_factory("desktop")
    login(page, live_server, facilitator.email, PASSWORD)
    page.goto(f"{live_server}/workshops/new")
    page.fill("#title", "通学路を考える会")
    page.fill("#date", "2030-06-01")
    page.fill("#start_time", "10:00")
    page.fill("#end_time", "12:00")
    page.fill("#place", "港公民館 大会議室")
    page.fill("#capacity", "20")
    page.check(f"#issue-{issue.id}")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=ワークショップを保存しました")
    workshop = db.session.execute(db.select(Workshop)).scalar_one()
    page.goto(f"{live_server}/workshops/{workshop.id}/outputs")
    page.fill("#paste-lines", "・見守りの人が足りない\n・旗当番を交代制にする\n・危ない場所の地図をつくる")
    page.click("#paste form button[type=submit]")
    page.wait_for_selector("#tagging table")
    inputs = page.locator("input[id$=-codes]")
    for n, codes in enumerate(["G3 P3-3", "G3 S4-3", "G3 P4-3 DX"]):
        inputs.nth(n).fill(codes)
    page.click("#tagging form button[type=submit]")
    page.wait_for_selector("text=成果と計画の項目を保存しました")
    page.fill("#summary", "18人が参加し、3つの成果がまとまりました。")
    page.click("#publish button[type=submit]")
    page.wait_for_selector("text=報告を公開しました")
    screenshot(page, "journey4-report-desktop")
    db.session.expire_all()
    assert db.session.get(Workshop, workshop.id).is_published
    assert db.session.get(Issue, issue.id).status == "workshop"
    phone = page_factory("phone")
    phone.goto(f"{live_server}/workshops/{workshop.id}")
    assert "旗当番を交代制にする" in phone.content()
    screenshot(phone, "journey4-workshop-phone")
    assert page.errors == [] and phone.errors == []


def test_journey5_grant_to_case_beside_a_new_similar_issue(live_server, page_factory, tmp_path):
    from tests.factories import make_center, pdf_bytes
    center = make_center(name="花水公民館", district="花水地区")
    owner = make_user(email="owner@example.jp", display_name="代表")
    make_group(owner=owner, name="花水 子ども食堂の会", center=center, members=5)
    round_ = make_round()
    staff = make_user("staff", email="staff2@example.jp")
    reviewer = make_user("reviewer", email="rev@example.jp", display_name="審査委員")
    rules_pdf = tmp_path / "kiyaku.pdf"
    rules_pdf.write_bytes(pdf_bytes())

    p = page_factory("desktop")
    login(p, live_server, owner.email, PASSWORD)
    p.goto(f"{live_server}/grants/rounds/{round_.id}")
    p.click("main form[action$='/apply'] button[type=submit]")
    p.fill("#title", "放課後の子ども食堂")
    p.fill("#purpose", "放課後にひとりで過ごす子どもの居場所が足りない")
    p.fill("#activities", "月2回、公民館で子ども食堂を開く")
    p.fill("#schedule", "4月〜3月")
    p.fill("#outcomes", "毎回30人の子どもが集まる")
    for box in p.locator("input[name=declarations]").all():
        box.check()
    p.fill("#member_count", "6")
    p.fill("#citizen_member_count", "6")
    p.set_input_files("#rules_file", str(rules_pdf))
    p.fill("#lines-0-category", "食材費")
    p.fill("#lines-0-amount", "60000")
    p.fill("#requested_amount", "48000")
    p.fill("#codes", "G2 P1-1")
    p.click("button[value=submit]")
    p.wait_for_selector("text=申請を提出しました")
    application = db.session.execute(db.select(GrantApplication)).scalar_one()
    assert application.status == "submitted"

    s = page_factory("desktop")
    login(s, live_server, staff.email, PASSWORD)
    s.goto(f"{live_server}/grants/admin/rounds/{round_.id}")
    s.select_option(f"#rev-{application.id}", str(reviewer.id))
    s.click(f"#app-{application.id} form[action$='/assign'] button")
    s.wait_for_selector("text=審査を依頼しました")

    r = page_factory("desktop")
    login(r, live_server, reviewer.email, PASSWORD)
    r.goto(f"{live_server}/grants/reviews")
    r.click("main .link-list a")
    r.check("input[name=c-conflict][value=no]")
    r.click("main form button[type=submit]")
    for criterion in application.round.criteria:
        r.check(f"input[name=score-{criterion.id}][value='5']")
    r.click("button[value=submit]")
    r.wait_for_selector("text=審査を提出しました")

    s.goto(f"{live_server}/grants/admin/rounds/{round_.id}")
    s.click(f"#app-{application.id} details:has(form[action$='/decide']) summary")
    s.check(f"#app-{application.id} input[name=decision][value=award]")
    s.fill(f"#amount-{application.id}", "48000")
    s.fill(f"#msg-{application.id}", "採択です")
    s.click(f"#app-{application.id} form[action$='/decide'] button[type=submit]")
    s.wait_for_selector("text=決定を記録しました")
    s.click("form[action$='/publish'] button")
    s.wait_for_selector("text=結果を公表しました")

    p.goto(f"{live_server}/grants/applications/{application.id}/report")
    p.fill("#activities", "月2回の子ども食堂を開きました")
    p.fill("#participants", "360")
    p.fill("#outcomes", "毎回30人が参加")
    p.fill("#lines-0-category", "食材費")
    p.fill("#lines-0-amount", "47500")
    p.click("button[value=submit]")
    p.wait_for_selector("text=実績報告を提出しました")
    report = db.session.execute(db.select(GrantReport)).scalar_one()

    s.goto(f"{live_server}/grants/admin/reports/{report.id}")
    s.check("input[name=decision][value=approve]")
    s.click("main form button[type=submit]")
    s.wait_for_selector("text=実績報告を確認しました")
    s.goto(f"{live_server}/cases/from-report/{report.id}")
    s.check("#consent")
    s.fill("#consent_note", "代表から書面で同意")
    s.click("button[value=publish]")
    s.wait_for_selector("text=事例を公開しました")
    screenshot(s, "journey5-case-desktop")
    case_phone = page_factory("phone")
    case_phone.goto(s.url)
    screenshot(case_phone, "journey5-case-phone")

    newcomer = make_user(email="new@example.jp")
    issue = make_issue(author=newcomer, center=center, title="放課後の子どもの居場所がほしい",
                       body="放課後にひとりで過ごす子どもが増えています。")
    phone = page_factory("phone")
    phone.goto(f"{live_server}/issues/{issue.id}")
    assert "放課後の子ども食堂" in phone.locator(".case-aside").inner_text()
    screenshot(phone, "journey5-issue-with-case-phone")
    wide = page_factory("desktop")
    wide.goto(f"{live_server}/issues/{issue.id}")
    screenshot(wide, "journey5-issue-with-case-desktop")
    for page in (p, s, r, phone):
        assert page.errors == []
