"""Business verbs for workshops and their sign-ups. Capacity holds under concurrent sign-ups:
a seat is taken by one conditional UPDATE (confirmed_count < capacity), never by read-then-write."""
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from app.audit.services import record
from app.extensions import db
from app.issues import lifecycle
from app.issues.lifecycle import Status
from app.issues.models import Issue
from app.issues.services import change_status
from app.notifications.outbox import publish
from app.util.sanitize import render_markdown
from app.util.time import to_jst, utcnow
from app.workshops.models import Registration, Workshop, WorkshopOutput
from app.workshops.states import ACTIVE, RegistrationStatus, allowed, is_active

FIELDS = ("title", "starts_at", "ends_at", "place", "description", "capacity", "co_hosts")


class WorkshopError(Exception):
    """A rule was broken; the message is shown to the user."""


def get_workshop(workshop_id):
    """A workshop with its center, issues, and outputs with their tags and tallies loaded (or None)."""
    return db.session.execute(db.select(Workshop).where(Workshop.id == workshop_id).options(
        joinedload(Workshop.center), selectinload(Workshop.issues),
        selectinload(Workshop.outputs).selectinload(WorkshopOutput.tags),
        selectinload(Workshop.outputs).selectinload(WorkshopOutput.tallies))).scalar_one_or_none()


def _link_issues(actor, workshop, issues):
    """Link issues; those that can move to ワークショップ do, with a public note naming the workshop."""
    when = to_jst(workshop.starts_at).strftime("%-m月%-d日")
    for issue in issues:
        if issue not in workshop.issues:
            workshop.issues.append(issue)
        if lifecycle.allowed(issue.status, Status.WORKSHOP, lifecycle.FACILITATOR):
            change_status(actor, issue, Status.WORKSHOP, f"{when}のワークショップ「{workshop.title}」で話し合います。",
                          as_whom=lifecycle.FACILITATOR)


def save_workshop(actor, workshop, data, issues):
    """Create or update a workshop (a facilitator of its center), linking the chosen issues."""
    is_new = workshop is None
    if is_new:
        workshop = Workshop(created_by=actor, center=data["center"])
        db.session.add(workshop)
    elif data["capacity"] < workshop.confirmed_count:
        raise WorkshopError(_("すでに%(n)s人が申し込んでいるため、定員をそれより少なくできません。",
                              n=workshop.confirmed_count))
    for f in FIELDS:
        setattr(workshop, f, data[f])
    workshop.description_html = render_markdown(data["description"])
    db.session.flush()
    _link_issues(actor, workshop, issues)
    if not is_new:
        _promote_waitlist(workshop)
    record(actor, "workshop.create" if is_new else "workshop.update", workshop,
           after={"title": workshop.title, "capacity": workshop.capacity, "issues": [i.id for i in issues]})
    return workshop


def registration_of(user, workshop):
    if not user.is_authenticated:
        return None
    return db.session.execute(db.select(Registration).where(
        Registration.workshop_id == workshop.id, Registration.user_id == user.id)).scalar_one_or_none()


def _take_seat(workshop_id):
    """Atomically take one seat if any is left; True if taken."""
    return db.session.execute(
        db.update(Workshop).where(Workshop.id == workshop_id, Workshop.confirmed_count < Workshop.capacity)
        .values(confirmed_count=Workshop.confirmed_count + 1)).rowcount == 1


def move_registration(actor, reg, to_status):
    """Apply one move of the sign-up state table (states.py) and write its audit row; the only place that does."""
    before = reg.status
    if not allowed(before, to_status):
        raise WorkshopError(_("この申し込みの状態は変更できません。"))
    reg.status, reg.updated_at = RegistrationStatus(to_status).value, utcnow()
    db.session.flush()
    record(actor, "workshop.registration", reg, before={"status": before} if before else None,
           after={"status": reg.status, "workshop": reg.workshop_id})


