"""Group forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional
from wtforms.widgets import HiddenInput

from app.groups.models import KINDS
from app.util.forms import multiline_filter, strip_filter

REQUIRED = _l("入力してください。")


class GroupForm(FlaskForm):
    name = StringField(_l("団体の名前"), filters=[strip_filter],
                       validators=[DataRequired(REQUIRED), Length(max=100, message=_l("100文字以内にしてください。"))])
    kind = SelectField(_l("種類"), choices=list(KINDS.items()), validate_choice=True)
    center = SelectField(_l("主に活動する地区（公民館）"), coerce=int, validate_choice=True, default=0)
    description = TextAreaField(_l("団体の紹介"), filters=[multiline_filter], render_kw={"rows": 6},
                                description=_l("活動の目的、主な活動、メンバーの様子など。"),
                                validators=[DataRequired(REQUIRED), Length(max=5000)])
    public_contact = StringField(_l("公開する連絡先（任意）"), filters=[strip_filter],
                                 description=_l("団体の公式サイトや公開用のメールなど。個人の電話番号や住所は書かないでください。"),
                                 validators=[Length(max=200)])
    private_contact = TextAreaField(_l("市の担当者だけが見る連絡先"), filters=[multiline_filter], render_kw={"rows": 3},
                                    description=_l("代表者の氏名・電話番号など。公開されません（市の職員だけが見られます）。"),
                                    validators=[Length(max=1000)])
    founded_on = DateField(_l("設立日（任意）"), validators=[Optional()])


class InviteForm(FlaskForm):
    email = EmailField(_l("招待する人のメールアドレス"), filters=[strip_filter],
                       validators=[DataRequired(REQUIRED), Length(max=254),
                                   Email(_l("メールアドレスの形式が正しくありません。"), check_deliverability=False)])


class MemberActionForm(FlaskForm):
    """The buttons on the members page: invite, change a member's role, remove a member."""

    class Meta:
        csrf = False  # CSRFProtect checks every POST; InviteForm carries the token

    action = HiddenField(filters=[strip_filter])
    user_id = IntegerField(widget=HiddenInput(), validators=[Optional()])
    role = HiddenField(filters=[strip_filter])

    def member_id(self):
        try:
            return int(self.user_id.data or 0)
        except (TypeError, ValueError):
            return 0
