"""The issue lifecycle as data: statuses, their labels, and the allowed transitions.

受付 → 対話中 → ワークショップ → 取組中 → 解決, with side exits 重複, 対象外, 取り下げ, 非公開.
`change_status` in services.py is the only code that applies a transition.
"""
from enum import Enum


class Status(str, Enum):
    NEW = "new"
    DIALOGUE = "dialogue"
    WORKSHOP = "workshop"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    DUPLICATE = "duplicate"
    OUT_OF_SCOPE = "out_of_scope"
    WITHDRAWN = "withdrawn"
    HIDDEN = "hidden"


LABELS = {
    Status.NEW: "受付",
    Status.DIALOGUE: "対話中",
    Status.WORKSHOP: "ワークショップ",
    Status.IN_PROGRESS: "取組中",
    Status.RESOLVED: "解決",
    Status.DUPLICATE: "重複",
    Status.OUT_OF_SCOPE: "対象外",
    Status.WITHDRAWN: "取り下げ",
    Status.HIDDEN: "非公開",
}

DESCRIPTIONS = {
    Status.NEW: "投稿を受け付けました。公民館の職員が内容を確認します。",
    Status.DIALOGUE: "公民館の職員（伴走者）が対話を始めています。",
    Status.WORKSHOP: "ワークショップで話し合うことになりました。",
    Status.IN_PROGRESS: "解決に向けた取り組み（活動・補助金など）が進んでいます。",
    Status.RESOLVED: "解決しました。",
    Status.DUPLICATE: "同じ内容の投稿があるため、そちらにまとめました。",
    Status.OUT_OF_SCOPE: "このひろばで扱う内容ではないため、担当の窓口をご案内しました。",
    Status.WITHDRAWN: "投稿した人が取り下げました。",
    Status.HIDDEN: "利用規約に基づき非公開になりました。",
}

# Statuses shown on the map and counted as "open".
OPEN = {Status.NEW, Status.DIALOGUE, Status.WORKSHOP, Status.IN_PROGRESS}
# Statuses listed publicly. Hidden (非公開) and withdrawn (取り下げ) issues are unpublished: they keep a page
# with their status and reason, but their content is shown only to the author and the center's facilitators
# (permissions.can_view_issue).
LISTED = OPEN | {Status.RESOLVED, Status.DUPLICATE, Status.OUT_OF_SCOPE}
PUBLISHED = LISTED

FACILITATOR, AUTHOR = "facilitator", "author"
DEPARTMENT = "department"  # staff of the 担当課 an issue was referred to

# (from, to) -> who may apply it. Every transition needs a short public note.
TRANSITIONS = {
    (Status.NEW, Status.DIALOGUE): {FACILITATOR},
    (Status.NEW, Status.WORKSHOP): {FACILITATOR},
    (Status.DIALOGUE, Status.WORKSHOP): {FACILITATOR},
    (Status.DIALOGUE, Status.IN_PROGRESS): {FACILITATOR},
    (Status.WORKSHOP, Status.IN_PROGRESS): {FACILITATOR},
    (Status.WORKSHOP, Status.DIALOGUE): {FACILITATOR},
    (Status.IN_PROGRESS, Status.RESOLVED): {FACILITATOR},
    (Status.IN_PROGRESS, Status.DIALOGUE): {FACILITATOR},
    (Status.RESOLVED, Status.DIALOGUE): {FACILITATOR},  # reopened: the problem came back
    **{(s, Status.DUPLICATE): {FACILITATOR} for s in (Status.NEW, Status.DIALOGUE)},
    **{(s, Status.OUT_OF_SCOPE): {FACILITATOR} for s in (Status.NEW, Status.DIALOGUE)},
    **{(s, Status.WITHDRAWN): {AUTHOR} for s in (Status.NEW, Status.DIALOGUE)},
    **{(s, Status.HIDDEN): {FACILITATOR} for s in Status if s != Status.HIDDEN},
    # Restore (再び公開): back to the status the issue had when it was hidden (moderation.services.restore).
    **{(Status.HIDDEN, s): {FACILITATOR} for s in Status if s != Status.HIDDEN},
    (Status.OUT_OF_SCOPE, Status.DIALOGUE): {FACILITATOR},
}
# A 担当課 that has dealt with a referred issue may resolve it from any open status.
for _open in (Status.NEW, Status.DIALOGUE, Status.WORKSHOP, Status.IN_PROGRESS):
    TRANSITIONS[(_open, Status.RESOLVED)] = TRANSITIONS.get((_open, Status.RESOLVED), set()) | {DEPARTMENT}


def label(status):
    return LABELS[Status(status)]


def allowed(from_status, to_status, as_whom):
    return as_whom in TRANSITIONS.get((Status(from_status), Status(to_status)), set())


def targets(from_status, as_whom):
    """Statuses reachable from `from_status` by this kind of actor, in lifecycle order."""
    return [to for (frm, to), who in TRANSITIONS.items() if frm == Status(from_status) and as_whom in who]


def status_choices(from_status):
    """The statuses a facilitator's status form offers; hiding and restoring have their own buttons."""
    if Status(from_status) == Status.HIDDEN:
        return []
    return [s for s in targets(from_status, FACILITATOR) if s != Status.HIDDEN]
