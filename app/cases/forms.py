"""Case study form (staff)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget

from app.util.forms import multiline_filter, strip_filter

REQUIRED = _l("入力してください。")


class CaseForm(FlaskForm):
    title = StringField(_l("事例の名前"), filters=[strip_filter], validators=[DataRequired(REQUIRED), Length(max=120)])
    group_name = StringField(_l("団体の名前"), filters=[strip_filter], validators=[DataRequired(REQUIRED), Length(max=100)])
    group = SelectField(_l("登録されている団体（任意）"), coerce=int, validate_choice=True, default=0)
    fiscal_year = IntegerField(_l("年度"), validators=[InputRequired(REQUIRED), NumberRange(2019, 2100, _l("2019年度以降で入力してください。"))])
    center = SelectField(_l("地区（公民館）"), coerce=int, validate_choice=True, default=0)
    problem = TextAreaField(_l("まちの困りごと"), filters=[multiline_filter], render_kw={"rows": 4},
                            validators=[DataRequired(REQUIRED), Length(max=5000)])
    activities = TextAreaField(_l("取り組んだこと"), filters=[multiline_filter], render_kw={"rows": 5},
                               validators=[DataRequired(REQUIRED), Length(max=5000)])
    outcomes = TextAreaField(_l("成果"), filters=[multiline_filter], render_kw={"rows": 4},
                             validators=[DataRequired(REQUIRED), Length(max=5000)])
    codes = StringField(_l("計画の項目（コードをスペース区切りで）"), filters=[strip_filter],
                        description=_l("例: G3 S4-1 P3-3。関連する事例を探すときに使います。"), validators=[Length(max=100)])
    issues = SelectMultipleField(_l("つながる地域課題"), coerce=int, validate_choice=True,
                                 widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    consent = BooleanField(_l("団体から公開の同意を得ました"))
    consent_note = StringField(_l("同意の記録（日付・方法など）"), filters=[strip_filter], validators=[Length(max=300)])
