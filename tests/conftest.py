"""Shared fixtures: one app per session, each test on a clean database.

The schema is built by running the real migrations (so every test run also
proves the migrations work), on SQLite by default or on PostgreSQL when
TEST_DATABASE_URL is set. Isolation: SQLite copies a migrated template file
back before each test; PostgreSQL truncates every non-plan table after it.
"""
import os
import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from app import create_app
from app.extensions import db, limiter
from app.mail import outbox
from app.plan.services import load_plan, read_plan_file
from config import TestConfig

from tests import factories

PLAN_TABLES = {"plan_guidelines", "plan_stances", "plan_strategies", "plan_measures", "plan_kpis",
               "plan_fields", "plan_policies", "plan_texts", "alembic_version"}


class FreshContextClient(FlaskClient):
    """Each request gets its own app context (its own `g` and DB session), as in production.

    Without this, requests made while a test holds an app context would share
    `g` — and with it flask-login's cached user and flask-babel's locale.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def _reset_postgres_schema(url):
    from sqlalchemy import create_engine

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def db_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("db")
    return folder / "test.sqlite", folder / "template.sqlite"


@pytest.fixture(scope="session")
def app(db_files):
    url = os.environ.get("TEST_DATABASE_URL")
    config = TestConfig()
    live, template = db_files
    config.SQLALCHEMY_DATABASE_URI = url or f"sqlite:///{live}"
    config.UPLOAD_DIR = str(live.parent / "uploads")
    if url and url.startswith("postgresql"):
        _reset_postgres_schema(url)
    app = create_app(config)
    app.test_client_class = FreshContextClient
    app.config["IS_POSTGRES"] = app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
    with app.app_context():
        upgrade()
        load_plan(read_plan_file(app.config["PLAN_DATA_FILE"]))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
        if not app.config["IS_POSTGRES"]:
            shutil.copy(live, template)
    return app


def _restore_sqlite(live, template):
    db.engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(str(live) + suffix).unlink(missing_ok=True)
    shutil.copy(template, live)


def _truncate_postgres():
    tables = [t.name for t in db.metadata.sorted_tables if t.name not in PLAN_TABLES]
    # A process a test started (e.g. an RQ work-horse) may still hold a transaction; it must not block the reset.
    db.session.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                            " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"))
    db.session.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
    db.session.commit()


@pytest.fixture(autouse=True)
def _clean_state(app, db_files):
    """Each test starts with an empty database (plan loaded), no mail and fresh rate limits."""
    with app.app_context():
        limiter.reset()
        outbox().clear()
        factories.reset_sequence()
        yield
        db.session.remove()
        if app.config["IS_POSTGRES"]:
            _truncate_postgres()
            db.session.remove()
        else:
            _restore_sqlite(*db_files)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, user):
        """Log in by session (the login form itself is tested in tests/accounts, rate limits included)."""
        with self.client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def as_user(app):
    """as_user(user) -> a test client already logged in as that user."""

    def make(user):
        c = app.test_client()
        Auth(c).login(user)
        return c

    return make
