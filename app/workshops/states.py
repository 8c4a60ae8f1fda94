"""Workshop sign-up states as data: statuses, their labels, and the allowed moves.

申し込み → 参加 (a seat was left) or キャンセル待ち (full); キャンセル待ち → 参加 when a seat frees up; either → 取り消し;
取り消し → 参加 / キャンセル待ち when the resident signs up again. `services.move_registration` is the only code that
applies a move (and writes its audit row).
"""
from enum import Enum


class RegistrationStatus(str, Enum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


LABELS = {
    RegistrationStatus.CONFIRMED: "参加",
    RegistrationStatus.WAITLISTED: "キャンセル待ち",
    RegistrationStatus.CANCELLED: "取り消し",
}

# A registration holding a place (counted, listed to staff, can be cancelled).
ACTIVE = {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED}

# (from, to) -> what makes the move; None is "no sign-up yet".
TRANSITIONS = {
    (None, RegistrationStatus.CONFIRMED): "register",
    (None, RegistrationStatus.WAITLISTED): "register",
    (RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED): "register",
    (RegistrationStatus.CANCELLED, RegistrationStatus.WAITLISTED): "register",
    (RegistrationStatus.WAITLISTED, RegistrationStatus.CONFIRMED): "promote",
    (RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED): "cancel",
    (RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED): "cancel",
}


def label(status):
    return LABELS[RegistrationStatus(status)]


def is_active(status):
    return status is not None and RegistrationStatus(status) in ACTIVE


def allowed(from_status, to_status):
    frm = RegistrationStatus(from_status) if from_status is not None else None
    return (frm, RegistrationStatus(to_status)) in TRANSITIONS
