"""Every "can X do Y" predicate, one function each, in one place.

Routes call `require(predicate, *objects)` (or the `permission_required`
decorator); templates call the same predicates through the `can` global.
Anonymous users are passed in as flask-login's AnonymousUserMixin.
"""
from datetime import timedelta
from functools import wraps

from flask import abort
from flask_login import current_user

from app.accounts.models import Role
from app.extensions import db
from app.grants.models import Review
from app.groups.models import Group, GroupMember
from app.issues.lifecycle import AUTHOR, LISTED, OPEN, PUBLISHED, Status, targets
from app.util.time import utcnow

STAFF_ROLES = {Role.STAFF.value, Role.ADMIN.value}


def _active(user):
    return bool(user and user.is_authenticated and not user.is_deleted)


def is_staff(user):
    """City staff (協働推進課) and admins may do everything staff can."""
    return _active(user) and user.role in STAFF_ROLES


def is_admin(user):
    return _active(user) and user.role == Role.ADMIN.value


def is_resident_in_good_standing(user):
    """Logged in, e-mail confirmed, not suspended: may take part."""
    return _active(user) and user.is_confirmed and not user.is_suspended


# --- accounts -----------------------------------------------------------

def can_edit_profile(user):
    return _active(user)


def can_manage_users(user):
    return is_staff(user)


def can_assign_role(user, role):
    """Staff assign every role except admin; only an admin makes another admin."""
    if role == Role.ADMIN.value:
        return is_admin(user)
    return is_staff(user)


def can_change_role_of(user, target):
    """Nobody changes their own role; only an admin changes an admin."""
    if not can_manage_users(user) or target.id == user.id:
        return False
    if target.role == Role.ADMIN.value:
        return is_admin(user)
    return True


# --- centers ------------------------------------------------------------

def can_manage_centers(user):
    return is_staff(user)


def facilitates(user, center):
    """A facilitator acts only in the centers they are assigned to; staff everywhere."""
    if is_staff(user):
        return True
    return _active(user) and user.role == Role.FACILITATOR.value and center is not None and any(
        c.id == center.id for c in user.centers
    )


# --- departments (担当課) and referrals ------------------------------------

def can_manage_departments(user):
    return is_staff(user)


def serves_department(user, department):
    """Department staff act only for the departments they belong to; staff for all."""
    if is_staff(user):
        return True
    return _active(user) and user.role == Role.DEPARTMENT.value and department is not None and any(
        d.id == department.id for d in user.departments
    )


def can_use_department_queue(user):
    """The /department queue: department staff (their departments) and staff (all)."""
    return is_staff(user) or (_active(user) and user.role == Role.DEPARTMENT.value)


def can_refer_issue(user, issue):
    """A facilitator of the issue's center hands it to a 担当課."""
    return facilitates(user, issue.center)


def can_view_referral(user, referral):
    """The department, the center's facilitators and staff see a referral and its note."""
    return serves_department(user, referral.department) or facilitates(user, referral.issue.center)


def can_answer_referral(user, referral):
    """Reply in the department's name, hand back or resolve — while the referral is still open."""
    return referral.is_active and serves_department(user, referral.department)


# --- issues -------------------------------------------------------------

EDIT_WINDOW_MINUTES = 15


def can_post_issue(user):
    return is_resident_in_good_standing(user)


def _sees_unpublished(user, issue):
    """The author and the facilitators of the issue's center (staff everywhere) see what the public does not."""
    return _active(user) and (user.id == issue.author_id or facilitates(user, issue.center))


def is_published_issue(issue):
    """Public: approved (not awaiting pre-moderation) and in a published status (not hidden, not withdrawn)."""
    return not issue.awaiting_approval and Status(issue.status) in PUBLISHED


def can_view_issue(user, issue):
    """Title, body, photos, location and comments of an issue.

    Published issues: everyone. Awaiting approval, hidden (非公開) or withdrawn (取り下げ): only the
    author and the center's facilitators. `visible_issues()` is the same rule as a query.
    """
    return is_published_issue(issue) or _sees_unpublished(user, issue)


