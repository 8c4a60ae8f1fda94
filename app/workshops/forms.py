"""Workshop forms; dates and times are entered in Japan time."""
import unicodedata
from datetime import datetime, timezone

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, FieldList, Form, FormField, HiddenField, IntegerField, RadioField,
                     SelectField, SelectMultipleField, StringField, TextAreaField, TimeField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.centers.models import METHOD_CHOICES, METHODS
from app.plan.codes import PlanCodeError, parse_codes
from app.util.forms import multiline_filter, strip_filter
from app.util.time import JST
from app.workshops.models import OUTPUT_KINDS
from app.workshops.outputs import MAX_TEXT

REQUIRED = _l("入力してください。")


class WorkshopForm(FlaskForm):
    title = StringField(_l("ワークショップの名前"), filters=[strip_filter],
                        validators=[DataRequired(REQUIRED), Length(max=120, message=_l("120文字以内にしてください。"))])
    center = SelectField(_l("公民館"), coerce=int, validate_choice=True)
    date = DateField(_l("日付"), validators=[InputRequired(_l("日付を入力してください。"))])
    start_time = TimeField(_l("開始時刻"), validators=[InputRequired(_l("開始時刻を入力してください。"))])
    end_time = TimeField(_l("終了時刻"), validators=[InputRequired(_l("終了時刻を入力してください。"))])
    place = StringField(_l("場所"), filters=[strip_filter], description=_l("例: 崇善公民館 2階 大会議室"),
                        validators=[DataRequired(REQUIRED), Length(max=200)])
    description = TextAreaField(_l("内容"), filters=[multiline_filter], render_kw={"rows": 6},
                                description=_l("何を話し合うか、どんな人に来てほしいか、持ち物など。"),
                                validators=[Length(max=5000, message=_l("5000文字以内にしてください。"))])
    capacity = IntegerField(_l("定員"), default=20,
                            validators=[InputRequired(_l("定員を入力してください。")),
                                        NumberRange(1, 1000, _l("1〜1000人で入力してください。"))])
    co_hosts = StringField(_l("共催・協力（団体・学校・企業など）"), filters=[strip_filter],
                           validators=[Length(max=300, message=_l("300文字以内にしてください。"))])
    issues = SelectMultipleField(_l("話し合う地域課題"), coerce=int, validate_choice=True,
                                 description=_l("選んだ課題は「ワークショップ」の状態になり、投稿者とフォローしている人に知らせます。"))

    def validate_end_time(self, field):
        if self.start_time.data and field.data and field.data <= self.start_time.data:
            raise ValidationError(_("終了時刻は開始時刻より後にしてください。"))

    def utc_range(self):
        """(starts_at, ends_at) as naive UTC from the Japan-time inputs."""
        def utc(t):
            local = datetime.combine(self.date.data, t, tzinfo=JST)
            return local.astimezone(timezone.utc).replace(tzinfo=None)
        return utc(self.start_time.data), utc(self.end_time.data)


class WalkInForm(FlaskForm):
    walk_in = IntegerField(_l("当日参加（申し込みなし）の人数"), validators=[InputRequired(REQUIRED), NumberRange(0, 5000)])


class PasteForm(FlaskForm):
    lines = TextAreaField(_l("付せんの内容（1行に1件）"), filters=[multiline_filter], render_kw={"rows": 10},
                          description=_l("模造紙や付せんの内容を、1行に1件ずつ貼り付けてください。行頭の「・」「-」「1.」は取り除きます。"),
                          validators=[DataRequired(_l("貼り付ける内容を入力してください。"))])
    kind = SelectField(_l("種類"), choices=list(OUTPUT_KINDS.items()), validate_choice=True)
    group_label = StringField(_l("テーブル・グループ名（任意）"), filters=[strip_filter], description=_l("例: Aテーブル"),
                              validators=[Length(max=40)])


class PublishForm(FlaskForm):
    summary = TextAreaField(_l("報告のまとめ"), filters=[multiline_filter], render_kw={"rows": 6},
                            description=_l("当日の様子、話し合いの流れ、これからのこと。公開されます。"),
                            validators=[DataRequired(_l("まとめを書いてください。")), Length(max=5000)])


class CommentForm(FlaskForm):
    body = TextAreaField(_l("コメント"), filters=[multiline_filter], render_kw={"rows": 3},
                         validators=[DataRequired(_l("コメントを入力してください。")),
                                     Length(max=2000, message=_l("2000文字以内にしてください。"))])


class TakeUpForm(FlaskForm):
    group_name = StringField(_l("担う団体の名前"), filters=[strip_filter], description=_l("例: 崇善地区 子ども見守り隊"),
                             validators=[DataRequired(REQUIRED), Length(max=100)])
    title = StringField(_l("取組の名前"), filters=[strip_filter], validators=[DataRequired(REQUIRED), Length(max=120)])
    description = TextAreaField(_l("どのように進めるか"), filters=[multiline_filter], render_kw={"rows": 5},
                                validators=[Optional(), Length(max=3000)])


