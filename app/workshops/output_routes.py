"""Recording outputs (paste, tag table, tallies), publishing the report, online 共感, initiatives, CSV."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db, limiter, user_key
from app.util.export import csv_response
from app.permissions import can_manage_workshop, can_take_part_online, can_view_output, require
from app.photos import services as photos
from app.plan.services import plan_labels, plan_tree
from app.workshops import bp, forms, outputs, services
from app.workshops.models import Initiative, Workshop, WorkshopOutput
from app.util.time import to_jst
from app.workshops.services import WorkshopError
from app.util.forms import ActionForm
from app.util.http import str_arg

BOARD_PHOTOS = 8  # photos of the boards per upload


def _load(workshop_id):
    return services.get_workshop(workshop_id) or abort(404)


def _managed(workshop_id):
    workshop = _load(workshop_id)
    require(can_manage_workshop, workshop)
    return workshop


@bp.route("/workshops/<int:workshop_id>/outputs", methods=["GET", "POST"])
@login_required
def record_outputs(workshop_id):
    """Paste many lines at once, then tag them in one keyboard-friendly table; attach board photos."""
    workshop = _managed(workshop_id)
    paste = forms.PasteForm(prefix="paste")
    table = forms.OutputTableForm() if request.method == "POST" else forms.OutputTableForm.for_outputs(workshop.outputs)
    step = ActionForm().step.data if request.method == "POST" else None
    if step == "paste" and paste.validate():
        try:
            outputs.add_pasted(current_user, workshop, paste.lines.data, paste.kind.data, paste.group_label.data or "")
        except WorkshopError as exc:
            paste.lines.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("成果を追加しました。指針などの項目を選んでください。"), "success")
            return redirect(url_for("workshops.record_outputs", workshop_id=workshop.id) + "#tagging")
    elif step == "table":
        if table.validate():
            errors = outputs.update_outputs(current_user, workshop, table.row_data())
            if not errors:
                db.session.commit()
                flash(_("成果と計画の項目を保存しました。"), "success")
                return redirect(url_for("workshops.record_outputs", workshop_id=workshop.id) + "#tagging")
            db.session.rollback()
            for entry in table.rows:
                if entry.form.output_id.data in errors:
                    entry.form.codes.errors = [errors[entry.form.output_id.data]]
            workshop = _managed(workshop_id)
    elif step == "photos":
        uploads = [f for f in request.files.getlist("photos") if f.filename]
        saved, errors = photos.save_uploads(uploads, current_user, limit=BOARD_PHOTOS)
        photos.attach(photos.photos_for(workshop) + saved, workshop)
        for message in errors:
            flash(message, "error")
        db.session.commit()
        return redirect(url_for("workshops.record_outputs", workshop_id=workshop.id) + "#photos")
    if step != "table":  # after another step, the table shows what is saved
        table = forms.OutputTableForm.for_outputs(workshop.outputs)
    by_id = {o.id: o for o in workshop.outputs}
    return render_template("workshops/outputs.html", w=workshop, paste=paste, table=table, by_id=by_id,
                           tree=plan_tree(), untagged=outputs.untagged(workshop), photos=photos.photos_for(workshop),
                           publish=forms.PublishForm(summary=workshop.summary))


def _tally_groups(workshop):
    """Columns of the tally grid: the outputs' groups and every group already counted (else 全体)."""
    return sorted({o.group_label for o in workshop.outputs if o.group_label}
                  | {t.group_label for o in workshop.outputs for t in o.tallies}) or ["全体"]


@bp.route("/workshops/<int:workshop_id>/tallies", methods=["GET", "POST"])
@login_required
def tallies(workshop_id):
    """Agree/disagree counts per table or group, entered from the boards."""
    workshop = _managed(workshop_id)
    groups = _tally_groups(workshop)
    added = str_arg("add", 40)
    if added and added not in groups:  # a group added on the last save, not yet counted
        groups.append(added)
    form = forms.TallyForm() if request.method == "POST" else forms.TallyForm.for_outputs(workshop.outputs, groups)
    new_group = (form.new_group.data or "")[:40] if request.method == "POST" else ""
    if new_group and new_group not in groups:
        groups.append(new_group)  # its column is counted on this save
    if request.method == "POST" and form.validate():
        outputs.set_tallies(current_user, workshop, form.values(groups))
        db.session.commit()
        flash(_("賛成・反対の数を保存しました。"), "success")
        return redirect(url_for("workshops.tallies", workshop_id=workshop.id, add=new_group or added or None))
    if request.method == "POST":
        flash(_("入力に誤りがあります。赤く示した欄を直してください。"), "error")
    by_id = {o.id: o for o in workshop.outputs}
    return render_template("workshops/tallies.html", w=workshop, groups=groups, form=form, by_id=by_id)


@bp.route("/workshops/<int:workshop_id>/publish", methods=["POST"])
@login_required
def publish(workshop_id):
    """Publish the report (refused while any output lacks a 指針)."""
    workshop = _managed(workshop_id)
    form = forms.PublishForm()
    if not form.validate():
        flash(_("まとめを書いてください。"), "error")
        return redirect(url_for("workshops.record_outputs", workshop_id=workshop.id) + "#publish")
    try:
        outputs.publish_report(current_user, workshop, form.summary.data)
    except WorkshopError as exc:
        flash(str(exc), "error")
        return redirect(url_for("workshops.record_outputs", workshop_id=workshop.id) + "#publish")
    db.session.commit()
    flash(_("報告を公開しました。"), "success")
    return redirect(url_for("workshops.report", workshop_id=workshop.id))


