"""What every page's template needs that never touches the database (error pages use only this)."""
from flask import has_request_context, request
from flask_babel import get_locale


def base_context(app):
    return {
        "site_name": app.config["SITE_NAME"],
        "languages": app.config["LANGUAGES"],
        "current_locale": str(get_locale() or "ja") if has_request_context() else "ja",
        "current_path": request.full_path.rstrip("?") if has_request_context() else "/",
    }
