"""Template globals and filters shared by every page."""
from flask import request
from flask_babel import get_locale

from app import permissions
from app.util.time import to_jst


def jst(value, fmt="%Y年%-m月%-d日 %H:%M"):
    local = to_jst(value)
    return local.strftime(fmt) if local else ""


def jst_date(value):
    return jst(value, "%Y年%-m月%-d日")


def init_app(app):
    app.jinja_env.filters["jst"] = jst
    app.jinja_env.filters["jst_date"] = jst_date
    app.jinja_env.filters["reject_none"] = lambda d: {k: v for k, v in d.items() if v is not None}
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def globals_():
        return {
            "can": permissions.can,
            "site_name": app.config["SITE_NAME"],
            "languages": app.config["LANGUAGES"],
            "current_locale": str(get_locale() or "ja"),
            "current_path": request.full_path.rstrip("?") if request else "/",
        }
