"""The one mail module: log in development, SMTP when configured, memory in tests."""
import logging
import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app, render_template

from app.util.sanitize import clean_text

log = logging.getLogger("hiratsuka.mail")


def send_mail(to, subject, template, *, message_id=None, attachments=(), **context):
    """Render templates/email/<template>.txt and deliver it by the configured backend.

    attachments: (filename, maintype, subtype, text) tuples, e.g. a workshop's .ics."""
    body = render_template(f"email/{template}.txt", **context)
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_SENDER"]
    msg["To"] = to
    # One line, no control characters: user text (an issue title) can never inject a header.
    msg["Subject"] = f"【ひらつか共創ひろば】{clean_text(subject)[:120]}"
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = message_id or make_msgid(domain="hiratsuka-kyoso.local")
    msg.set_content(body)
    for filename, maintype, subtype, text in attachments:
        msg.add_attachment(text.encode("utf-8"), maintype=maintype, subtype=subtype, filename=filename)

    backend = current_app.config["MAIL_BACKEND"]
    if backend == "memory":
        current_app.extensions.setdefault("mail_outbox", []).append(msg)
    elif backend == "smtp":
        _send_smtp(msg)
    else:
        _send_log(msg, body)
    return msg


def _send_smtp(msg):
    cfg = current_app.config
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=cfg.get("MAIL_TIMEOUT", 20)) as smtp:
        if cfg["MAIL_USE_TLS"]:
            smtp.starttls()
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        smtp.send_message(msg)


def _send_log(msg, body):
    text = f"To: {msg['To']}\nSubject: {msg['Subject']}\n\n{body}\n{'-' * 60}\n"
    log.info("mail (not sent, MAIL_BACKEND=log):\n%s", text)
    with open(current_app.config["MAIL_LOG_FILE"], "a", encoding="utf-8") as fh:
        fh.write(text)


def outbox():
    """Messages captured by the memory backend (tests)."""
    return current_app.extensions.setdefault("mail_outbox", [])
