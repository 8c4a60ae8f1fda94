"""Recording outputs (paste, tag table, tallies), publishing the report, online 共感, initiatives, CSV."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db, limiter
from app.util.export import csv_response
from app.permissions import can_manage_workshop, can_take_part_online, can_view_output, require
from app.photos import services as photos
from app.plan.services import plan_labels, plan_tree
from app.workshops import bp, forms, outputs
from app.workshops.models import OUTPUT_KINDS, Initiative, Workshop, WorkshopOutput
from app.workshops.routes import _load
from app.util.time import to_jst
from app.workshops.services import WorkshopError


def _user_key():
    return f"user:{current_user.get_id()}"


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
    errors = {}
    if request.method == "POST" and request.form.get("step") == "paste" and paste.validate():
        try:
            outputs.add_pasted(current_user, workshop, paste.lines.data, paste.kind.data, paste.group_label.data or "")
        except WorkshopError as exc:
            paste.lines.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("成果を追加しました。指針などの項目を選んでください。"), "success")
            return redirect(url_for("workshops.record_outputs", workshop_id=workshop.id) + "#tagging")
    elif request.method == "POST" and request.form.get("step") == "table":
        rows = [{"id": o.id, "kind": request.form.get(f"kind-{o.id}", o.kind),
                 "text": request.form.get(f"text-{o.id}", o.text), "group_label": request.form.get(f"group-{o.id}", ""),
                 "codes": request.form.get(f"codes-{o.id}", ""), "delete": request.form.get(f"delete-{o.id}") == "1"}
                for o in list(workshop.outputs)]
        errors = outputs.update_outputs(current_user, workshop, rows)
        if not errors:
            db.session.commit()
            flash(_("成果と計画の項目を保存しました。"), "success")
            return redirect(url_for("workshops.record_outputs", workshop_id=workshop.id) + "#tagging")
        db.session.rollback()
        workshop = _managed(workshop_id)
    elif request.method == "POST" and request.form.get("step") == "photos":
        for upload in [f for f in request.files.getlist("photos") if f.filename][:8]:
            try:
                photo = photos.save_upload(upload, current_user)
                photos.attach(photos.photos_for(workshop) + [photo], workshop)
            except photos.PhotoError as exc:
                flash(_("「%(name)s」: %(error)s", name=upload.filename[:40], error=exc), "error")
        db.session.commit()
        return redirect(url_for("workshops.record_outputs", workshop_id=workshop.id) + "#photos")
    return render_template("workshops/outputs.html", w=workshop, paste=paste, errors=errors, kinds=OUTPUT_KINDS,
                           tree=plan_tree(), untagged=outputs.untagged(workshop), photos=photos.photos_for(workshop),
                           publish=forms.PublishForm(summary=workshop.summary))


@bp.route("/workshops/<int:workshop_id>/tallies", methods=["GET", "POST"])
@login_required
def tallies(workshop_id):
    """Agree/disagree counts per table or group, entered from the boards."""
    workshop = _managed(workshop_id)
    groups = sorted({o.group_label for o in workshop.outputs if o.group_label} | {t.group_label for o in workshop.outputs
                                                                                  for t in o.tallies}) or ["全体"]
    if request.method == "POST":
        new_group = (request.form.get("new_group") or "").strip()[:40]
        if new_group and new_group not in groups:
            groups.append(new_group)
        values = {}
        for o in workshop.outputs:
            for n, g in enumerate(groups):
                agree, disagree = request.form.get(f"a-{o.id}-{n}", ""), request.form.get(f"d-{o.id}-{n}", "")
                if agree.isdigit() or disagree.isdigit():
                    values[(o.id, g)] = (int(agree or 0), int(disagree or 0))
        outputs.set_tallies(current_user, workshop, values)
        db.session.commit()
        flash(_("賛成・反対の数を保存しました。"), "success")
        return redirect(url_for("workshops.tallies", workshop_id=workshop.id))
    return render_template("workshops/tallies.html", w=workshop, groups=groups,
                           cell={(o.id, t.group_label): t for o in workshop.outputs for t in o.tallies})


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
@limiter.limit("120 per hour", key_func=_user_key)
def vote_output(output_id):
    """共感 with a published output (action=remove to withdraw)."""
    output = _published_output(output_id)
    if request.form.get("action") == "remove":
        outputs.withdraw_vote(current_user, output)
    else:
        outputs.cast_vote(current_user, output)
    db.session.commit()
    return redirect(url_for("workshops.detail", workshop_id=output.workshop_id) + f"#output-{output.id}")


@bp.route("/workshops/outputs/<int:output_id>/comments", methods=["POST"])
@login_required
@limiter.limit("30 per hour", key_func=_user_key)
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


