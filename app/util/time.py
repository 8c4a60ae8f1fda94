"""Time helpers: store UTC, show Japan time."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")


def utcnow():
    """Naive UTC now, the form every DateTime column stores."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def to_jst(value):
    """A naive-UTC datetime as an aware Japan-time datetime."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(JST)
