"""What every page's template needs that never touches the database (error pages use only this)."""
from flask import has_request_context, request
from flask_babel import get_locale

TEXT_SIZES = ("standard", "large", "xlarge")  # 標準 / 大 / 特大 (cookie `text_size`; CSS html[data-text-size])


def text_size():
    """The reader's remembered text size; anything unknown is the standard size."""
    size = request.cookies.get("text_size", "") if has_request_context() else ""
    return size if size in TEXT_SIZES else "standard"


def base_context(app):
    return {
        "site_name": app.config["SITE_NAME"],
        "languages": app.config["LANGUAGES"],
        "current_locale": str(get_locale() or "ja") if has_request_context() else "ja",
        "text_size": text_size(),
        "current_path": request.full_path.rstrip("?") if has_request_context() else "/",
    }
