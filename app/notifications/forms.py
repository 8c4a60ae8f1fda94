"""Notification preferences, area follows and the staff retry button."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import Optional

from app.notifications.events import TOPICS

MODE_CHOICES = [("immediate", _l("すぐに受け取る")), ("daily", _l("1日1回まとめて")), ("off", _l("受け取らない"))]
CHANNEL_LABELS = {"email": _l("メール"), "line": _l("LINE")}
PREFERENCE_TOPICS = ("replies", "status", "workshops", "grants", "alerts", "other")


class PreferencesForm(FlaskForm):
    """One select per topic and channel (fields are named <channel>_<topic>)."""


for _topic in PREFERENCE_TOPICS:
    for _channel, _label in CHANNEL_LABELS.items():
        setattr(PreferencesForm, f"{_channel}_{_topic}", SelectField(
            _l("%(topic)s（%(channel)s）", topic=TOPICS[_topic], channel=_label), choices=MODE_CHOICES,
            validators=[Optional()], validate_choice=True))


class AreaFollowForm(FlaskForm):
    center_id = SelectField(_l("公民館の地区"), coerce=int, validate_choice=True,
                            description=_l("この地区に新しい投稿があるとお知らせします。"))
    theme = SelectField(_l("まちづくりの分野"), validate_choice=True,
                        description=_l("この分野の新しい投稿をお知らせします。"))

    def validate(self, extra_validators=None):
        if not super().validate(extra_validators):
            return False
        if not self.center_id.data and not self.theme.data:
            self.center_id.errors.append(_l("地区か分野のどちらかを選んでください。"))
            return False
        return True


class EmptyForm(FlaskForm):
    """A button that only needs its CSRF token."""
