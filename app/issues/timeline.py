"""An issue's public timeline: its status changes, plus events that features above issues add.

Features such as 担当課 referrals register a source with `add_source`; issues never imports them.
"""
from dataclasses import dataclass
from datetime import datetime

_sources = []


@dataclass
class Event:
    at: datetime
    note: str = ""
    status: str | None = None  # a lifecycle status, or None for another kind of event
    label: str = ""  # shown instead of the status badge
    highlight: bool = False  # e.g. a referral past its due date


def add_source(source):
    """source(issue) -> iterable of Event; called for every issue page."""
    _sources.append(source)
    return source


def timeline(issue):
    events = [Event(at=h.created_at, note=h.note, status=h.to_status) for h in issue.history]
    for source in _sources:
        events.extend(source(issue))
    return sorted(events, key=lambda e: e.at)
