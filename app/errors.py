"""Japanese error pages; no traceback ever reaches a browser."""
import logging

from flask import current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from app.extensions import db
from app.util.page_context import base_context

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("リクエストを処理できませんでした"),
          _l("入力内容に問題がありました。前のページに戻って、もう一度お試しください。")),
    401: (_l("ログインが必要です"),
          _l("このページを見るにはログインしてください。")),
    403: (_l("このページを見る権限がありません"),
          _l("ご不明な点は、お近くの公民館または協働推進課にお問い合わせください。")),
    404: (_l("ページが見つかりません"),
          _l("URLが間違っているか、ページが移動・削除された可能性があります。")),
    405: (_l("この操作はできません"),
          _l("前のページに戻って、もう一度お試しください。")),
    413: (_l("ファイルが大きすぎます"),
          _l("送信できる大きさを超えています。写真は1枚8MBまでです。")),
    429: (_l("操作が続いたため、少しお待ちください"),
          _l("短い時間にたくさんの操作がありました。しばらく時間をおいてから、もう一度お試しください。")),
    500: (_l("システムでエラーが発生しました"),
          _l("ご迷惑をおかけしています。時間をおいてから、もう一度お試しください。")),
    503: (_l("ただいまご利用いただけません"),
          _l("システムの点検または障害のため、一時的にご利用いただけません。しばらく時間をおいてから、もう一度お試しください。")),
}
RETRY_AFTER_SECONDS = 60


class _NobodyCan:
    """`can.x()` for a page drawn without the database: every answer is no."""

    def __getattr__(self, name):
        return lambda *args: False


def _wants_json():
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(code):
    title, detail = (str(text) for text in MESSAGES.get(code, MESSAGES[500]))  # translated now, for this request
    if _wants_json():
        return jsonify({"error": {"status": code, "message": title}}), code
    return render_template("errors/error.html", code=code, title=title, detail=detail), code


def render_error_without_database(code):
    """The 500/503 page drawn without touching the database: no user is loaded (the page shows the
    logged-out header to everyone) and no template context processor runs, so it renders during an outage."""
    title, detail = (str(text) for text in MESSAGES[code])
    if _wants_json():
        response = jsonify({"error": {"status": code, "message": title}})
    else:
        context = {**base_context(current_app), "current_user": current_app.login_manager.anonymous_user(), "can": _NobodyCan(),
                   "unread_notifications": lambda: 0}
        response = current_app.response_class(
            current_app.jinja_env.get_template("errors/error.html").render(
                code=code, title=title, detail=detail, **context), mimetype="text/html")
    response.status_code = code
    if code == 503:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _rollback_quietly():
    try:
        db.session.rollback()
    except Exception:  # the database may be the thing that failed
        log.warning("rollback failed while handling an error", exc_info=True)


def init_app(app):
    @app.errorhandler(HTTPException)
    def handle_http(exc):
        if exc.code == 401 and not _wants_json():
            return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
        return render_error(exc.code or 500)

    @app.errorhandler(CSRFError)
    def handle_csrf(exc):
        title = _("ページの有効期限が切れました")
        detail = _("安全のため、フォームの有効期限が切れました。ページを再読み込みして、もう一度送信してください。"
                   "入力した内容は、前のページに戻ると残っている場合があります。")
        return render_template("errors/error.html", code=400, title=title, detail=detail), 400

    @app.errorhandler(DataError)
    def handle_bad_data(exc):
        # A value the database refuses (e.g. a NUL byte PostgreSQL cannot store) is bad input, not a crash.
        db.session.rollback()
        log.warning("database refused input on %s: %s", request.path, exc.orig)
        title = _("入力に使えない文字が含まれています")
        detail = _("制御文字など、保存できない文字が含まれていました。内容を確認して、もう一度お試しください。")
        return render_template("errors/error.html", code=400, title=title, detail=detail), 400

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def handle_database_unavailable(exc):
        # The database is down or unreachable: a Japanese 503 for everyone, logged in or not.
        log.error("database unavailable on %s %s: %s", request.method, request.path, exc)
        _rollback_quietly()
        return render_error_without_database(503)

    @app.errorhandler(Exception)
    def handle_unexpected(exc):
        if app.config.get("RAISE_UNEXPECTED_ERRORS"):  # tests see the real traceback
            raise exc
        log.exception("unhandled error on %s %s", request.method, request.path)
        _rollback_quietly()
        return render_error_without_database(500)
