"""The user's notification list and how notifications reach them (channels, LINE, areas)."""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.centers.services import center_choices, get_center
from app.extensions import csrf, db
from app.notifications import bp, line, services
from app.notifications.events import TOPICS
from app.notifications.forms import PREFERENCE_TOPICS, AreaFollowForm, EmptyForm, PreferencesForm
from app.notifications.models import Notification
from app.notifications.outbox import line_enabled
from app.notifications.preferences import effective_modes, save_preferences
from app.permissions import can_manage_notifications, permission_required


@bp.route("/notifications")
@login_required
def index():
    """Newest first; opening one marks it read (the button marks them all)."""
    return render_template("notifications/index.html", notifications=services.recent(current_user),
                           text_of=services.text_of)


@bp.route("/notifications/<int:notification_id>", methods=["GET", "POST"])
@login_required
def open_(notification_id):
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    url = services.open_notification(notification)
    db.session.commit()
    return redirect(url if url.startswith("/") and not url.startswith("//") else url_for("notifications.index"))


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_read():
    """Mark every notification read."""
    services.mark_all_read(current_user)
    db.session.commit()
    return redirect(url_for("notifications.index"))


def _channels():
    linked = line_enabled() and (line.link_of(current_user) or None)
    return ["email"] + (["line"] if linked and linked.line_user_id else [])


def _area_form():
    form = AreaFollowForm()
    form.center_id.choices = center_choices(blank=_("選択しない"))
    form.theme.choices = [("", _("選択しない"))] + list(services.theme_names().items())
    return form


def _page(prefs_form=None, area_form=None):
    link = line.link_of(current_user) if line_enabled() else None
    return render_template("notifications/settings.html", prefs_form=prefs_form or _prefs_form(),
                           area_form=area_form or _area_form(), button=EmptyForm(), line_on=line_enabled(),
                           link=link, channels=_channels(), topics=PREFERENCE_TOPICS, topic_labels=TOPICS,
                           follows=services.area_follows(current_user),
                           add_friend_url=current_app.config.get("LINE_ADD_FRIEND_URL"))


def _prefs_form():
    form = PreferencesForm()
    if request.method == "GET":
        for (topic, channel), mode in effective_modes(current_user).items():
            getattr(form, f"{channel}_{topic}").data = mode
    return form


@bp.route("/account/notifications/channels", methods=["GET", "POST"])
@permission_required(can_manage_notifications)
def settings():
    """Per topic and channel: immediately, a daily digest, or off."""
    form = _prefs_form()
    if request.method == "POST":
        if form.validate():
            save_preferences(current_user, {(t, c): getattr(form, f"{c}_{t}").data
                                            for t in PREFERENCE_TOPICS for c in _channels()})
            db.session.commit()
            flash(_("お知らせの受け取り方を保存しました。"), "success")
            return redirect(url_for("notifications.settings"))
        return _page(prefs_form=form), 400
    return _page(prefs_form=form)


@bp.route("/account/notifications/areas", methods=["POST"])
@permission_required(can_manage_notifications)
def follow_area():
    form = _area_form()
    if not form.validate():
        return _page(area_form=form), 400
    services.follow_area(current_user, center=get_center(form.center_id.data), theme=form.theme.data or None)
    db.session.commit()
    flash(_("お知らせする地区・分野を追加しました。"), "success")
    return redirect(url_for("notifications.settings"))


@bp.route("/account/notifications/areas/<int:follow_id>/delete", methods=["POST"])
@permission_required(can_manage_notifications)
def unfollow_area(follow_id):
    if EmptyForm().validate_on_submit():
        services.unfollow_area(current_user, follow_id)
        db.session.commit()
    return redirect(url_for("notifications.settings"))


@bp.route("/account/line/code", methods=["POST"])
@permission_required(can_manage_notifications)
def line_code():
    """Show a fresh one-time code to send to the city's official LINE account."""
    if not line_enabled():
        abort(404)
    if EmptyForm().validate_on_submit():
        line.new_code(current_user)
        db.session.commit()
    return redirect(url_for("notifications.settings") + "#line")


@bp.route("/account/line/unlink", methods=["POST"])
@permission_required(can_manage_notifications)
def line_unlink():
    if not line_enabled():
        abort(404)
    if EmptyForm().validate_on_submit():
        line.unlink_user(current_user)
        db.session.commit()
        flash(_("LINEとの連携を解除しました。"), "success")
    return redirect(url_for("notifications.settings") + "#line")


@bp.route("/line/webhook", methods=["POST"])
@csrf.exempt
def line_webhook():
    """LINE's servers call this; the signature (channel secret) is checked before anything changes."""
    if not line_enabled():
        abort(404)
    try:
        line.handle_webhook(request.get_data(as_text=True), request.headers.get("X-Line-Signature"))
    except line.LineError:
        db.session.rollback()
        return {"error": "invalid signature"}, 400
    db.session.commit()
    return {"ok": True}