def visible_issues(stmt, user=None):
    """Apply can_view_issue to a select() over Issue, so lists and details stay in step.

    Without a user (lists, open data, feeds, suggestions) only published issues remain, whoever asks.
    """
    from app.issues.models import Issue

    published = db.and_(Issue.awaiting_approval.is_(False), Issue.status.in_([s.value for s in PUBLISHED]))
    if user is None or not _active(user):
        return stmt.where(published)
    if is_staff(user):
        return stmt
    conditions = [published, Issue.author_id == user.id]
    if user.role == Role.FACILITATOR.value:
        conditions.append(Issue.center_id.in_([c.id for c in user.centers] or [0]))
    return stmt.where(db.or_(*conditions))


def viewers_of(issue, users):
    """The users (of `users`) who may see the issue: notifications about it go only to them."""
    return [u for u in users if u is not None and can_view_issue(u, issue)]


def can_view_comment(user, comment, issue=None):
    """A comment shows where its issue shows; a hidden one only to its author and the center's facilitators."""
    from app.issues.models import Issue

    issue = issue or db.session.get(Issue, comment.issue_id)
    if not can_view_issue(user, issue):
        return False
    if not comment.hidden_reason:
        return True
    return _active(user) and (user.id == comment.author_id or facilitates(user, issue.center))


def can_view_photo(user, photo):
    """A photo shows where what it is attached to shows; a pending upload only to its uploader."""
    if photo.attached_type == "Issue":
        from app.issues.models import Issue

        issue = db.session.get(Issue, photo.attached_id)
        return issue is not None and can_view_issue(user, issue)
    if photo.attached_type is None:
        return _active(user) and user.id == photo.owner_id
    return True


def can_edit_issue(user, issue):
    """The author edits until the first comment or support arrives."""
    return (is_resident_in_good_standing(user) and user.id == issue.author_id and Status(issue.status) in OPEN
            and issue.vote_count == 0 and issue.comment_count == 0)


def can_withdraw_issue(user, issue):
    return _active(user) and user.id == issue.author_id and Status.WITHDRAWN in targets(issue.status, AUTHOR)


def can_vote(user, issue):
    """Residents support open, published issues other than their own."""
    return (is_resident_in_good_standing(user) and user.id != issue.author_id and Status(issue.status) in OPEN
            and is_published_issue(issue))


def can_comment(user, issue):
    return is_resident_in_good_standing(user) and Status(issue.status) in LISTED and can_view_issue(user, issue)


def can_edit_comment(user, comment):
    return (is_resident_in_good_standing(user) and user.id == comment.author_id and not comment.is_deleted
            and comment.created_at > utcnow() - timedelta(minutes=EDIT_WINDOW_MINUTES))


def can_delete_comment(user, comment):
    """The author deletes their own comment (also on an issue that was hidden since); deleting twice is harmless."""
    return _active(user) and user.id == comment.author_id


def can_follow(user, issue):
    return _active(user) and user.is_confirmed and can_view_issue(user, issue)


def can_flag(user, target):
    """通報 an issue or a comment the user can see (not their own)."""
    from app.issues.models import Issue

    if not is_resident_in_good_standing(user) or user.id == target.author_id:
        return False
    if isinstance(target, Issue):
        return can_view_issue(user, target)
    return not target.is_deleted and can_view_comment(user, target)


def can_respond_officially(user, issue):
    return facilitates(user, issue.center)


# --- moderation and facilitation ---------------------------------------------

def can_use_workspace(user):
    """The /facilitate workspace: facilitators (their centers) and staff (all)."""
    return is_staff(user) or (_active(user) and user.role == Role.FACILITATOR.value)


def can_moderate(user, center):
    """Hide, restore, dismiss flags, redact, change status and tags in a center's district."""
    return facilitates(user, center)


def can_suspend_users(user):
    return is_staff(user)


# --- 代理受付 (staff-assisted intake, app/intake) ------------------------------

def can_take_intake(user, center):
    """Record an issue, support or workshop guest for a resident: facilitators of that center, and staff."""
    return facilitates(user, center)


def can_view_intake(user, intake):
    """The resident's name, contact and call log: only staff of the center that took it (and city staff)."""
    return facilitates(user, intake.center)


def can_claim_intake(user):
    """A resident attaches a receipt's issue or support to their own account."""
    return is_resident_in_good_standing(user)


# --- workshops --------------------------------------------------------------

def can_create_workshop(user):
    return can_use_workspace(user)


def can_manage_workshop(user, workshop):
    """Edit, record outputs, publish: facilitators of the workshop's center, and staff."""
    return facilitates(user, workshop.center)


def can_register_workshop(user):
    return is_resident_in_good_standing(user)


