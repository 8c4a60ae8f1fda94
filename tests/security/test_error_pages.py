"""A database outage shows the Japanese 503/500 page to everyone, logged in or not, without the database."""
import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from app.extensions import db
from tests.factories import make_user


@pytest.fixture
def database_down(app):
    """Every new connection fails, as when the database server is unreachable."""
    engine = db.engine

    def refuse(*args, **kwargs):
        raise OperationalError("connect", {}, Exception("could not connect to server"))

    db.session.remove()
    engine.dispose()
    event.listen(engine, "do_connect", refuse)
    yield
    event.remove(engine, "do_connect", refuse)
    engine.dispose()


def _assert_japanese_error_page(response, code):
    html = response.get_data(as_text=True)
    assert response.status_code == code
    assert '<html lang="ja">' in html and "ひらつか共創ひろば" in html
    return html


def test_database_outage_shows_the_japanese_503_page_to_visitors(client, database_down):
    response = client.get("/issues")
    html = _assert_japanese_error_page(response, 503)
    assert "ただいまご利用いただけません" in html and response.headers["Retry-After"] == "60"
    assert "Traceback" not in html and "OperationalError" not in html


@pytest.fixture
def logged_in(auth):
    auth.login(make_user())  # created while the database is still up


def test_database_outage_shows_the_japanese_503_page_to_logged_in_residents(client, logged_in, database_down):
    for path in ("/", "/account", "/issues/1"):  # /account loads the user first: that fails too
        html = _assert_japanese_error_page(client.get(path), 503)
        assert "ただいまご利用いただけません" in html and "ログイン" in html  # the logged-out header


def test_open_data_api_answers_json_503_during_an_outage(client, database_down):
    response = client.get("/api/v1/issues")
    assert response.status_code == 503 and response.get_json()["error"]["status"] == 503


def test_an_unexpected_error_shows_the_japanese_500_page_without_the_database(app, auth, client, database_down,
                                                                             monkeypatch):
    def boom():
        raise RuntimeError("bug")

    monkeypatch.setitem(app.view_functions, "home.about", boom)
    monkeypatch.setitem(app.config, "RAISE_UNEXPECTED_ERRORS", False)
    with client.session_transaction() as session:
        session["_user_id"] = "1:whatever"  # a logged-in browser: loading the user would need the database
    html = _assert_japanese_error_page(client.get("/about"), 500)
    assert "システムでエラーが発生しました" in html and "bug" not in html
