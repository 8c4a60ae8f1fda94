"""The tagging table and the tally grid are forms: a bad row or cell says what is wrong there and keeps every
other row as typed; nothing is saved until the whole table is right."""
import re

from app.extensions import db
from app.workshops.models import Workshop
from tests.factories import make_center, make_user, make_workshop
from tests.workshops.test_outputs import _table, _tallies


def _workshop_with(texts):
    center = make_center()
    fac = make_user("facilitator", centers=[center])
    w = make_workshop(center=center, facilitator=fac, outputs=[("opinion", t, "G1") for t in texts])
    return fac, w


def _row(html, n):
    """The HTML of table row n (0-based) of the tagging table."""
    rows = re.findall(r"<tr class=[^>]*>.*?</tr>", html.split('<tbody>', 1)[1], flags=re.S)
    return rows[n]


def test_an_unknown_code_marks_its_own_row_and_keeps_every_other_rows_codes(as_user):
    fac, w = _workshop_with(["一つ目", "二つ目", "三つ目"])
    data = _table(w, ["G3 S4-1", "G9", "G2 P4-1 DX"])
    data["rows-2-text"] = "三つ目（直した）"
    response = as_user(fac).post(f"/workshops/{w.id}/outputs", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "計画にない項目です: G9" in _row(html, 1) and 'aria-invalid="true"' in _row(html, 1)
    assert 'value="G3 S4-1"' in _row(html, 0) and "計画にない項目です" not in _row(html, 0)
    assert 'value="G2 P4-1 DX"' in _row(html, 2) and 'value="三つ目（直した）"' in _row(html, 2)
    assert "計画にない項目です" not in _row(html, 2)
    db.session.expire_all()
    assert [o.codes for o in db.session.get(Workshop, w.id).outputs] == [["G1"], ["G1"], ["G1"]]  # nothing saved yet


def test_an_emptied_row_is_refused_on_that_row_unless_it_is_deleted(as_user):
    fac, w = _workshop_with(["残す", "消す"])
    data = _table(w, ["G3", "G3"])
    data["rows-1-text"] = "  "
    html = as_user(fac).post(f"/workshops/{w.id}/outputs", data=data).get_data(as_text=True)
    assert "内容が空です。消す場合は「削除」を選んでください。" in _row(html, 1)
    data["rows-1-delete"] = "1"
    as_user(fac).post(f"/workshops/{w.id}/outputs", data=data)
    db.session.expire_all()
    assert [(o.text, o.codes) for o in db.session.get(Workshop, w.id).outputs] == [("残す", ["G3"])]


def test_a_tally_that_is_not_a_count_is_refused_in_its_cell_and_nothing_is_saved(as_user):
    fac, w = _workshop_with(["案A", "案B"])
    a, b = w.outputs
    response = as_user(fac).post(f"/workshops/{w.id}/tallies", data=_tallies({a.id: [("８", "1")], b.id: [("たくさん", "")]}))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "0以上の整数で入力してください。" in html and 'value="たくさん"' in html and 'value="８"' in html
    db.session.expire_all()
    assert all(not o.tallies for o in db.session.get(Workshop, w.id).outputs)
    as_user(fac).post(f"/workshops/{w.id}/tallies", data=_tallies({a.id: [("８", "1")], b.id: [("-2", "")]}))
    db.session.expire_all()
    assert all(not o.tallies for o in db.session.get(Workshop, w.id).outputs)  # negative: refused too


def test_tallies_accept_full_width_digits_and_a_new_group_keeps_its_column(as_user):
    fac, w = _workshop_with(["案A"])
    (a,) = w.outputs
    f = as_user(fac)
    response = f.post(f"/workshops/{w.id}/tallies", data=_tallies({a.id: [("８", "１")]}, new_group="Bテーブル"))
    assert response.status_code == 302
    db.session.expire_all()
    assert [(t.group_label, t.agree, t.disagree) for t in db.session.get(Workshop, w.id).outputs[0].tallies] == [("A", 8, 1)]
    html = f.get(response.headers["Location"]).get_data(as_text=True)
    assert "Bテーブル" in html and 'name="rows-0-cells-1-agree"' in html  # ready to be counted
