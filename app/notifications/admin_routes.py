"""管理 › 配信状況: counts per channel and status, dead letters with their error and a retry button."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.audit.services import record
from app.extensions import db
from app.notifications import bp, events
from app.notifications.delivery import retry_dead
from app.notifications.forms import EmptyForm
from app.notifications.models import Delivery
from app.permissions import can_view_deliveries, permission_required


@bp.route("/admin/deliveries")
@permission_required(can_view_deliveries)
def deliveries():
    counts = db.session.execute(db.select(Delivery.channel, Delivery.status, db.func.count(Delivery.id))
                                .group_by(Delivery.channel, Delivery.status)).all()
    dead = db.session.execute(db.select(Delivery).where(Delivery.status.in_(["dead", "pending"]),
                                                        Delivery.last_error != "")
                              .order_by(Delivery.id.desc()).limit(200)).scalars().all()
    return render_template("notifications/deliveries.html", counts=counts, failed=dead, button=EmptyForm(),
                           render=events.render)


@bp.route("/admin/deliveries/<int:delivery_id>/retry", methods=["POST"])
@permission_required(can_view_deliveries)
def retry(delivery_id):
    delivery = db.session.get(Delivery, delivery_id)
    if delivery is None:
        abort(404)
    if EmptyForm().validate_on_submit() and delivery.status == "dead":
        retry_dead(delivery)
        record(current_user, "notification_delivery.retry", delivery, before={"error": delivery.last_error})
        db.session.commit()
        flash(_("もう一度送ります。"), "success")
    return redirect(url_for("notifications.deliveries"))