def can_view_output(user, output):
    """A workshop output is public once the workshop's report is published; before that only its managers see it."""
    return output.workshop.is_published or can_manage_workshop(user, output.workshop)


def can_take_part_online(user, output=None):
    """共感, comments and この取組を担う on published workshop outputs (which everyone can see), by residents."""
    return is_resident_in_good_standing(user) and (output is None or output.workshop.is_published)


# --- groups -------------------------------------------------------------------

def _member_role(user, group):
    if not _active(user) or group is None:
        return None
    m = db.session.get(GroupMember, (group.id, user.id))
    return m.role if m else None


def can_create_group(user):
    return is_resident_in_good_standing(user)


def can_manage_group(user, group):
    """Owners edit their group and its members; staff may too."""
    return is_staff(user) or (is_resident_in_good_standing(user) and _member_role(user, group) == "owner")


def is_group_member(user, group):
    return _member_role(user, group) is not None


def can_verify_groups(user):
    return is_staff(user)


def can_view_private_contact(user, group):
    return is_staff(user)


def can_view_document(user, document):
    """Private files: staff, the owning group's owners, and reviewers assigned (without a conflict) to an
    application the file belongs to. Knowing the link (token) is not enough."""
    if is_staff(user):
        return True
    if not _active(user):
        return False
    group = db.session.get(Group, document.group_id) if document.group_id else None
    if group is not None and _member_role(user, group) == "owner":
        return True
    if group is None and document.owner_id == user.id:
        return True
    from app.grants.models import GrantApplication, GrantReport, ReportLine

    receipts = (db.select(GrantReport.application_id).join(ReportLine, ReportLine.report_id == GrantReport.id)
                .where(ReportLine.receipt_document_id == document.id))
    applications = db.session.execute(db.select(GrantApplication).where(db.or_(
        GrantApplication.rules_document_id == document.id, GrantApplication.id.in_(receipts)))).scalars().all()
    return any(_assigned_reviewer(user, a) for a in applications)


# --- grants -------------------------------------------------------------------

def can_manage_grants(user):
    return is_staff(user)


def can_apply_for_grant(user, group):
    return is_resident_in_good_standing(user) and _member_role(user, group) == "owner"


def can_view_application(user, application):
    """Group members and staff; a reviewer only while assigned and without a conflict of interest."""
    if is_staff(user) or is_group_member(user, application.group):
        return True
    return _assigned_reviewer(user, application)


def _assigned_reviewer(user, application):
    """Assigned to review this application and not conflicted."""
    if not _active(user):
        return False
    review = db.session.execute(db.select(Review).where(Review.application_id == application.id,
                                                        Review.reviewer_id == user.id)).scalar_one_or_none()
    return review is not None and review.conflict is not True


def can_edit_application(user, application):
    return application.status in ("draft", "returned") and can_apply_for_grant(user, application.group)


def can_use_reviews(user):
    return _active(user) and user.role in {Role.REVIEWER.value, *STAFF_ROLES}


def can_review(user, review):
    return can_use_reviews(user) and review.reviewer_id == user.id


def can_write_report(user, application):
    return application.status == "awarded" and can_apply_for_grant(user, application.group)


# --- case studies -------------------------------------------------------------

def can_manage_cases(user):
    return is_staff(user)


# --- plan evidence and statistics ----------------------------------------------

def can_manage_kpis(user):
    """Record KPI actual values and link KPIs to the platform's own figures."""
    return is_staff(user)


def can_view_staff_stats(user):
    """The full statistics page with response times per 公民館: staff and facilitators."""
    return is_staff(user) or (_active(user) and user.role == Role.FACILITATOR.value)


# --- audit --------------------------------------------------------------

def can_view_audit_log(user):
    return is_staff(user)


# --- enforcement --------------------------------------------------------

def require(predicate, *args):
    """Abort 401 (anonymous) or 403 unless predicate(current_user, *args) holds."""
    if predicate(current_user, *args):
        return
    abort(401 if not current_user.is_authenticated else 403)


def permission_required(predicate):
    """Decorator form of require() for predicates that take only the user."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            require(predicate)
            return view(*args, **kwargs)

        return wrapped

    return decorator


class _Can:
    """`can.manage_centers()` in templates calls can_manage_centers(current_user)."""

    def __getattr__(self, name):
        predicate = globals().get(f"can_{name}") or globals().get(name)
        if predicate is None:
            raise AttributeError(name)
        return lambda *args: predicate(current_user, *args)


can = _Can()
