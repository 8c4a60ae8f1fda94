"""Business verbs of 代理受付: take an issue or a support for a resident, claim it, log a call, erase contact.

Every verb writes an audit row naming the staff member and the 受付方法; the resident's name and contact
never go into the audit log (it is append-only, and the contact must be erasable).
"""
import hashlib
import hmac
import secrets
import unicodedata

from flask import current_app
from flask_babel import gettext as _

from app.audit.services import record
from app.extensions import db
from app.intake.models import METHODS, Intake, IntakeCall
from app.issues.lifecycle import OPEN, Status
from app.issues.models import Issue, Vote
from app.issues.services import follow, submit_issue, withdraw_vote
from app.util.counters import add_counted, delete_counted
from app.util.sanitize import clean_text
from app.util.time import utcnow
from app.workshops import services as workshops

# No 0/O, 1/I/L, U: a code read out over the phone or copied from paper by a 70-year-old stays unambiguous.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 30**12 ≈ 2**59: guessing is hopeless behind the rate limit


class IntakeError(Exception):
    """A rule was broken; the message is shown to the user."""


def _hash_code(code):
    key = (current_app.config["SECRET_KEY"] + ":intake-claim").encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def normalise_code(raw):
    """Full-width letters, lower case, spaces and hyphens are all accepted."""
    text = unicodedata.normalize("NFKC", raw or "").upper()
    return "".join(ch for ch in text if ch.isalnum())


def format_code(code):
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def _issue_code(intake):
    """A fresh single-use claim code; only its hash is stored. Returns the code for the receipt."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    intake.claim_code_hash = _hash_code(code)
    return format_code(code)


def _audit(staff, action, intake, **after):
    record(staff, action, intake, after={"method": intake.method, "center": intake.center_id,
                                         "issue": intake.issue_id, **after})


def take_issue(staff, *, center, method, title, body, district, themes=(), resident_name="", resident_contact=""):
    """A new public issue heard at `center`; the byline names the center. Returns (intake, claim code)."""
    _check_method(method)
    issue = submit_issue(staff, title=title, body=body, center=district, themes=themes)
    issue.awaiting_approval = False  # taken by a facilitator of the center, who moderates it
    issue.intake_method, issue.intake_center_id = method, center.id
    intake = Intake(kind="issue", method=method, center_id=center.id, staff_id=staff.id, issue_id=issue.id,
                    resident_name=clean_text(resident_name)[:100], resident_contact=clean_text(resident_contact)[:200])
    code = _issue_code(intake)
    db.session.add(intake)
    db.session.flush()
    _audit(staff, "intake.issue", intake)
    return intake, code


def take_support(staff, *, center, method, issue, resident_name="", resident_contact=""):
    """共感 of an existing issue on a resident's behalf: one vote row with no account (yet).

    It counts once in vote_count like any support; when the resident claims it, it becomes their own
    vote, or disappears if their account already supports the issue, so nobody is counted twice."""
    _check_method(method)
    if Status(issue.status) not in OPEN or issue.awaiting_approval:
        raise IntakeError(_("この課題には今は共感できません。"))
    vote = Vote(issue_id=issue.id, user_id=None)
    add_counted(vote, Issue, issue.id, "vote_count", last_activity_at=utcnow())
    intake = Intake(kind="support", method=method, center_id=center.id, staff_id=staff.id, issue_id=issue.id,
                    vote_id=vote.id, resident_name=clean_text(resident_name)[:100],
                    resident_contact=clean_text(resident_contact)[:200])
    code = _issue_code(intake)
    db.session.add(intake)
    db.session.flush()
    _audit(staff, "intake.support", intake)
    return intake, code


def _check_method(method):
    if method not in METHODS:
        raise IntakeError(_("受付方法を選んでください。"))


def reissue_code(staff, intake):
    """The receipt was lost: a new code replaces the old one (which stops working)."""
    if intake.is_claimed:
        raise IntakeError(_("この受付はすでに本人のアカウントに結びついています。"))
    code = _issue_code(intake)
    _audit(staff, "intake.code", intake)
    return code


def claim(user, raw_code):
    """The resident (or family) attaches the intake to their own account. Single use."""
    code = normalise_code(raw_code)
    intake = None
    if len(code) == CODE_LENGTH:
        digest = _hash_code(code)
        intake = db.session.execute(db.select(Intake).where(Intake.claim_code_hash == digest)).scalar_one_or_none()
        # The conditional UPDATE makes the code single-use even when two claims race.
        if intake is not None and db.session.execute(db.update(Intake).where(
                Intake.id == intake.id, Intake.claim_code_hash == digest).values(
                claim_code_hash=None, claimed_by_id=user.id, claimed_at=utcnow())).rowcount != 1:
            intake = None
    if intake is None:
        raise IntakeError(_("受付番号（コード）が正しくないか、すでに使われています。受付票を確かめてください。"))
    db.session.refresh(intake)
    issue = intake.issue
    if intake.kind == "issue":
        withdraw_vote(user, issue)  # an author does not support their own issue
        issue.author_id = user.id
        follow(user, issue)
    else:
        _claim_support(user, intake)
    record(user, "intake.claim", intake, after={"method": intake.method, "center": intake.center_id,
                                               "issue": intake.issue_id, "kind": intake.kind})
    return intake


def _claim_support(user, intake):
    vote = db.session.get(Vote, intake.vote_id) if intake.vote_id else None
    if vote is None:  # the support was taken back or its issue merged away
        return
    issue = db.session.get(Issue, vote.issue_id)
    already = db.session.execute(db.select(Vote.id).where(
        Vote.issue_id == vote.issue_id, Vote.user_id == user.id)).first() is not None
    if already or issue.author_id == user.id:
        delete_counted(db.delete(Vote).where(Vote.id == vote.id), Issue, vote.issue_id, "vote_count")
    else:
        vote.user_id = user.id
    follow(user, issue)


def log_call(staff, intake, note):
    """Staff phoned (or visited) the resident with an update."""
    note = clean_text(note, multiline=True)[:1000]
    if not note:
        raise IntakeError(_("伝えた内容を短く書いてください。"))
    call = IntakeCall(intake_id=intake.id, staff_id=staff.id, note=note)
    db.session.add(call)
    db.session.flush()
    _audit(staff, "intake.call", intake, call=call.id)
    return call


def erase_contact(staff, intake):
    """The resident asked: their name and contact are deleted (the issue stays)."""
    intake.resident_name, intake.resident_contact, intake.contact_erased_at = "", "", utcnow()
    _audit(staff, "intake.erase", intake)


def intakes_of_issue(issue):
    return db.session.execute(db.select(Intake).where(Intake.issue_id == issue.id)
                              .order_by(Intake.id)).scalars().all()


def recent_intakes(centers, limit=50):
    """The workspace list: the latest intakes of the given centers."""
    return db.session.execute(db.select(Intake).where(Intake.center_id.in_([c.id for c in centers]))
                              .order_by(Intake.created_at.desc(), Intake.id.desc()).limit(limit)).scalars().all()


def sign_up_guest(staff, workshop, *, method, name, phone=""):
    """A workshop guest taken by phone or at the counter: a place like anyone's, audited with the 受付方法."""
    _check_method(method)
    reg = workshops.register_guest(staff, workshop, name=clean_text(name), phone=clean_text(phone))
    record(staff, "intake.guest", reg, after={"method": method, "workshop": workshop.id, "status": reg.status})
    return reg


def cancel_guest(staff, workshop, reg):
    workshops.cancel_guest(staff, workshop, reg)
    record(staff, "intake.guest_cancel", reg, after={"workshop": workshop.id})
