"""Application factory: wiring only."""
import logging
import os

from flask import Flask, request
from flask_babel import lazy_gettext
from flask_login import AnonymousUserMixin

from app.extensions import babel, csrf, db, limiter, login_manager, migrate


class Anonymous(AnonymousUserMixin):
    role = None
    is_deleted = False
    is_confirmed = False
    is_suspended = False
    centers = ()


def create_app(config=None):
    """Build the app; `config` is a Config instance (default: from APP_ENV)."""
    from config import get_config

    app = Flask(__name__, template_folder="../templates", static_folder="../static",
                instance_relative_config=True)
    app.config.from_object(config or get_config())
    logging.basicConfig(level=logging.INFO)

    if app.config.get("PROXY_FIX_X_FOR"):
        # Behind the reverse proxy: trust its X-Forwarded-For/Proto so rate limits see the client's address.
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"], x_proto=1)
    _init_extensions(app)
    from app.util.http import IdConverter
    app.url_map.converters["int"] = IdConverter  # before any route is added: ids past the column's range are 404
    _register_blueprints(app)

    from app import errors, security, templating
    errors.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    return app


def _select_locale():
    from flask import current_app, has_request_context
    if not has_request_context():  # CLI, demo seeding, mail outside a request: the default locale
        return None
    lang = request.cookies.get("lang")
    return lang if lang in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def _init_extensions(app):
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"), render_as_batch=True,
                     compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=_select_locale, default_translation_directories="../translations")
    login_manager.init_app(app)
    login_manager.anonymous_user = Anonymous
    login_manager.login_view = "accounts.login"
    login_manager.login_message = lazy_gettext("このページを見るにはログインしてください。")
    login_manager.login_message_category = "info"

    from app.accounts.services import load_user_by_session_token
    login_manager.user_loader(load_user_by_session_token)

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        _tune_sqlite(app)


def _tune_sqlite(app):
    from sqlalchemy import event

    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()


def _register_blueprints(app):
    from app import (accounts, api, audit, cases, centers, demo, departments, documents, grants, groups, home, intake,
                     issues, moderation, notifications, photos, plan, referrals, stats, workshops)

    for package in (home, demo, accounts, centers, plan, issues, moderation, workshops, groups, documents, grants, cases,
                    departments, referrals, stats, notifications, photos, audit, api, intake):
        package.init_app(app)
