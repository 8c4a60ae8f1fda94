"""RQ job entry points (run by `flask --app wsgi worker`)."""
from flask import current_app, has_app_context


def _app():
    if has_app_context():
        return current_app._get_current_object()
    from wsgi import app  # a plain `rq worker` outside the Flask CLI
    return app


def deliver_job(delivery_id):
    from app.notifications.delivery import deliver
    with _app().app_context():
        return deliver(delivery_id)
