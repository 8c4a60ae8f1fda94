"""The day-before reminder (`flask --app wsgi send-reminders`, from cron) and the .ics that workshop
mails carry. Both go through the notification outbox."""
from datetime import datetime, time, timedelta

import click
from flask.cli import with_appcontext

from app.accounts.models import User
from app.extensions import db
from app.notifications import events
from app.notifications.models import NotificationEvent
from app.notifications.outbox import publish
from app.util.time import to_jst, utcnow
from app.workshops.calendar import ics
from app.workshops.models import Registration, Workshop
from app.workshops.services import when_label
from app.workshops.states import RegistrationStatus

JST = timedelta(hours=9)


def send_reminders(today=None):
    """Remind everyone confirmed for a workshop that starts tomorrow (JST). Running it twice the same
    day sends nothing more. Returns the number of workshops reminded."""
    today = today or to_jst(utcnow()).date()
    start = datetime.combine(today + timedelta(days=1), time()) - JST
    workshops = db.session.execute(db.select(Workshop).where(
        Workshop.starts_at >= start, Workshop.starts_at < start + timedelta(days=1),
        Workshop.cancelled_at.is_(None)).order_by(Workshop.id)).scalars().all()
    count = 0
    for w in workshops:
        url = events.link("workshop.reminder", {"workshop_id": w.id})
        if db.session.execute(db.select(NotificationEvent.id).where(
                NotificationEvent.kind == "workshop.reminder", NotificationEvent.url == url)).first():
            continue
        users = db.session.execute(db.select(User).join(Registration, Registration.user_id == User.id).where(
            Registration.workshop_id == w.id, Registration.status == RegistrationStatus.CONFIRMED)
            .order_by(User.id)).scalars().all()
        if publish("workshop.reminder", workshop=w, users=users, when=when_label(w)) is not None:
            count += 1
    return count


def workshop_ics(event):
    workshop = db.session.get(Workshop, event.params.get("workshop_id"))
    if workshop is None:
        return None
    return ("workshop.ics", "text", "calendar", ics([workshop], workshop.title))


def register_attachments():
    events.register_attachment("workshop_ics", workshop_ics)


@click.command("send-reminders")
@with_appcontext
def send_reminders_command():
    """Remind participants of tomorrow's workshops (with the .ics); safe to repeat."""
    count = send_reminders()
    db.session.commit()
    click.echo(f"workshops reminded: {count}")
