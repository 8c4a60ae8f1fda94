"""Factory functions for test data. Default texts carry markup so every test exercises escaping."""
import itertools

from app.accounts.models import Role
from app.accounts.services import create_user
from app.centers.models import Center
from app.extensions import db

PASSWORD = "correct-horse-battery"
XSS = "<script>alert('xss')</script>"
_seq = itertools.count(1)


def reset_sequence():
    global _seq
    _seq = itertools.count(1)


def make_center(name=None, district=None, **kw):
    n = next(_seq)
    center = Center(name=name or f"テスト{n}公民館", district=district or f"テスト{n}地区", position=n, **kw)
    db.session.add(center)
    db.session.commit()
    return center


def make_user(role=Role.RESIDENT.value, *, email=None, display_name=None, centers=(), confirmed=True,
              password=PASSWORD, departments=()):
    n = next(_seq)
    user = create_user(email or f"user{n}@example.jp", display_name or f"<b>住民{n}</b>", password,
                       role=role, centers=list(centers), confirmed=confirmed, departments=list(departments))
    db.session.commit()
    return user


def make_issue(author=None, center=None, *, title=None, body=None, themes=("F3",), lat=None, lng=None, status=None,
               votes=0):
    """An issue posted through the real service (history, follow and search index included)."""
    from app.issues.services import submit_issue
    n = next(_seq)
    author = author or make_user()
    center = center or make_center()
    issue = submit_issue(author, title=title or f"テスト課題{n}{XSS}"[:80], body=body or f"本文{n} **強調** {XSS}",
                         center=center, themes=themes, lat=lat, lng=lng)
    if status:
        issue.status = status
    db.session.commit()
    for _ in range(votes):
        from app.issues.services import cast_vote
        cast_vote(make_user(), issue)
        db.session.commit()
    return issue


def make_comment(issue, author=None, body=None, parent=None):
    from app.issues.services import add_comment
    comment = add_comment(author or make_user(), issue, body or f"コメント{next(_seq)} {XSS}", parent=parent)
    db.session.commit()
    return comment


def jpeg_bytes(size=(800, 600), color=(200, 120, 40), exif=None):
    import io
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG", exif=exif or b"")
    return buf.getvalue()


def make_photo(issue=None, owner=None):
    import io
    from werkzeug.datastructures import FileStorage
    from app.photos.services import attach, save_upload
    photo = save_upload(FileStorage(io.BytesIO(jpeg_bytes()), filename="test.jpg"), owner or make_user())
    if issue is not None:
        attach([photo], issue)
        issue.photo_count += 1
    db.session.commit()
    return photo


def make_workshop(center=None, *, title=None, capacity=20, days_ahead=7, issues=(), outputs=(), publish=False,
                  facilitator=None):
    """A workshop through the real services; outputs are (kind, text, codes) tuples."""
    from datetime import timedelta
    from app.util.time import utcnow
    from app.workshops import outputs as output_services
    from app.workshops.services import save_workshop
    center = center or make_center()
    facilitator = facilitator or make_user("facilitator", centers=[center])
    start = utcnow().replace(microsecond=0) + timedelta(days=days_ahead)
    workshop = save_workshop(facilitator, None, {
        "title": title or f"ワークショップ{next(_seq)}{XSS}", "starts_at": start, "ends_at": start + timedelta(hours=2),
        "place": "公民館 大会議室", "description": "みんなで話し合います。", "capacity": capacity, "co_hosts": "",
        "center": center}, list(issues))
    if outputs:
        created = output_services.add_pasted(facilitator, workshop, "\n".join(text for _, text, _ in outputs))
        output_services.update_outputs(facilitator, workshop, [
            {"id": o.id, "kind": kind, "text": text, "group_label": "A", "codes": codes}
            for o, (kind, text, codes) in zip(created, outputs)])
    if publish:
        output_services.publish_report(facilitator, workshop, "まとめです。")
    db.session.commit()
    return workshop


def make_initiative(output, user=None):
    from app.workshops.outputs import take_up
    initiative = take_up(user or make_user(), output, group_name="見守り隊", title="当番表づくり", description="")
    db.session.commit()
    return initiative


