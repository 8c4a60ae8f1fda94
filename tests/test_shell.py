"""The site shell: Japanese first, landmarks, headers, errors, health."""
from tests.factories import make_user


def test_home_is_japanese_with_skip_link_and_landmarks(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="ja">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    for label in ["地域課題", "ワークショップ", "まちづくり事例", "補助金", "計画", "ログイン"]:
        assert f">{label}<" in html
    assert "<header" in html and "<nav" in html and "<footer" in html


def test_security_headers_forbid_inline_script_and_framing(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_script(client):
    for path in ["/", "/plan/", "/register", "/login", "/issues"]:
        html = client.get(path, follow_redirects=True).get_data(as_text=True)
        assert "<script>" not in html and "onclick=" not in html and "javascript:" not in html


def test_session_cookie_is_httponly_and_lax(client):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": "correct-horse-battery"})
    cookie = response.headers.get("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_unknown_page_is_a_japanese_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.get_data(as_text=True)


def test_unexpected_error_shows_japanese_500_without_traceback(app, monkeypatch):
    def boom():
        raise RuntimeError("secret internals")

    monkeypatch.setitem(app.view_functions, "home.about", boom)
    monkeypatch.setitem(app.config, "RAISE_UNEXPECTED_ERRORS", False)
    response = app.test_client().get("/about")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "システムでエラーが発生しました" in html
    assert "Traceback" not in html and "secret internals" not in html


def test_api_errors_are_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_language_switch_to_english_and_back(client):
    response = client.post("/lang/en?next=/login")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Log in" in html
    client.post("/lang/ja")
    assert '<html lang="ja">' in client.get("/").get_data(as_text=True)


def test_language_switch_refuses_open_redirect(client):
    response = client.post("/lang/en?next=//evil.example/")
    assert response.headers["Location"] in ("/", "http://localhost/")


def test_malformed_query_strings_do_not_break_pages(client):
    user = make_user(role="staff")
    from tests.conftest import Auth
    Auth(client).login(user)
    for q in ["page=-1", "page=abc", "page=99999999999999999999", "q=%00%ff", "role=<script>"]:
        assert client.get(f"/admin/users?{q}").status_code == 200
