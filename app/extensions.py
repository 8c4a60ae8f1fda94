"""Flask extensions, created unbound; create_app() binds them."""
from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData

# Explicit constraint names so Alembic migrations are stable on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def user_key():
    """Rate-limit key per signed-in account (the client's address when signed out)."""
    return f"user:{current_user.get_id()}" if current_user.is_authenticated else get_remote_address()


def form_value_key(field):
    """Rate-limit key from a posted form field (e.g. per account on login)."""

    def key():
        value = (request.form.get(field) or "").strip().lower()
        return f"{field}:{value}" if value else get_remote_address()

    return key
