"""Home, health check, language and text-size switches and the static information pages."""
from flask import current_app, jsonify, make_response, redirect, render_template, request, url_for
from sqlalchemy import text

from app.extensions import db
from app.home import bp
from app.plan.models import Guideline, Strategy
from app.util.http import safe_next
from app.util.page_context import TEXT_SIZES

@bp.route("/")
def index():
    """Front page."""
    guidelines = db.session.execute(db.select(Guideline).order_by(Guideline.position)).scalars().all()
    strategies = db.session.execute(db.select(Strategy).order_by(Strategy.position)).scalars().all()
    return render_template("home/index.html", guidelines=guidelines, strategies=strategies)


@bp.route("/healthz")
def healthz():
    """Liveness with a database round trip."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any DB failure means unhealthy
        current_app.logger.exception("health check failed")
        return jsonify({"status": "error", "database": "unreachable"}), 503
    return jsonify({"status": "ok", "database": "ok"})


@bp.route("/lang/<code>", methods=["POST"])
def set_language(code):
    """Switch the interface language (cookie), back to where the user was."""
    response = make_response(redirect(safe_next(url_for("home.index"))))
    if code in current_app.config["LANGUAGES"]:
        response.set_cookie("lang", code, max_age=60 * 60 * 24 * 365, samesite="Lax", httponly=True,
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


@bp.route("/text-size", methods=["POST"])
def set_text_size():
    """Remember the reader's text size (標準 / 大 / 特大) in a cookie, back to where they were."""
    response = make_response(redirect(safe_next(url_for("home.index"))))
    size = request.form.get("size", "")
    if size in TEXT_SIZES:
        response.set_cookie("text_size", size, max_age=60 * 60 * 24 * 365, samesite="Lax", httponly=True,
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


@bp.route("/about")
def about():
    """What this site is: 協働 to 共創."""
    return render_template("home/about.html")


@bp.route("/privacy")
def privacy():
    return render_template("home/privacy.html")


@bp.route("/terms")
def terms():
    return render_template("home/terms.html")
