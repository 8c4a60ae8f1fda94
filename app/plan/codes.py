"""Plan codes typed by people ("G3 s4-1, P4-1"): which codes may tag a thing, and parsing them.

Workshop outputs, grant applications and case studies all tag to the plan through here."""
import re

from flask_babel import gettext as _

from app.plan.services import plan_labels

# What may be tagged: a 指針, a 重点戦略's measure, a 分野別施策, or the cross-cutting DX / GX.
TAGGABLE = re.compile(r"^(G[1-5]|S[1-4]-[1-3]|P[1-5]-[1-7]|DX|GX)$")
_SEPARATORS = re.compile(r"[\s,、，]+")


class PlanCodeError(ValueError):
    """Codes that are not in the plan; the message names them and is shown to the user."""

    def __init__(self, bad):
        self.bad = list(bad)
        super().__init__(_("計画にない項目です: %(codes)s", codes=" ".join(self.bad)[:60]))


def split_codes(raw):
    """'G3 s4-1, P4-1 G3' -> ['G3', 'S4-1', 'P4-1'] (upper-cased, de-duplicated, in order); no checking."""
    return list(dict.fromkeys(c.upper() for c in _SEPARATORS.split(raw or "") if c))


def parse_codes(raw):
    """'G3 s4-1, P4-1' -> ['G3', 'S4-1', 'P4-1']; unknown codes raise PlanCodeError with their names."""
    codes = split_codes(raw)
    bad = [c for c in codes if not TAGGABLE.match(c)]
    known = plan_labels([c for c in codes if c not in bad])
    bad += [c for c in codes if c not in bad and c not in known]
    if bad:
        raise PlanCodeError(bad)
    return codes
