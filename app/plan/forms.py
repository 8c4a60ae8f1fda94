"""Staff forms for KPI actuals and links to the platform's figures."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from app.util.forms import multiline_filter, strip_filter

MAX_300 = _l("300文字以内で入力してください。")


class _ValueFields(FlaskForm):
    value = StringField(_l("実績値"), filters=[strip_filter], description=_l("数字だけを入力します（単位は不要）。例: 1,120"),
                        validators=[DataRequired(_l("実績値を入力してください。")), Length(max=60)])
    as_of = DateField(_l("時点"), description=_l("いつ時点の値か（例: 2025-03-31）"),
                      validators=[InputRequired(_l("時点の日付を入力してください（例: 2025-03-31）。"))])
    source_note = StringField(_l("出典・メモ"), filters=[strip_filter],
                              description=_l("例: 保育課 待機児童数調査（4月1日時点）"),
                              validators=[Length(max=300, message=MAX_300)])


class ActualForm(_ValueFields):
    fiscal_year = IntegerField(_l("年度"), description=_l("西暦で入力します（例: 2025）。"),
                               validators=[InputRequired(_l("年度を入力してください。")),
                                           NumberRange(2020, 2040, _l("2020〜2040の年度を入力してください。"))])
    segment = SelectField(_l("区分"), validate_choice=True, default="")


class CorrectionForm(_ValueFields):
    reason = TextAreaField(_l("訂正の理由（記録されます）"), filters=[multiline_filter], render_kw={"rows": 2},
                           validators=[DataRequired(_l("訂正の理由を書いてください。")), Length(max=300, message=MAX_300)])


class LinkForm(FlaskForm):
    measure = SelectField(_l("ひろばの記録"), validate_choice=True, default="",
                          description=_l("この指標の横に、ひろばで記録された活動の数を参考として表示します。"))
    center = SelectField(_l("地区"), coerce=int, validate_choice=True, default=0)
