"""iCalendar (RFC 5545) for workshops, built by the icalendar library (escaping and folding included)."""
from datetime import timezone

from flask import url_for
from icalendar import Calendar, Event

from app.util.time import utcnow


def _aware(dt):
    return dt.replace(tzinfo=timezone.utc)


def _one_line(value):
    """SUMMARY and LOCATION are one line: a line break typed into a title becomes a space."""
    return " ".join((value or "").splitlines())


def ics(workshops, name):
    """The calendar as text (CRLF lines, folded at 75 octets)."""
    cal = Calendar()
    cal.add("prodid", "-//Hiratsuka//Kyoso Hiroba//JA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _one_line(name))
    cal.add("x-wr-timezone", "Asia/Tokyo")
    stamp = utcnow()
    for w in workshops:
        url = url_for("workshops.detail", workshop_id=w.id, _external=True)
        event = Event()
        event.add("uid", f"workshop-{w.id}@kyoso-hiroba")
        event.add("dtstamp", _aware(stamp))
        event.add("dtstart", _aware(w.starts_at))
        event.add("dtend", _aware(w.ends_at))
        event.add("summary", _one_line(w.title))
        event.add("location", _one_line(w.place))
        event.add("description", f"{w.description}\n{url}")
        event.add("url", url)
        event.add("status", "CANCELLED" if w.cancelled_at else "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
