"""Recording outputs: paste, tag from the plan only, tallies, publishing, online support, initiatives, coverage."""
from app.audit.models import AuditEntry
from app.extensions import db
from app.coverage import matrix
from app.workshops.models import Initiative, WorkshopOutput
from app.workshops.outputs import agreement
from tests.factories import make_center, make_issue, make_user, make_workshop


def _setup():
    center = make_center()
    fac = make_user("facilitator", centers=[center])
    return center, fac, make_workshop(center=center, facilitator=fac)


def _table(workshop, codes):
    data = {"step": "table"}
    for n, (o, c) in enumerate(zip(workshop.outputs, codes)):
        data.update({f"rows-{n}-output_id": o.id, f"rows-{n}-kind": o.kind, f"rows-{n}-text": o.text,
                     f"rows-{n}-group_label": o.group_label, f"rows-{n}-codes": c})
    return data


def _tallies(cells, **extra):
    """The tally grid as posted: {output id: [(agree, disagree) per group column]}."""
    data = dict(extra)
    for n, (output_id, row) in enumerate(cells.items()):
        data[f"rows-{n}-output_id"] = output_id
        for m, (agree, disagree) in enumerate(row):
            data.update({f"rows-{n}-cells-{m}-agree": agree, f"rows-{n}-cells-{m}-disagree": disagree})
    return data


def test_paste_makes_one_output_per_line_without_bullets(as_user):
    center, fac, w = _setup()
    as_user(fac).post(f"/workshops/{w.id}/outputs", data={"step": "paste", "paste-lines": "・見守りの人が足りない\n\n- 旗当番を交代制に\n1. 朝の声かけ\n",
                                                        "paste-kind": "idea", "paste-group_label": "Aテーブル"})
    outs = db.session.execute(db.select(WorkshopOutput).order_by(WorkshopOutput.position)).scalars().all()
    assert [o.text for o in outs] == ["見守りの人が足りない", "旗当番を交代制に", "朝の声かけ"]
    assert {o.kind for o in outs} == {"idea"} and {o.group_label for o in outs} == {"Aテーブル"}


def test_tagging_refuses_unknown_codes_and_keeps_the_rest(as_user):
    center, fac, w = _setup()
    f = as_user(fac)
    f.post(f"/workshops/{w.id}/outputs", data={"step": "paste", "paste-lines": "一つ目\n二つ目", "paste-kind": "opinion"})
    db.session.expire_all()
    from app.workshops.models import Workshop
    w = db.session.get(Workshop, w.id)
    html = f.post(f"/workshops/{w.id}/outputs", data=_table(w, ["G3 S4-1", "G9 X1"])).get_data(as_text=True)
    assert "計画にない項目です: G9 X1" in html
    db.session.expire_all()
    assert all(not o.codes for o in db.session.get(Workshop, w.id).outputs)  # nothing half-saved
    f.post(f"/workshops/{w.id}/outputs", data=_table(w, ["g3 s4-1", "G1, P3-3 dx"]))
    db.session.expire_all()
    assert [o.codes for o in db.session.get(Workshop, w.id).outputs] == [["G3", "S4-1"], ["DX", "G1", "P3-3"]]


def test_a_report_cannot_be_published_with_untagged_outputs(as_user):
    center, fac, w = _setup()
    f = as_user(fac)
    f.post(f"/workshops/{w.id}/outputs", data={"step": "paste", "paste-lines": "一つ目\n二つ目", "paste-kind": "opinion"})
    from app.workshops.models import Workshop
    db.session.expire_all()
    w = db.session.get(Workshop, w.id)
    f.post(f"/workshops/{w.id}/outputs", data=_table(w, ["G3", "S4-1"]))  # second has no 指針
    html = f.post(f"/workshops/{w.id}/publish", data={"summary": "まとめ"}, follow_redirects=True).get_data(as_text=True)
    assert "指針（G1〜G5）が選ばれていない成果が1件あります" in html
    db.session.expire_all()
    assert not db.session.get(Workshop, w.id).is_published
    f.post(f"/workshops/{w.id}/outputs", data=_table(db.session.get(Workshop, w.id), ["G3", "G4 S4-1"]))
    f.post(f"/workshops/{w.id}/publish", data={"summary": "まとめ"})
    db.session.expire_all()
    assert db.session.get(Workshop, w.id).is_published
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "workshop.publish")).scalar_one()


def test_outputs_are_public_only_after_publication(client):
    draft = make_workshop(outputs=[("idea", "下書きのアイデア", "G1")])
    assert "下書きのアイデア" not in client.get(f"/workshops/{draft.id}").get_data(as_text=True)
    assert client.get(f"/workshops/{draft.id}/report").status_code == 404
    assert client.get(f"/api/v1/workshops/{draft.id}").get_json()["outputs"] == []
    published = make_workshop(outputs=[("idea", "公開のアイデア", "G1")], publish=True)
    assert "公開のアイデア" in client.get(f"/workshops/{published.id}").get_data(as_text=True)
    report = client.get(f"/workshops/{published.id}/report").get_data(as_text=True)
    assert "公開のアイデア" in report and "世界の人々と相互理解を深め" in report


