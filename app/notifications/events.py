"""The one catalogue of notification events.

Recipients come from the objects the publisher passes (e.g. `followers` of an issue, queried by the issues
package, which sits above this one). Each kind names its topic (the preference it obeys), who receives it, its message (lazy gettext,
rendered in the reader's language when shown or sent) and its link. Services call
`publish(kind, **objects)` (app/notifications/outbox.py); they never send anything.
"""
from dataclasses import dataclass, field
from typing import Callable

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

TOPICS = {
    "replies": _l("コメントと返信"),
    "status": _l("状態の変化"),
    "workshops": _l("ワークショップ（申込・前日のお知らせ）"),
    "grants": _l("補助金の結果と差し戻し"),
    "alerts": _l("地区・分野の新しい投稿"),
    "other": _l("そのほかのお知らせ"),
}


@dataclass(frozen=True)
class Kind:
    name: str
    topic: str
    message: object  # a lazy string with %(name)s placeholders filled from params
    link: str  # a path with {name} placeholders filled from params
    params: Callable  # objects -> dict of JSON-safe values
    recipients: Callable  # objects -> iterable of users (before exclusions and visibility)
    issue_key: str | None = None  # objects[issue_key] must be visible to each recipient
    attachment: str | None = None  # e-mail carries a file made by a registered provider (e.g. "workshop_ics")
    channels: tuple = field(default=("email", "line"))
    forced: bool = False  # ignores preferences (account messages)


KINDS = {}
ATTACHMENTS = {}  # name -> function(event) -> (filename, maintype, subtype, text) or None


def register_attachment(name, provider):
    """Higher packages provide files for their events (workshops: the .ics) without being imported here."""
    ATTACHMENTS[name] = provider


def kind(name, topic, message, link, params, recipients, **extra):
    KINDS[name] = Kind(name, topic, message, link, params, recipients, **extra)


def _issue(o):
    return {"issue_id": o["issue"].id, "title": o["issue"].title}


def _comment(o):
    return {**_issue(o), "comment_id": o["comment"].id, "who": o.get("who", "")}


def _members(o):
    return [m.user for m in o["application"].group.members]


def _application(o):
    return {"application_id": o["application"].id, "title": o["application"].title}


def _workshop(o):
    w = o["workshop"]
    return {"workshop_id": w.id, "title": w.title, "place": w.place}


COMMENT_LINK = "/issues/{issue_id}#comment-{comment_id}"
ISSUE_LINK = "/issues/{issue_id}"

kind("issue.reply", "replies", _l("「%(title)s」であなたのコメントに%(who)sさんが返信しました。"), COMMENT_LINK,
     _comment, lambda o: [o["parent"].author], issue_key="issue")
kind("issue.comment", "replies", _l("「%(title)s」に新しいコメントがあります。"), COMMENT_LINK,
     _comment, lambda o: [u for u in o["followers"] if u.id not in o.get("skip", ())], issue_key="issue")
kind("issue.official", "replies", _l("「%(title)s」に%(who)sから公式回答がありました。"), COMMENT_LINK,
     _comment, lambda o: [u for u in o["followers"] if u.id not in o.get("skip", ())], issue_key="issue")
kind("issue.status", "status", _l("「%(title)s」の状態が「%(status)s」になりました。"), ISSUE_LINK,
     lambda o: {**_issue(o), "status": o["status"]}, lambda o: [o["issue"].author, *o["followers"]],
     issue_key="issue")
kind("issue.hidden", "other", _l("あなたの%(what)s（「%(title)s」）は「%(reason)s」のため非表示になりました。"), ISSUE_LINK,
     lambda o: {**_issue(o), "what": o["what"], "reason": o["reason"]}, lambda o: [o["author"]])
kind("referral.new", "other", _l("「%(title)s」が%(department)sに引き継がれました。"), "/referrals/{referral_id}",
     lambda o: {**_issue(o), "referral_id": o["referral"].id, "department": o["referral"].department.name},
     lambda o: o["members"], issue_key="issue")
kind("referral.returned", "other", _l("%(department)sから「%(title)s」が戻りました: %(note)s"),
     "/issues/{issue_id}#facilitator",
     lambda o: {**_issue(o), "department": o["referral"].department.name, "note": o["note"][:200]},
     lambda o: o["facilitators"], issue_key="issue")
kind("issue.approved", "other", _l("「%(title)s」が公開されました。"), ISSUE_LINK,
     _issue, lambda o: [o["issue"].author])
kind("issue.area_alert", "alerts", _l("%(area)sに新しい投稿「%(title)s」があります。"), ISSUE_LINK,
     lambda o: {**_issue(o), "area": o["area"]}, lambda o: o["followers"], issue_key="issue")

APPLICATION_LINK = "/grants/applications/{application_id}"
kind("grant.returned", "grants", _l("補助金の申請「%(title)s」が差し戻されました。修正して再提出してください。"),
     APPLICATION_LINK, _application, _members)
kind("grant.review_requested", "other", _l("補助金の申請「%(title)s」の審査をお願いします。"), "/grants/reviews/{review_id}",
     lambda o: {**_application(o), "review_id": o["review"].id}, lambda o: [o["review"].reviewer])
kind("grant.decided", "grants", _l("補助金の申請「%(title)s」の審査結果が出ました。"), APPLICATION_LINK,
     _application, _members)
kind("grant.report_approved", "grants", _l("実績報告「%(title)s」が承認されました。"), APPLICATION_LINK,
     _application, _members)
kind("grant.report_returned", "grants", _l("実績報告「%(title)s」が差し戻されました。"), APPLICATION_LINK,
     _application, _members)

WORKSHOP_LINK = "/workshops/{workshop_id}"
kind("workshop.registered", "workshops", _l("ワークショップ「%(title)s」（%(when)s、%(place)s）に申し込みました。"),
     WORKSHOP_LINK, lambda o: {**_workshop(o), "when": o["when"]}, lambda o: [o["user"]], attachment="workshop_ics")
kind("workshop.waitlisted", "workshops", _l("ワークショップ「%(title)s」はキャンセル待ちで受け付けました。"),
     WORKSHOP_LINK, _workshop, lambda o: [o["user"]])
kind("workshop.promoted", "workshops", _l("キャンセル待ちだったワークショップ「%(title)s」に参加できるようになりました。"),
     WORKSHOP_LINK, _workshop, lambda o: [o["user"]], attachment="workshop_ics")
kind("workshop.reminder", "workshops", _l("明日はワークショップ「%(title)s」です（%(when)s、%(place)s）。"),
     WORKSHOP_LINK, lambda o: {**_workshop(o), "when": o["when"]}, lambda o: o["users"], attachment="workshop_ics")

kind("account.line_linked", "other", _l("LINEとの連携が完了しました。ひらつか共創ひろばのお知らせをLINEでお届けします。"),
     "/account/notifications", lambda o: {}, lambda o: [o["user"]], channels=("line",), forced=True)


def render(kind_name, params, locale=None):
    """The message in the current (or given) language; unknown kinds fall back to their name."""
    k = KINDS.get(kind_name)
    if k is None:
        return kind_name
    if locale:
        with force_locale(locale):
            return str(k.message) % params
    return str(k.message) % params


def link(kind_name, params):
    return KINDS[kind_name].link.format(**params)


DIGEST_SUBJECT = _l("新しいお知らせが%(n)s件あります")


def render_digest_subject(n):
    return str(DIGEST_SUBJECT) % {"n": n}
