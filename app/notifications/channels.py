"""Send one delivery on its channel: e-mail (app.mail) or LINE (app.notifications.line)."""
from flask import current_app

from app.extensions import db
from app.notifications import events
from app.notifications.models import LineLink, NotificationEvent


def external(path):
    """Absolute link: SITE_URL, else SERVER_NAME (workers have no request)."""
    base = current_app.config.get("SITE_URL")
    if not base and current_app.config.get("SERVER_NAME"):
        base = f"{current_app.config.get('PREFERRED_URL_SCHEME', 'http')}://{current_app.config['SERVER_NAME']}"
    return (base or "").rstrip("/") + path


def digest_items(event):
    rows = db.session.execute(db.select(NotificationEvent).where(
        NotificationEvent.id.in_(event.params.get("events", []))).order_by(NotificationEvent.id)).scalars().all()
    return [(events.render(e.kind, e.params), external(e.url)) for e in rows]


def send(delivery):
    event, user = delivery.event, delivery.user
    if user is None or user.is_deleted:
        return  # nothing to send to: counts as done
    if event.kind == "digest":
        items = digest_items(event)
        subject = events.render_digest_subject(len(items))
        text = "\n".join(f"・{m}\n  {u}" for m, u in items)
    else:
        subject = text = events.render(event.kind, event.params)
        items = None
    if delivery.channel == "email":
        from app.mail import send_mail
        attachments = []
        kind = events.KINDS.get(event.kind)
        if kind is not None and kind.attachment in events.ATTACHMENTS:
            with current_app.test_request_context(base_url=external("/") or "http://localhost/"):
                attachment = events.ATTACHMENTS[kind.attachment](event)
            if attachment:
                attachments.append(attachment)
        message_id = f"<delivery-{delivery.id}@hiratsuka-kyoso.local>"
        if items is not None:
            send_mail(user.email, subject, "digest", user=user, items=items, message_id=message_id)
        else:
            send_mail(user.email, subject[:40], "notification", user=user, message=text, link=external(event.url),
                      message_id=message_id, attachments=attachments)
    elif delivery.channel == "line":
        from app.notifications import line
        link = db.session.get(LineLink, user.id)
        if link is None or not link.line_user_id:
            return  # unlinked since: nothing to send
        body = text if items is not None else f"{text}\n{external(event.url)}"
        line.push(link.line_user_id, body, retry_key=line.retry_key(delivery.id))
    else:
        raise ValueError(f"unknown channel {delivery.channel}")
