"""The user's notification list."""
from flask import redirect, render_template, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.notifications import bp, services


@bp.route("/notifications")
@login_required
def index():
    """Newest first; opening the page does not mark them read (the button does)."""
    return render_template("notifications/index.html", notifications=services.recent(current_user))


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_read():
    """Mark every notification read."""
    services.mark_all_read(current_user)
    db.session.commit()
    return redirect(url_for("notifications.index"))
