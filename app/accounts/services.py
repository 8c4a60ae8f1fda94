"""Business verbs for accounts. Services flush and raise; routes commit."""
import hashlib
import secrets

from flask import current_app, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from app.accounts.models import DELETED_NAME, Role, User
from app.audit.services import record
from app.extensions import db
from app.mail import send_mail
from app.util.time import utcnow

# Hash checked when no account matches, so login takes as long either way.
_DUMMY_HASH = generate_password_hash("not-a-real-password-" + secrets.token_hex(8))


class AccountError(Exception):
    """A rule of accounts was broken; the message is shown to the user."""


def normalise_email(email):
    return (email or "").strip().lower()


def find_by_email(email):
    return db.session.execute(
        db.select(User).where(User.email == normalise_email(email), User.deleted_at.is_(None))
    ).scalar_one_or_none()


def load_user_by_session_token(token):
    """flask-login loader: deleted accounts and rotated tokens are logged out."""
    if not token:
        return None
    user = db.session.execute(db.select(User).where(User.session_token == token)).scalar_one_or_none()
    if user is None or user.is_deleted:
        return None
    return user


def _serializer(salt):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _password_fingerprint(user):
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def register_user(email, display_name, password, *, home_center=None, age_band=None):
    """Create a resident and send the confirmation mail.

    If the address is already registered, the owner is told by mail instead and
    no account is created, so the form never reveals which addresses exist.
    """
    email = normalise_email(email)
    existing = find_by_email(email)
    if existing is not None:
        send_mail(email, "登録のお申し込みについて", "already_registered", user=existing,
                  login_url=_external("accounts.login"), reset_url=_external("accounts.forgot_password"))
        return None
    user = User(email=email, display_name=display_name, role=Role.RESIDENT.value,
                home_center=home_center, age_band=age_band or None)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    send_confirmation(user)
    return user


def _external(endpoint, **values):
    base = current_app.config.get("SITE_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def send_confirmation(user):
    token = _serializer("confirm-email").dumps({"uid": user.id, "email": user.email})
    send_mail(user.email, "メールアドレスの確認", "confirm_email", user=user,
              confirm_url=_external("accounts.confirm_email", token=token),
              hours=current_app.config["CONFIRM_TOKEN_MAX_AGE"] // 3600)


def confirm_email(token):
    """Mark the address confirmed; return the user, or raise AccountError."""
    try:
        data = _serializer("confirm-email").loads(token, max_age=current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    except SignatureExpired:
        raise AccountError(_("確認用リンクの有効期限が切れています。ログインして、確認メールを再送してください。"))
    except BadSignature:
        raise AccountError(_("確認用リンクが正しくありません。メールのリンクをもう一度お確かめください。"))
    user = db.session.get(User, data.get("uid"))
    if user is None or user.is_deleted or user.email != data.get("email"):
        raise AccountError(_("確認用リンクが正しくありません。メールのリンクをもう一度お確かめください。"))
    if not user.is_confirmed:
        user.email_confirmed_at = utcnow()
    return user


def authenticate(email, password):
    """The user for these credentials, or None. Same work whether or not the account exists."""
    user = find_by_email(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not user.check_password(password or ""):
        return None
    user.last_login_at = utcnow()
    return user


def request_password_reset(email):
    """Mail a reset link if the account exists; say nothing either way."""
    user = find_by_email(email)
    if user is None:
        return
    token = _serializer("reset-password").dumps({"uid": user.id, "pw": _password_fingerprint(user)})
    send_mail(user.email, "パスワードの再設定", "reset_password", user=user,
              reset_url=_external("accounts.reset_password", token=token),
              minutes=current_app.config["RESET_TOKEN_MAX_AGE"] // 60)


def user_for_reset_token(token):
    """The user a reset token belongs to; a token works once (it binds the old password)."""
    try:
        data = _serializer("reset-password").loads(token, max_age=current_app.config["RESET_TOKEN_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        raise AccountError(_("再設定用リンクの有効期限が切れているか、正しくありません。もう一度お手続きください。"))
    user = db.session.get(User, data.get("uid"))
    if user is None or user.is_deleted or data.get("pw") != _password_fingerprint(user):
        raise AccountError(_("再設定用リンクの有効期限が切れているか、正しくありません。もう一度お手続きください。"))
    return user


def reset_password(user, new_password):
    user.set_password(new_password)
    if not user.is_confirmed:  # the link arrived by mail, so the address works
        user.email_confirmed_at = utcnow()


def change_password(user, current_password, new_password):
    if not user.check_password(current_password):
        raise AccountError(_("現在のパスワードが正しくありません。"))
    user.set_password(new_password)


def update_profile(user, *, display_name, home_center, age_band):
    user.display_name = display_name
    user.home_center = home_center
    user.age_band = age_band or None


def delete_account(user):
    """Erase personal data; posts stay, shown as 退会したユーザー."""
    user.deleted_at = utcnow()
    user.email = f"deleted-{user.id}-{secrets.token_hex(4)}@invalid"
    user.display_name = DELETED_NAME
    user.password_hash = "!"  # matches no password
    user.session_token = secrets.token_urlsafe(32)
    user.home_center = None
    user.age_band = None
    user.centers = []
    user.departments = []
    record(user, "account.delete", user, reason="本人による退会")


def export_account(user):
    """Everything the site holds about the user, for the user."""
    return {
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "home_center": user.home_center.name if user.home_center else None,
        "age_band": user.age_band,
        "created_at": user.created_at.isoformat() + "Z",
        "email_confirmed_at": user.email_confirmed_at.isoformat() + "Z" if user.email_confirmed_at else None,
        "last_login_at": user.last_login_at.isoformat() + "Z" if user.last_login_at else None,
        "facilitated_centers": [c.name for c in user.centers],
        "departments": [d.name for d in user.departments],
    }


def _scope(user):
    scope = {"role": user.role, "centers": sorted(c.name for c in user.centers)}
    if user.departments:
        scope["departments"] = sorted(d.name for d in user.departments)
    return scope


def set_role(actor, user, role, centers=(), departments=()):
    """Change a user's role (and facilitator centers or department memberships), with an audit row."""
    before = _scope(user)
    user.role = Role(role).value
    user.centers = list(centers) if role == Role.FACILITATOR.value else []
    user.departments = list(departments) if role == Role.DEPARTMENT.value else []
    after = _scope(user)
    if before != after:
        record(actor, "user.role", user, before=before, after=after)


def create_user(email, display_name, password, role=Role.RESIDENT.value, centers=(), confirmed=True, departments=()):
    """Create an account directly (CLI, demo data): no mail, optionally pre-confirmed."""
    email = normalise_email(email)
    if find_by_email(email) is not None:
        raise AccountError(f"{email} は既に登録されています。")
    user = User(email=email, display_name=display_name, role=Role(role).value)
    user.set_password(password)
    user.centers = list(centers) if role == Role.FACILITATOR.value else []
    user.departments = list(departments) if role == Role.DEPARTMENT.value else []
    if confirmed:
        user.email_confirmed_at = utcnow()
    db.session.add(user)
    db.session.flush()
    return user
