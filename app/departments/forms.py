"""Department admin form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField, TextAreaField, ValidationError
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, Regexp

from app.util.forms import multiline_filter, strip_filter


class DepartmentForm(FlaskForm):
    name = StringField(_l("担当課の名前"), filters=[strip_filter], description=_l("例: 道路管理課"),
                       validators=[DataRequired(_l("入力してください。")),
                                   Length(max=80, message=_l("80文字以内で入力してください。"))])
    contact_url = StringField(_l("窓口のページ（URL）"), filters=[strip_filter],
                              description=_l("市のホームページにある、この課の案内ページ"),
                              validators=[Optional(), Length(max=300),
                                          URL(require_tld=True, message=_l("https:// から始まるURLを入力してください。"))])
    phone = StringField(_l("窓口の電話番号"), filters=[strip_filter],
                        description=_l("課の代表番号（職員個人の番号は載せないでください）"),
                        validators=[Optional(), Length(max=30),
                                    Regexp(r"^[0-9０-９\-－() ]+$", message=_l("数字とハイフンで入力してください。"))])
    handles = TextAreaField(_l("扱う内容"), filters=[multiline_filter],
                            description=_l("例: 市道の穴、街路灯、カーブミラーの修理"),
                            validators=[Length(max=1000, message=_l("1000文字以内で入力してください。"))])
    position = IntegerField(_l("表示順"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=999, message=_l("0〜999で入力してください。"))])
    active = BooleanField(_l("利用中"), default=True)

    def validate_contact_url(self, field):
        if field.data and not field.data.lower().startswith(("https://", "http://")):
            raise ValidationError(_l("https:// から始まるURLを入力してください。"))