def make_group(owner=None, *, name=None, center=None, members=0):
    from app.groups.services import save_group
    from app.groups.models import GroupMember
    owner = owner or make_user()
    group = save_group(owner, None, {"name": name or f"テスト団体{next(_seq)}", "kind": "citizen",
                                     "description": f"地域の活動をしています。{XSS}", "public_contact": "",
                                     "private_contact": "代表 090-0000-0000", "founded_on": None, "center": center})
    for _ in range(members):
        db.session.add(GroupMember(group_id=group.id, user_id=make_user().id, role="member"))
    db.session.commit()
    return group


def make_round(*, course="intro", year=2026, open_days=(-10, 20), max_amount=100_000, rate=80, criteria=None):
    from datetime import timedelta
    from app.grants.rules import window_utc
    from app.grants.services import save_round
    from app.util.time import to_jst, utcnow
    today = to_jst(utcnow()).date()
    opens_at, closes_at = window_utc(today + timedelta(days=open_days[0]), today + timedelta(days=open_days[1]))
    round_ = save_round(make_user("staff"), None, {
        "fiscal_year": year, "course": course, "title": f"{year}年度 市民活動推進補助金", "opens_at": opens_at,
        "closes_at": closes_at, "max_amount": max_amount, "subsidy_rate": rate, "total_budget": 1_000_000,
        "guidelines": "要項"}, criteria or [("公益性", 3), ("実現可能性", 2)])
    db.session.commit()
    return round_


def pdf_bytes():
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_application(group, round_=None, *, submit=True, lines=(("消耗品費", "チラシ", 50_000, True),),
                     requested=40_000):
    """An application through the real services: a rules PDF, every declaration, and (by default) submitted."""
    import io
    from werkzeug.datastructures import FileStorage
    from app.documents.services import save_document
    from app.grants import services
    from app.grants.models import DECLARATIONS
    owner = next(m.user for m in group.members if m.role == "owner")
    round_ = round_ or make_round()
    app_ = services.start_application(owner, round_, group)
    doc = save_document(FileStorage(io.BytesIO(pdf_bytes()), filename="kiyaku.pdf"), owner, group, "rules")
    services.save_draft(app_, {"title": "見守り活動", "purpose": "通学路の安全", "activities": "見守り", "schedule": "毎朝",
                               "outcomes": "事故ゼロ", "partners": "", "member_count": 8, "citizen_member_count": 6,
                               "other_income": 0, "requested_amount": requested, "rules_document_id": doc.id,
                               "declarations": {k: True for k in DECLARATIONS}}, list(lines))
    if submit:
        services.submit(owner, app_)
    db.session.commit()
    return app_


def make_case(*, title="子ども食堂の立ち上げ", problem="放課後にひとりで過ごす子どもが多い", codes=("G3",), center=None,
              year=2023, published=True, issues=()):
    from app.cases.services import publish, save_case
    staff = make_user("staff")
    case = save_case(staff, None, {"title": title, "group_name": "みんなの食堂の会", "fiscal_year": year,
                                   "problem": problem, "activities": "月2回の食堂", "outcomes": "毎回30人",
                                   "consent_note": "", "center": center}, list(codes), list(issues), consent=True)
    if published:
        publish(staff, case)
    db.session.commit()
    return case


def make_department(name=None, **kw):
    from app.departments.models import Department
    n = next(_seq)
    department = Department(name=name or f"テスト{n}課", handles=kw.pop("handles", f"扱う内容{n} {XSS}"),
                            contact_url=kw.pop("contact_url", "https://www.city.hiratsuka.kanagawa.jp/"), position=n, **kw)
    db.session.add(department)
    db.session.commit()
    return department


def make_referral(issue, department, facilitator=None, note=None):
    """A referral through the real service, by a facilitator of the issue's center."""
    from app.referrals.services import refer_issue
    facilitator = facilitator or make_user(Role.FACILITATOR.value, centers=[issue.center])
    referral = refer_issue(facilitator, issue, department, note or f"現地確認済み {XSS}")
    db.session.commit()
    return referral
