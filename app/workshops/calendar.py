"""iCalendar (RFC 5545) for workshops, written by hand: a few fields, escaped and folded."""
from flask import url_for

from app.util.time import utcnow


def _escape(text):
    return (text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n")


def _fold(line):
    """Fold lines longer than 75 octets (UTF-8 safe)."""
    out, current = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > 73:
            out.append(current.decode("utf-8"))
            current = b""
        current += b
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _stamp(dt):
    return dt.strftime("%Y%m%dT%H%M%SZ")


def ics(workshops, name):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hiratsuka//Kyoso Hiroba//JA", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape(name)}", "X-WR-TIMEZONE:Asia/Tokyo"]
    for w in workshops:
        url = url_for("workshops.detail", workshop_id=w.id, _external=True)
        lines += ["BEGIN:VEVENT", f"UID:workshop-{w.id}@kyoso-hiroba", f"DTSTAMP:{_stamp(utcnow())}",
                  f"DTSTART:{_stamp(w.starts_at)}", f"DTEND:{_stamp(w.ends_at)}", f"SUMMARY:{_escape(w.title)}",
                  f"LOCATION:{_escape(w.place)}", f"DESCRIPTION:{_escape(w.description + chr(10) + url)}",
                  f"URL:{url}", "STATUS:CANCELLED" if w.cancelled_at else "STATUS:CONFIRMED", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