class OutputRowForm(Form):
    """One row of the tagging table; its errors stay on its own row."""
    output_id = IntegerField(widget=HiddenField.widget)
    kind = SelectField(_l("種類"), choices=OUTPUT_KINDS, validate_choice=False)
    text = StringField(_l("内容"), filters=[strip_filter],
                       validators=[Length(max=MAX_TEXT, message=_l("%(max)d文字以内にしてください。"))])
    group_label = StringField(_l("グループ"), filters=[strip_filter],
                              validators=[Length(max=40, message=_l("%(max)d文字以内にしてください。"))])
    codes = StringField(_l("項目"), filters=[strip_filter])
    delete = BooleanField(_l("削除"))

    def validate(self, extra_validators=None):
        if self.delete.data:  # a row to delete needs nothing else
            return True
        return super().validate(extra_validators)

    def validate_text(self, field):
        if not field.data:
            raise ValidationError(_("内容が空です。消す場合は「削除」を選んでください。"))

    def validate_codes(self, field):
        try:
            self.parsed_codes = parse_codes(field.data)
        except PlanCodeError as exc:
            raise ValidationError(str(exc)) from None


class OutputTableForm(FlaskForm):
    """The tagging table: one row per output (kind, text, group, plan codes, delete)."""
    rows = FieldList(FormField(OutputRowForm))

    @classmethod
    def for_outputs(cls, outputs):
        return cls(formdata=None, data={"rows": [
            {"output_id": o.id, "kind": o.kind, "text": o.text, "group_label": o.group_label, "codes": " ".join(o.codes)}
            for o in outputs]})

    def row_data(self):
        """Rows for outputs.update_outputs (only call after validate())."""
        return [{"id": r.output_id.data, "kind": r.kind.data, "text": r.text.data or "",
                 "group_label": r.group_label.data or "", "codes": r.codes.data or "", "delete": r.delete.data}
                for r in (entry.form for entry in self.rows)]


TALLY_MESSAGE = _l("0以上の整数で入力してください。")


class CountField(IntegerField):
    """A count typed on a phone or a Japanese keyboard: full-width digits are fine, anything else is an error."""

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            try:
                self.data = int(unicodedata.normalize("NFKC", valuelist[0]).strip())
            except ValueError:
                self.data = None
                raise ValueError(TALLY_MESSAGE) from None
        else:
            self.data = None


class TallyCellForm(Form):
    """Agree / disagree counted on one board; both empty = no vote there."""
    agree = CountField(_l("賛成"), validators=[Optional(), NumberRange(0, 100_000, TALLY_MESSAGE)])
    disagree = CountField(_l("反対"), validators=[Optional(), NumberRange(0, 100_000, TALLY_MESSAGE)])


class TallyRowForm(Form):
    output_id = IntegerField(widget=HiddenField.widget)
    cells = FieldList(FormField(TallyCellForm))


class TallyForm(FlaskForm):
    """The tally grid: a row per output, a cell per table or group."""
    rows = FieldList(FormField(TallyRowForm))
    new_group = StringField(_l("グループを追加（任意）"), filters=[strip_filter],
                            validators=[Length(max=40, message=_l("%(max)d文字以内にしてください。"))])

    @classmethod
    def for_outputs(cls, outputs, groups):
        def cell(output, group):
            t = next((t for t in output.tallies if t.group_label == group), None)
            return {"agree": t.agree, "disagree": t.disagree} if t else {}
        return cls(formdata=None, data={"rows": [{"output_id": o.id, "cells": [cell(o, g) for g in groups]}
                                                 for o in outputs]})

    def values(self, groups):
        """{(output_id, group): (agree, disagree)} for the filled cells (only call after validate())."""
        values = {}
        for row in (entry.form for entry in self.rows):
            for group, cell in zip(groups, (entry.form for entry in row.cells)):
                if cell.agree.data is not None or cell.disagree.data is not None:
                    values[(row.output_id.data, group)] = (cell.agree.data or 0, cell.disagree.data or 0)
        return values


class GuestForm(FlaskForm):
    """A guest signed up by staff (代理受付): name required, phone optional, both staff-only."""

    resident_name = StringField(_l("お名前"), filters=[strip_filter],
                                validators=[DataRequired(_l("お名前を入力してください。")),
                                            Length(max=100, message=_l("100文字以内にしてください。"))])
    resident_contact = StringField(_l("電話番号（任意）"), filters=[strip_filter],
                                   description=_l("職員だけが見ます。変更や中止のお知らせに使います。"),
                                   validators=[Length(max=40, message=_l("40文字以内にしてください。"))],
                                   render_kw={"autocomplete": "off", "inputmode": "tel"})
    method = RadioField(_l("受付方法"), choices=METHOD_CHOICES, default="phone",
                        validators=[DataRequired(_l("受付方法を選んでください。"))])

    def validate_method(self, field):
        if field.data not in METHODS:
            raise ValidationError(_("受付方法を選んでください。"))