@bp.route("/workshops/<int:workshop_id>/report")
def report(workshop_id):
    """The printable report: summary, participants, outputs by 指針 and 重点戦略, photos, issues, initiatives."""
    workshop = _load(workshop_id)
    if not workshop.is_published and not can_manage_workshop(current_user, workshop):
        abort(404)
    items = workshop.outputs
    codes = sorted({c for o in items for c in o.codes})
    initiatives = db.session.execute(db.select(Initiative).where(Initiative.workshop_id == workshop.id)
                                     .order_by(Initiative.created_at)).scalars().all()
    return render_template("workshops/report.html", w=workshop, tree=plan_tree(), labels=plan_labels(codes),
                           by_guideline=_group(items, "G"), by_strategy=_group(items, "S"),
                           agreement=outputs.agreement(workshop), photos=photos.photos_for(workshop),
                           initiatives=initiatives)


def _group(items, prefix):
    groups = {}
    for o in items:
        keys = sorted({c if prefix == "G" else c.split("-")[0] for c in o.codes if c.startswith(prefix)}) or ["—"]
        for k in keys:
            groups.setdefault(k, []).append(o)
    return dict(sorted(groups.items()))


def _published_output(output_id):
    """An output residents may take part in online: one they can see (else 404), published, user in good standing."""
    output = db.session.get(WorkshopOutput, output_id) or abort(404)
    if not can_view_output(current_user, output):
        abort(404)
    require(can_take_part_online, output)
    return output


@bp.route("/workshops/outputs/<int:output_id>/vote", methods=["POST"])
@login_required
@limiter.limit("120 per hour", key_func=user_key)
def vote_output(output_id):
    """共感 with a published output (action=remove to withdraw)."""
    output = _published_output(output_id)
    if ActionForm().action.data == "remove":
        outputs.withdraw_vote(current_user, output)
    else:
        outputs.cast_vote(current_user, output)
    db.session.commit()
    return redirect(url_for("workshops.detail", workshop_id=output.workshop_id) + f"#output-{output.id}")


@bp.route("/workshops/outputs/<int:output_id>/comments", methods=["POST"])
@login_required
@limiter.limit("30 per hour", key_func=user_key)
def comment_output(output_id):
    """Comment on a published output, for those who could not attend."""
    output = _published_output(output_id)
    form = forms.CommentForm()
    if form.validate():
        outputs.add_comment(current_user, output, form.body.data)
        db.session.commit()
        flash(_("コメントを投稿しました。"), "success")
    else:
        flash(str(form.body.errors[0]), "error")
    return redirect(url_for("workshops.detail", workshop_id=output.workshop_id) + f"#output-{output.id}")


@bp.route("/workshops/outputs/<int:output_id>/take-up", methods=["GET", "POST"])
@login_required
def take_up(output_id):
    """この取組を担う: a group takes up a next action, creating an initiative."""
    output = _published_output(output_id)
    form = forms.TakeUpForm(title=output.text[:120])
    if form.validate_on_submit():
        try:
            initiative = outputs.take_up(current_user, output, group_name=form.group_name.data, title=form.title.data,
                                         description=form.description.data or "")
        except WorkshopError as exc:
            flash(str(exc), "error")
            return redirect(url_for("workshops.detail", workshop_id=output.workshop_id))
        db.session.commit()
        flash(_("取組を登録しました。"), "success")
        return redirect(url_for("workshops.initiative", initiative_id=initiative.id))
    return render_template("workshops/take_up.html", form=form, output=output)


@bp.route("/initiatives/<int:initiative_id>")
def initiative(initiative_id):
    """An initiative: where it came from (workshop, outputs, issues)."""
    item = db.session.execute(db.select(Initiative).where(Initiative.id == initiative_id).options(
        selectinload(Initiative.outputs), selectinload(Initiative.issues))).scalar_one_or_none() or abort(404)
    return render_template("workshops/initiative.html", i=item)


@bp.route("/workshops/outputs.csv")
def outputs_csv():
    """Every published output with its tags (open data)."""
    rows = db.session.execute(
        db.select(WorkshopOutput).join(Workshop).where(Workshop.report_published_at.is_not(None))
        .options(joinedload(WorkshopOutput.workshop).joinedload(Workshop.center), selectinload(WorkshopOutput.tags))
        .order_by(Workshop.starts_at, WorkshopOutput.position)).scalars().all()
    fields = ["workshop_id", "workshop", "center", "date", "kind", "text", "group", "tags", "supports"]
    return csv_response([{"workshop_id": o.workshop_id, "workshop": o.workshop.title, "center": o.workshop.center.name,
                          "date": to_jst(o.workshop.starts_at).date().isoformat(), "kind": o.kind, "text": o.text,
                          "group": o.group_label, "tags": o.codes, "supports": o.vote_count} for o in rows],
                        fields, "hiratsuka-workshop-outputs.csv")


