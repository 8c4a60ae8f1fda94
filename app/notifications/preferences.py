"""Read and save a user's per-topic, per-channel preferences."""
from app.extensions import db
from app.notifications.forms import PREFERENCE_TOPICS
from app.notifications.models import CHANNELS, MODES, NotificationPreference
from app.notifications.outbox import mode_for, preferences


def effective_modes(user):
    prefs = preferences([user])
    return {(t, c): mode_for(user, t, c, prefs) for t in PREFERENCE_TOPICS for c in CHANNELS}


def save_preferences(user, modes):
    """modes: {(topic, channel): mode}; missing or empty values keep what was there."""
    for (topic, channel), mode in modes.items():
        if mode not in MODES or channel not in CHANNELS:
            continue
        row = db.session.get(NotificationPreference, (user.id, topic, channel))
        if row is None:
            db.session.add(NotificationPreference(user_id=user.id, topic=topic, channel=channel, mode=mode))
        else:
            row.mode = mode
