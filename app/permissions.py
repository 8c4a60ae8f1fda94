"""Every "can X do Y" predicate, one function each, in one place.

Routes call `require(predicate, *objects)` (or the `permission_required`
decorator); templates call the same predicates through the `can` global.
Anonymous users are passed in as flask-login's AnonymousUserMixin.
"""
from functools import wraps

from flask import abort
from flask_login import current_user

from app.accounts.models import Role

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
