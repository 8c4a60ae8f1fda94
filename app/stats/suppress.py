"""Small-cell suppression: no published count below 5, so nobody can be picked out of a table.

Primary: every count from 1 to 4 is shown as 「5未満」. Secondary: when a column shows its total and
exactly one cell is hidden, the next smallest cell is hidden too, so the hidden one cannot be worked
out by subtraction. Zero is shown as zero (it discloses nobody).
"""
from dataclasses import dataclass

THRESHOLD = 5


@dataclass
class Cell:
    value: int
    hidden: bool = False

    def __str__(self):
        return "5未満" if self.hidden else f"{self.value:,}"


def suppress_column(counts):
    """{row key: count} → {row key: Cell}, plus the total as a Cell."""
    cells = {k: Cell(v, 0 < v < THRESHOLD) for k, v in counts.items()}
    hidden = [k for k, c in cells.items() if c.hidden]
    if len(hidden) == 1:
        others = sorted((c.value, str(k)) for k, c in cells.items() if not c.hidden and c.value > 0)
        if others:
            key = next(k for k in cells if str(k) == others[0][1])
            cells[key].hidden = True
    total = sum(counts.values())
    return cells, Cell(total, 0 < total < THRESHOLD)


def suppress_table(rows, metrics):
    """rows: [(key, label, {metric: count})] → [(key, label, {metric: Cell})], {metric: total Cell}."""
    out = [(k, label, {}) for k, label, _ in rows]
    totals = {}
    for m in metrics:
        cells, totals[m] = suppress_column({k: counts.get(m, 0) for k, _label, counts in rows})
        for k, _label, shown in out:
            shown[m] = cells[k]
    return out, totals
