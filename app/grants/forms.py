"""Grant forms; money is entered and kept as integer yen."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (BooleanField, DateField, FieldList, Form, FormField, IntegerField, RadioField, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.grants.models import COURSES, DECLARATIONS
from app.util.forms import multiline_filter, strip_filter

REQUIRED = _l("入力してください。")
YEN = NumberRange(0, 100_000_000, _l("0〜1億円の範囲で、円単位の整数で入力してください。"))


class RoundForm(FlaskForm):
    fiscal_year = IntegerField(_l("年度"), validators=[InputRequired(REQUIRED), NumberRange(2018, 2100, _l("年度が正しくありません。"))])
    course = SelectField(_l("コース"), choices=list(COURSES.items()), validate_choice=True)
    title = StringField(_l("募集の名前"), filters=[strip_filter], validators=[DataRequired(REQUIRED), Length(max=120)])
    open_date = DateField(_l("募集開始日（この日の0時から）"), validators=[InputRequired(REQUIRED)])
    close_date = DateField(_l("締切日（この日の23時59分まで）"), validators=[InputRequired(REQUIRED)])
    max_amount = IntegerField(_l("1件あたりの上限額（円）"), validators=[InputRequired(REQUIRED), NumberRange(1, 100_000_000)])
    subsidy_rate = IntegerField(_l("補助率（%）"), validators=[InputRequired(REQUIRED), NumberRange(1, 100, _l("1〜100で入力してください。"))])
    total_budget = IntegerField(_l("予算の総額（円）"), validators=[InputRequired(REQUIRED), NumberRange(1, 10_000_000_000)])
    guidelines = TextAreaField(_l("募集要項"), filters=[multiline_filter], render_kw={"rows": 8}, validators=[Length(max=20000)])
    criteria = TextAreaField(_l("審査項目と重み（1行に「項目名,重み」）"), filters=[multiline_filter], render_kw={"rows": 5},
                             description=_l("例: 公益性,3 / 実現可能性,2 / 地域との連携,2"),
                             validators=[DataRequired(REQUIRED)])

    def validate_close_date(self, field):
        if self.open_date.data and field.data and field.data < self.open_date.data:
            raise ValidationError(_("締切日は募集開始日より後にしてください。"))

    def parsed_criteria(self):
        out = []
        for line in (self.criteria.data or "").splitlines():
            if not line.strip():
                continue
            name, _sep, weight = line.replace("，", ",").rpartition(",")
            if not name.strip() or not weight.strip().isdigit() or not 1 <= int(weight) <= 10:
                raise ValidationError(_("「%(line)s」の書き方が正しくありません（例: 公益性,3。重みは1〜10）。", line=line[:30]))
            out.append((name.strip()[:100], int(weight)))
        return out

    def validate_criteria(self, field):
        if not self.parsed_criteria():
            raise ValidationError(_("審査項目を1つ以上入力してください。"))


class BudgetLineForm(Form):
    category = StringField(_l("費目"), filters=[strip_filter], validators=[Length(max=40)])
    detail = StringField(_l("内容"), filters=[strip_filter], validators=[Length(max=200)])  # not "description": FormField has one
    amount = IntegerField(_l("金額（円）"), validators=[Optional(), YEN])
    eligible = BooleanField(_l("補助対象"), default=True)


class ApplicationForm(FlaskForm):
    title = StringField(_l("事業の名前"), filters=[strip_filter], validators=[Length(max=120)])
    purpose = TextAreaField(_l("目的（どんな地域課題に取り組むか）"), filters=[multiline_filter], render_kw={"rows": 4},
                            validators=[Length(max=5000)])
    activities = TextAreaField(_l("活動の内容"), filters=[multiline_filter], render_kw={"rows": 5}, validators=[Length(max=5000)])
    schedule = TextAreaField(_l("スケジュール"), filters=[multiline_filter], render_kw={"rows": 4}, validators=[Length(max=3000)])
    outcomes = TextAreaField(_l("期待される成果"), filters=[multiline_filter], render_kw={"rows": 4}, validators=[Length(max=3000)])
    partners = TextAreaField(_l("連携する団体・学校・企業など（任意）"), filters=[multiline_filter], render_kw={"rows": 2},
                             validators=[Length(max=2000)])
    declarations = SelectMultipleField(_l("申請の要件（すべて確認してください）"), choices=list(DECLARATIONS.items()),
                                       widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
                                       validate_choice=True)
    member_count = IntegerField(_l("団体の構成員の数"), validators=[Optional(), NumberRange(0, 100_000)])
    citizen_member_count = IntegerField(_l("そのうち平塚市民（市内に住む・働く・学ぶ人）の数"),
                                        validators=[Optional(), NumberRange(0, 100_000)])
    rules_file = FileField(_l("規約・会則（PDF、10MBまで）"))
    initiative = SelectField(_l("もとになった取組（任意）"), coerce=int, validate_choice=True, default=0)
    issues = SelectMultipleField(_l("取り組む地域課題（任意）"), coerce=int, validate_choice=True,
                                 widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    codes = StringField(_l("計画の項目（任意・コードをスペース区切りで）"), filters=[strip_filter],
                        description=_l("例: G3 S4-1 P3-3（計画のページでコードを確認できます）"), validators=[Length(max=100)])
    lines = FieldList(FormField(BudgetLineForm), min_entries=3, max_entries=40)
    other_income = IntegerField(_l("ほかの収入（会費・協賛金など、円）"), default=0, validators=[Optional(), YEN])
    requested_amount = IntegerField(_l("申請額（円）"), validators=[Optional(), YEN])


class ReturnForm(FlaskForm):
    message = TextAreaField(_l("申請者へのメッセージ"), filters=[multiline_filter], render_kw={"rows": 4},
                            validators=[DataRequired(_l("メッセージを書いてください。")), Length(max=3000)])


class DecisionForm(FlaskForm):
    decision = RadioField(_l("決定"), choices=[("award", _l("採択")), ("reject", _l("不採択"))],
                          validators=[DataRequired(_l("決定を選んでください。"))])
    amount = IntegerField(_l("採択額（円）"), validators=[Optional(), YEN])
    message = TextAreaField(_l("団体へのメッセージ"), filters=[multiline_filter], render_kw={"rows": 4},
                            validators=[DataRequired(_l("メッセージを書いてください。")), Length(max=3000)])


class ConflictForm(FlaskForm):
    conflict = RadioField(_l("この申請との利害関係"), choices=[("no", _l("ありません")), ("yes", _l("あります（採点しません）"))],
                          validators=[DataRequired(_l("選んでください。"))])
    note = StringField(_l("利害関係の内容（ある場合）"), filters=[strip_filter], validators=[Length(max=300)])


class ReportLineForm(Form):
    category = StringField(_l("費目"), filters=[strip_filter], validators=[Length(max=40)])
    detail = StringField(_l("内容"), filters=[strip_filter], validators=[Length(max=200)])  # not "description": FormField has one
    amount = IntegerField(_l("金額（円）"), validators=[Optional(), YEN])
    receipt = FileField(_l("領収書（PDF・写真）"))


class ReportForm(FlaskForm):
    activities = TextAreaField(_l("実施した活動"), filters=[multiline_filter], render_kw={"rows": 5}, validators=[Length(max=5000)])
    participants = IntegerField(_l("参加者の延べ人数"), default=0, validators=[Optional(), NumberRange(0, 1_000_000)])
    outcomes = TextAreaField(_l("成果"), filters=[multiline_filter], render_kw={"rows": 4}, validators=[Length(max=5000)])
    lessons = TextAreaField(_l("次にやるなら変えたいこと"), filters=[multiline_filter], render_kw={"rows": 3},
                            validators=[Length(max=3000)])
    lines = FieldList(FormField(ReportLineForm), min_entries=3, max_entries=40)


class ReportReviewForm(FlaskForm):
    decision = RadioField(_l("確認結果"), choices=[("approve", _l("承認する")), ("return", _l("差し戻す"))],
                          validators=[DataRequired(_l("選んでください。"))])
    message = TextAreaField(_l("団体へのメッセージ"), filters=[multiline_filter], render_kw={"rows": 3},
                            validators=[Length(max=3000)])
