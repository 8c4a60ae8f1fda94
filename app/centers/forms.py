"""Center admin form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from app.util.forms import multiline_filter, strip_filter

REQUIRED = _l("入力してください。")
MAX_60 = _l("60文字以内で入力してください。")


class CenterForm(FlaskForm):
    name = StringField(_l("公民館の名前"), filters=[strip_filter],
                       validators=[DataRequired(REQUIRED), Length(max=60, message=MAX_60)])
    district = StringField(_l("地区の名前"), filters=[strip_filter], description=_l("例: 崇善地区"),
                           validators=[DataRequired(REQUIRED), Length(max=60, message=MAX_60)])
    address = StringField(_l("所在地"), filters=[strip_filter],
                          validators=[Length(max=200, message=_l("200文字以内で入力してください。"))])
    phone = StringField(_l("施設の電話番号"), filters=[strip_filter],
                        description=_l("施設の代表番号（職員個人の番号は載せないでください）"),
                        validators=[Optional(), Length(max=30),
                                    Regexp(r"^[0-9０-９\-－() ]+$", message=_l("数字とハイフンで入力してください。"))])
    description = TextAreaField(_l("紹介文"), filters=[multiline_filter],
                                validators=[Length(max=2000, message=_l("2000文字以内で入力してください。"))])
    position = IntegerField(_l("表示順"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=999, message=_l("0〜999で入力してください。"))])
    active = BooleanField(_l("利用中"), default=True)
    premoderate_first_posts = BooleanField(
        _l("新しく登録した人の最初の投稿は、伴走者の承認後に公開する"),
        description=_l("荒らしが続く地区などで使います。承認待ちの投稿は伴走者の作業画面に並びます。"))
