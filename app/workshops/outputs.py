"""Workshop outputs: fast entry, plan tags, agreement tallies, publication, online 共感 and initiatives."""
import re
from math import prod

from flask_babel import gettext as _

from app.audit.services import record
from app.extensions import db
from app.plan.codes import PlanCodeError, parse_codes
from app.util.sanitize import clean_text, render_markdown
from app.util.counters import add_counted, delete_counted
from app.util.time import utcnow
from app.workshops.models import (OUTPUT_KINDS, Initiative, OutputComment, OutputTag, OutputTally, OutputVote,
                                  WorkshopOutput)
from app.workshops.services import WorkshopError

MAX_LINES = 200
MAX_TEXT = 500
_BULLET = re.compile(r"^\s*(?:[-*・●○◯•]|\d+[.)．、])\s*")


def add_pasted(actor, workshop, text, kind="opinion", group_label=""):
    """One output per non-empty pasted line (bullets and numbering removed); returns them."""
    if kind not in OUTPUT_KINDS:
        raise WorkshopError(_("種類を選んでください。"))
    lines = [clean_text(_BULLET.sub("", line)) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise WorkshopError(_("貼り付ける内容がありません。1行に1件ずつ入力してください。"))
    if len(lines) > MAX_LINES:
        raise WorkshopError(_("一度に貼り付けられるのは%(n)s行までです。", n=MAX_LINES))
    if any(len(line) > MAX_TEXT for line in lines):
        raise WorkshopError(_("1件は%(n)s文字までです。長い行を分けてください。", n=MAX_TEXT))
    start = len(workshop.outputs)
    created = [WorkshopOutput(kind=kind, text=line, group_label=group_label[:40], position=start + n)
               for n, line in enumerate(lines)]
    workshop.outputs.extend(created)
    db.session.flush()
    record(actor, "workshop.outputs_add", workshop, after={"count": len(created)})
    return created


def update_outputs(actor, workshop, rows):
    """Save the tagging table: rows of {id, kind, text, group_label, codes}. Returns {output id: error}."""
    by_id = {o.id: o for o in workshop.outputs}
    errors = {}
    for row in rows:
        output = by_id.get(row["id"])
        if output is None:
            continue
        if row.get("delete"):
            workshop.outputs.remove(output)
            continue
        try:
            codes = parse_codes(row["codes"])
        except PlanCodeError as exc:
            errors[output.id] = str(exc)
            continue
        text = clean_text(row["text"])[:MAX_TEXT]
        if not text:
            errors[output.id] = _("内容が空です。消す場合は「削除」を選んでください。")
            continue
        output.text, output.group_label = text, clean_text(row["group_label"])[:40]
        output.kind = row["kind"] if row["kind"] in OUTPUT_KINDS else output.kind
        output.tags = [OutputTag(code=c) for c in codes]
    db.session.flush()
    record(actor, "workshop.outputs_update", workshop, after={"rows": len(rows), "errors": len(errors)})
    return errors


def untagged(workshop):
    """Outputs without a 指針 (G) tag: they block publication."""
    return [o for o in workshop.outputs if not o.guideline_codes]


def set_tallies(actor, workshop, tallies):
    """tallies: {(output_id, group_label): (agree, disagree)} entered from the boards."""
    by_id = {o.id: o for o in workshop.outputs}
    for (output_id, group), (agree, disagree) in tallies.items():
        output = by_id.get(output_id)
        if output is None or agree < 0 or disagree < 0:
            continue
        existing = next((t for t in output.tallies if t.group_label == group), None)
        if existing is None:
            output.tallies.append(OutputTally(group_label=group, agree=agree, disagree=disagree))
        else:
            existing.agree, existing.disagree = agree, disagree
    record(actor, "workshop.tallies", workshop, after={"cells": len(tallies)})


def agreement(workshop):
    """Per output: per-group (agree+1)/(votes+2) and their product; agreed by all = every group above 1/2."""
    rows = []
    for o in workshop.outputs:
        if not o.tallies:
            continue
        per_group = {t.group_label: (t.agree + 1) / (t.agree + t.disagree + 2) for t in o.tallies}
        rows.append({"output": o, "per_group": per_group, "score": prod(per_group.values()),
                     "all_agree": all(v > 0.5 for v in per_group.values())})
    return sorted(rows, key=lambda r: -r["score"])


def publish_report(actor, workshop, summary):
    """Publish the report; every output needs at least one 指針 tag first."""
    if not workshop.outputs:
        raise WorkshopError(_("成果が1件もありません。成果を入力してから公開してください。"))
    missing = untagged(workshop)
    if missing:
        raise WorkshopError(_("指針（G1〜G5）が選ばれていない成果が%(n)s件あります。すべての成果に指針を選んでから公開してください。",
                             n=len(missing)))
    workshop.summary, workshop.summary_html = summary, render_markdown(summary)
    workshop.report_published_at = utcnow()
    record(actor, "workshop.publish", workshop, after={"outputs": len(workshop.outputs)})


def cast_vote(user, output):
    """共感 with a published output; idempotent, exact under concurrency."""
    return add_counted(OutputVote(output_id=output.id, user_id=user.id), WorkshopOutput, output.id, "vote_count")


def withdraw_vote(user, output):
    return delete_counted(db.delete(OutputVote).where(OutputVote.output_id == output.id, OutputVote.user_id == user.id),
                          WorkshopOutput, output.id, "vote_count")


def voted_ids(user, outputs):
    if not user.is_authenticated or not outputs:
        return set()
    return set(db.session.execute(db.select(OutputVote.output_id).where(
        OutputVote.user_id == user.id, OutputVote.output_id.in_([o.id for o in outputs]))).scalars())


def add_comment(user, output, body):
    db.session.add(OutputComment(output_id=output.id, author=user, body=body, body_html=render_markdown(body)))
    db.session.execute(db.update(WorkshopOutput).where(WorkshopOutput.id == output.id)
                       .values(comment_count=WorkshopOutput.comment_count + 1))


def take_up(user, output, *, group_name, title, description):
    """A group takes up a 次のアクション: an initiative linking workshop, output and the workshop's issues."""
    if output.kind != "next_action" or not output.workshop.is_published:
        raise WorkshopError(_("公開された「次のアクション」だけを担うことができます。"))
    initiative = Initiative(title=title, description=description, workshop=output.workshop, group_name=group_name,
                            created_by=user)
    initiative.outputs = [output]
    initiative.issues = list(output.workshop.issues)
    db.session.add(initiative)
    db.session.flush()
    record(user, "initiative.create", initiative, after={"output": output.id, "group": group_name})
    return initiative