def test_agreement_is_the_product_over_groups_of_laplace_ratios(as_user):
    center, fac, w = _setup()
    w = make_workshop(center=center, facilitator=fac, outputs=[("idea", "賛成が多い案", "G1"), ("idea", "割れた案", "G1")])
    a, b = w.outputs
    data = _tallies({a.id: [(8, 0), (5, 1)], b.id: [(1, 6), (4, 4)]}, new_group="B")
    as_user(fac).post(f"/workshops/{w.id}/tallies", data=data)
    from app.workshops.models import Workshop
    db.session.expire_all()
    rows = agreement(db.session.get(Workshop, w.id))
    assert [r["output"].text for r in rows] == ["賛成が多い案", "割れた案"]
    assert abs(rows[0]["score"] - (9 / 10) * (6 / 8)) < 1e-9 and rows[0]["all_agree"]
    assert abs(rows[1]["score"] - (2 / 9) * (5 / 10)) < 1e-9 and not rows[1]["all_agree"]


def test_residents_support_and_comment_on_published_outputs_and_take_up_an_action(as_user):
    issue = make_issue()
    w = make_workshop(center=issue.center, issues=[issue], outputs=[("next_action", "見守り当番表をつくる", "G3 S4-1")],
                      publish=True)
    output = w.outputs[0]
    resident = as_user(make_user())
    resident.post(f"/workshops/outputs/{output.id}/vote")
    resident.post(f"/workshops/outputs/{output.id}/vote")
    resident.post(f"/workshops/outputs/{output.id}/comments", data={"body": "参加できなかったけど賛成です"})
    db.session.expire_all()
    output = db.session.get(WorkshopOutput, output.id)
    assert (output.vote_count, output.comment_count) == (1, 1)
    response = resident.post(f"/workshops/outputs/{output.id}/take-up",
                             data={"group_name": "崇善見守り隊", "title": "当番表づくり", "description": "月1回"})
    initiative = db.session.execute(db.select(Initiative)).scalar_one()
    assert response.headers["Location"].endswith(f"/initiatives/{initiative.id}")
    assert [i.id for i in initiative.issues] == [issue.id] and initiative.workshop_id == w.id
    page = resident.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    assert issue.title.split("<")[0] in page and "見守り当番表をつくる" in page
    assert "当番表づくり" in resident.get(f"/workshops/{w.id}/report").get_data(as_text=True)


def test_only_published_next_actions_can_be_taken_up(as_user):
    w = make_workshop(outputs=[("idea", "ただのアイデア", "G3")], publish=True)
    html = as_user(make_user()).post(f"/workshops/outputs/{w.outputs[0].id}/take-up",
                                     data={"group_name": "x", "title": "y"}, follow_redirects=True).get_data(as_text=True)
    assert "公開された「次のアクション」だけを担うことができます。" in html


def test_coverage_counts_match_the_rows(client):
    center = make_center()
    from app.issues.models import IssueTag
    i1 = make_issue(center=center)
    i2 = make_issue(center=center)
    db.session.add_all([IssueTag(issue_id=i1.id, code="G3"), IssueTag(issue_id=i1.id, code="S4-1"),
                        IssueTag(issue_id=i1.id, code="S4-2"), IssueTag(issue_id=i2.id, code="G3"),
                        IssueTag(issue_id=i2.id, code="P4-1")])
    db.session.commit()
    w = make_workshop(center=center, outputs=[("idea", "a", "G3 S4-1"), ("next_action", "b", "G3 S1-1 P4-1")], publish=True)
    from tests.factories import make_initiative
    make_initiative(w.outputs[1])
    cells, policies = matrix()
    assert cells[("G3", "S4")] == {"issues": 1, "outputs": 1}  # i1 counted once despite two S4 measures
    assert cells[("G3", "—")] == {"issues": 1}
    assert cells[("G3", "S1")] == {"outputs": 1, "initiatives": 1}
    assert policies["P4-1"] == {"issues": 1, "outputs": 1, "initiatives": 1}
    assert matrix(center_id=make_center().id) == ({}, {})
    html = client.get("/plan/coverage").get_data(as_text=True)
    assert "/plan/coverage/items?kind=issues&amp;g=G3&amp;s=S4" in html
    items = client.get("/plan/coverage/items?kind=issues&g=G3&s=S4").get_data(as_text=True)
    assert i1.title.split("<")[0] in items and i2.title.split("<")[0] not in items
    assert client.get("/plan/coverage/items?kind=bogus").status_code == 404


def test_outputs_csv_and_api(client):
    w = make_workshop(outputs=[("agreement", "=SUM(A1)", "G2")], publish=True)
    text = client.get("/workshops/outputs.csv").get_data(as_text=True)
    assert "'=SUM(A1)" in text and "agreement" in text and "G2" in text
    data = client.get("/api/v1/workshops").get_json()
    assert data["total"] == 1 and data["items"][0]["report_published"] is True
    detail = client.get(f"/api/v1/workshops/{w.id}").get_json()
    assert detail["outputs"][0]["tags"] == ["G2"]