def register(user, workshop):
    """Sign up: a seat if one is left, otherwise the waiting list. Signing up twice changes nothing."""
    if workshop.cancelled_at or workshop.starts_at < utcnow():
        raise WorkshopError(_("このワークショップの申し込みは終了しました。"))
    existing = registration_of(user, workshop)
    if existing is not None and is_active(existing.status):
        return existing
    try:
        with db.session.begin_nested():
            status = RegistrationStatus.CONFIRMED if _take_seat(workshop.id) else RegistrationStatus.WAITLISTED
            if existing is None:
                existing = Registration(workshop_id=workshop.id, user_id=user.id, status=None)
                db.session.add(existing)
            else:
                existing.created_at = utcnow()  # back of the queue
            move_registration(user, existing, status)
    except IntegrityError:  # a double click raced this one: the first one counts
        return registration_of(user, workshop)
    if existing.status == RegistrationStatus.CONFIRMED:
        publish("workshop.registered", workshop=workshop, user=user, when=when_label(workshop))
    else:
        publish("workshop.waitlisted", workshop=workshop, user=user)
    return existing


def when_label(workshop):
    """「12月3日 14:00」 in Japan time, for messages."""
    local = to_jst(workshop.starts_at)
    return f"{local.month}月{local.day}日 {local.hour}:{local.minute:02d}"


def cancel(user, workshop):
    """Cancel a sign-up; a freed seat goes to the first on the waiting list, who is told."""
    reg = registration_of(user, workshop)
    if reg is None or not is_active(reg.status):
        raise WorkshopError(_("申し込みが見つかりません。"))
    _cancel_registration(user, workshop, reg)


def _cancel_registration(actor, workshop, reg):
    was_confirmed = reg.status == RegistrationStatus.CONFIRMED
    move_registration(actor, reg, RegistrationStatus.CANCELLED)
    if was_confirmed:
        db.session.execute(db.update(Workshop).where(Workshop.id == workshop.id)
                           .values(confirmed_count=Workshop.confirmed_count - 1))
        _promote_waitlist(workshop)


def _promote_waitlist(workshop):
    """Fill free seats from the waiting list, oldest first."""
    queue = db.session.execute(db.select(Registration).where(
        Registration.workshop_id == workshop.id, Registration.status == RegistrationStatus.WAITLISTED)
        .order_by(Registration.created_at, Registration.id)).scalars().all()
    for reg in queue:
        if not _take_seat(workshop.id):
            break
        move_registration(None, reg, RegistrationStatus.CONFIRMED)
        if reg.user is None:  # a guest signed up by staff: the center phones them (app/intake)
            continue
        publish("workshop.promoted", workshop=workshop, user=reg.user)


def register_guest(actor, workshop, *, name, phone=""):
    """Staff sign up a guest without an account (代理受付): a seat if one is left, otherwise the waiting list.

    Guests count against capacity and queue like everyone else; their name and phone are staff-only."""
    if workshop.cancelled_at or workshop.starts_at < utcnow():
        raise WorkshopError(_("このワークショップの申し込みは終了しました。"))
    status = RegistrationStatus.CONFIRMED if _take_seat(workshop.id) else RegistrationStatus.WAITLISTED
    reg = Registration(workshop_id=workshop.id, user_id=None, guest_name=name[:100], guest_phone=phone[:40],
                       added_by_id=actor.id, status=None)
    db.session.add(reg)
    move_registration(actor, reg, status)
    return reg


def cancel_guest(actor, workshop, reg):
    """Staff cancel a guest's sign-up; a freed seat goes to the first on the waiting list."""
    if reg.workshop_id != workshop.id or reg.user_id is not None or not is_active(reg.status):
        raise WorkshopError(_("申し込みが見つかりません。"))
    _cancel_registration(actor, workshop, reg)


def set_walk_ins(actor, workshop, count):
    before = workshop.walk_in_count
    workshop.walk_in_count = count
    record(actor, "workshop.walk_ins", workshop, before={"walk_in": before}, after={"walk_in": count})


def participants(workshop):
    """Confirmed and waitlisted registrations, in order (names are shown to staff only)."""
    return db.session.execute(db.select(Registration).where(
        Registration.workshop_id == workshop.id, Registration.status.in_([s.value for s in ACTIVE]))
        .order_by(Registration.status, Registration.created_at, Registration.id)).scalars().all()


def issue_choices(center_id):
    """Issues of the district that a workshop can take up (open ones)."""
    from app.permissions import visible_issues
    return db.session.execute(visible_issues(db.select(Issue)).where(
        Issue.center_id == center_id, Issue.status.in_([s.value for s in lifecycle.OPEN]))
        .order_by(Issue.vote_count.desc(), Issue.id.desc()).limit(200)).scalars().all()
