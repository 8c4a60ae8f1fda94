"""LINE through the official line-bot-sdk (Messaging API v3): push, link by one-time code, webhook.

LINE_API_HOST points the SDK elsewhere (tests start a fake LINE API on a local port).
"""
import secrets
import uuid
from datetime import timedelta

from flask import current_app

from app.extensions import db
from app.notifications.models import LineLink
from app.util.time import utcnow

CODE_MINUTES = 30
UNLINK_WORDS = {"連携解除", "解除", "unlink"}
_RETRY_NS = uuid.UUID("6f1c3a52-0d7e-4b8e-9a51-6b2d3c4e5f60")


class LineError(Exception):
    pass


def retry_key(delivery_id):
    """The same key for every try of one delivery: LINE accepts a push with a given key only once."""
    return str(uuid.uuid5(_RETRY_NS, f"delivery-{delivery_id}"))


def _configuration():
    from linebot.v3.messaging import Configuration
    cfg = current_app.config
    return Configuration(host=cfg.get("LINE_API_HOST") or "https://api.line.me",
                         access_token=cfg["LINE_CHANNEL_ACCESS_TOKEN"])


def push(line_user_id, text, *, retry_key=None):
    from linebot.v3.messaging import ApiClient, MessagingApi, PushMessageRequest, TextMessage
    from linebot.v3.messaging.exceptions import ApiException
    with ApiClient(_configuration()) as client:
        try:
            MessagingApi(client).push_message(
                PushMessageRequest(to=line_user_id, messages=[TextMessage(text=text[:5000])]),
                x_line_retry_key=retry_key)
        except ApiException as exc:
            if exc.status == 409:  # this retry key was accepted before: already delivered
                return
            raise


def link_of(user):
    return db.session.get(LineLink, user.id)


def new_code(user):
    """A fresh one-time code (8 digits) the resident sends to the city's official account."""
    link = link_of(user) or LineLink(user_id=user.id)
    db.session.add(link)
    while True:
        code = f"{secrets.randbelow(10 ** 8):08d}"
        if db.session.execute(db.select(LineLink.user_id).where(LineLink.code == code)).first() is None:
            break
    link.code, link.code_expires_at = code, utcnow() + timedelta(minutes=CODE_MINUTES)
    db.session.flush()
    return link


def unlink_user(user):
    link = link_of(user)
    if link is not None:
        link.line_user_id, link.linked_at, link.code, link.code_expires_at = None, None, None, None


def _unlink_line_id(line_user_id):
    db.session.execute(db.update(LineLink).where(LineLink.line_user_id == line_user_id)
                       .values(line_user_id=None, linked_at=None))


def link_by_code(line_user_id, text):
    """A message from LINE: a valid code links its sender; returns the linked user or None."""
    code = "".join(ch for ch in text if ch.isdigit())
    if len(code) != 8:
        return None
    link = db.session.execute(db.select(LineLink).where(LineLink.code == code)).scalar_one_or_none()
    if link is None or link.code_expires_at is None or link.code_expires_at < utcnow():
        return None
    _unlink_line_id(line_user_id)  # one LINE account belongs to one site account
    db.session.flush()
    link.line_user_id, link.linked_at, link.code, link.code_expires_at = line_user_id, utcnow(), None, None
    db.session.flush()
    from app.accounts.models import User
    user = db.session.get(User, link.user_id)
    from app.notifications.outbox import publish
    publish("account.line_linked", user=user)
    return user


def handle_webhook(body, signature):
    """Verify the signature (raises LineError) and apply the events. No network I/O here."""
    from linebot.v3 import WebhookParser
    from linebot.v3.exceptions import InvalidSignatureError
    from linebot.v3.webhooks import MessageEvent, TextMessageContent, UnfollowEvent
    parser = WebhookParser(current_app.config["LINE_CHANNEL_SECRET"])
    try:
        parsed = parser.parse(body, signature or "")
    except (InvalidSignatureError, ValueError) as exc:
        raise LineError(str(exc)) from exc
    for ev in parsed:
        source = getattr(ev, "source", None)
        line_user_id = getattr(source, "user_id", None)
        if not line_user_id:
            continue
        if isinstance(ev, UnfollowEvent):
            _unlink_line_id(line_user_id)
        elif isinstance(ev, MessageEvent) and isinstance(ev.message, TextMessageContent):
            if ev.message.text.strip() in UNLINK_WORDS:
                _unlink_line_id(line_user_id)
            else:
                link_by_code(line_user_id, ev.message.text)
    return len(parsed)
