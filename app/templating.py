"""Template globals and filters shared by every page."""
from flask import has_request_context

from app import permissions
from app.util.page_context import base_context
from app.issues.lifecycle import label as status_label
from app.issues.timeline import timeline as issue_timeline
from app.plan.services import plan_url
from app.util.time import to_jst, utcnow


def jst(value, fmt="%Y年%-m月%-d日 %H:%M"):
    local = to_jst(value)
    return local.strftime(fmt) if local else ""


def jst_date(value):
    return jst(value, "%Y年%-m月%-d日")


def _unread():
    from flask_login import current_user
    from app.notifications.services import unread_count
    return unread_count(current_user) if has_request_context() and current_user.is_authenticated else 0


def init_app(app):
    app.jinja_env.filters["jst"] = jst
    app.jinja_env.filters["jst_date"] = jst_date
    app.jinja_env.filters["jst_weekday"] = lambda value: to_jst(value).weekday()
    app.jinja_env.filters["reject_none"] = lambda d: {k: v for k, v in d.items() if v is not None}
    # Plain functions are globals, so macros imported without context can use them too.
    app.jinja_env.globals.update(status_label=status_label, plan_url=plan_url, now_utc=utcnow,
                                 issue_timeline=issue_timeline)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def globals_():
        return {**base_context(app), "can": permissions.can, "unread_notifications": _unread}

