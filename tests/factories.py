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
              password=PASSWORD):
    n = next(_seq)
    user = create_user(email or f"user{n}@example.jp", display_name or f"<b>住民{n}</b>", password,
                       role=role, centers=list(centers), confirmed=confirmed)
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
