"""Account forms: all validation lives here."""
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from app.accounts.models import AGE_BANDS, EMAIL_SETTINGS, ROLE_LABELS, Role
from app.centers.services import center_choices
from app.util.forms import NoReservedWords, strip_filter

REQUIRED = _l("入力してください。")
PASSWORDS_DIFFER = _l("パスワードが一致しません。")


def _min_password_length(form, field):
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(field.data or "") < minimum:
        raise ValidationError(_("パスワードは%(n)s文字以上にしてください。", n=minimum))


def _not_email_like_name(form, field):
    email = getattr(form, "email", None)
    if email is not None and email.data and (field.data or "") and field.data.lower() in email.data.lower():
        raise ValidationError(_("メールアドレスと似たパスワードは使えません。"))


AGE_CHOICES = [("", _l("回答しない"))] + [(a, a) for a in AGE_BANDS]

email_field = lambda label=_l("メールアドレス"): EmailField(  # noqa: E731
    label, filters=[strip_filter],
    validators=[DataRequired(REQUIRED), Length(max=254, message=_l("254文字以内で入力してください。")),
                Email(_l("メールアドレスの形式が正しくありません（例: hanako@example.jp）。"), check_deliverability=False)],
    render_kw={"autocomplete": "email", "inputmode": "email"})

display_name_field = lambda: StringField(  # noqa: E731
    _l("表示名（公開されます）"), filters=[strip_filter],
    description=_l("投稿やコメントに表示される名前です。本名でなくてもかまいません。2〜20文字。"),
    validators=[DataRequired(REQUIRED), Length(min=2, max=20, message=_l("2〜20文字で入力してください。")),
                NoReservedWords(["退会したユーザー", "公民館", "市役所", "協働推進課", "管理者"],
                                _l("この言葉は表示名に使えません（公式の名前と紛らわしいため）。"))],
    render_kw={"autocomplete": "nickname"})


def new_password_field(label=_l("パスワード")):
    return PasswordField(label, description=_l("10文字以上。ほかのサイトと同じパスワードは避けてください。"),
                         validators=[InputRequired(REQUIRED), Length(max=128, message=_l("128文字以内にしてください。")),
                                     _min_password_length, _not_email_like_name],
                         render_kw={"autocomplete": "new-password"})


class CenterChoiceMixin:
    def load_center_choices(self):
        self.home_center.choices = center_choices(blank=_("選択しない"))


class RegisterForm(FlaskForm, CenterChoiceMixin):
    email = email_field()
    display_name = display_name_field()
    password = new_password_field()
    password_confirm = PasswordField(_l("パスワード（確認）"), validators=[
        InputRequired(REQUIRED), EqualTo("password", PASSWORDS_DIFFER)],
        render_kw={"autocomplete": "new-password"})
    home_center = SelectField(_l("お住まいの地区の公民館（任意）"), coerce=int, validate_choice=True,
                              description=_l("地域ごとの集計（個人が特定されない統計）にだけ使います。"))
    age_band = SelectField(_l("年代（任意）"), choices=AGE_CHOICES, validate_choice=True,
                           description=_l("年代別の集計にだけ使い、公開されません。"))
    agree = BooleanField(_l("利用規約とプライバシーポリシーに同意します"),
                         validators=[DataRequired(_l("登録には利用規約への同意が必要です。"))])


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(_l("パスワード"), validators=[InputRequired(REQUIRED), Length(max=128)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("ログインしたままにする"))


class ForgotPasswordForm(FlaskForm):
    email = email_field(_l("登録したメールアドレス"))


class ResetPasswordForm(FlaskForm):
    password = new_password_field(_l("新しいパスワード"))
    password_confirm = PasswordField(_l("新しいパスワード（確認）"), validators=[
        InputRequired(REQUIRED), EqualTo("password", PASSWORDS_DIFFER)],
        render_kw={"autocomplete": "new-password"})


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("現在のパスワード"), validators=[InputRequired(REQUIRED), Length(max=128)],
                                     render_kw={"autocomplete": "current-password"})
    password = new_password_field(_l("新しいパスワード"))
    password_confirm = PasswordField(_l("新しいパスワード（確認）"), validators=[
        InputRequired(REQUIRED), EqualTo("password", PASSWORDS_DIFFER)],
        render_kw={"autocomplete": "new-password"})


class ProfileForm(FlaskForm, CenterChoiceMixin):
    display_name = display_name_field()
    home_center = SelectField(_l("お住まいの地区の公民館（任意）"), coerce=int, validate_choice=True)
    age_band = SelectField(_l("年代（任意）"), choices=AGE_CHOICES, validate_choice=True)


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("確認のため、パスワードを入力してください"),
                             validators=[InputRequired(REQUIRED), Length(max=128)],
                             render_kw={"autocomplete": "current-password"})
    confirm = BooleanField(_l("退会すると元に戻せないことを理解しました"),
                           validators=[DataRequired(_l("確認のチェックを入れてください。"))])


class RoleForm(FlaskForm):
    role = SelectField(_l("役割"), choices=[(r.value, ROLE_LABELS[r]) for r in Role], validate_choice=True)
    centers = SelectMultipleField(_l("担当する公民館（伴走者のみ）"), coerce=int, validate_choice=True,
                                  description=_l("伴走者は、選んだ公民館の地区でだけ対応できます。"))

    def validate_centers(self, field):
        if self.role.data == Role.FACILITATOR.value and not field.data:
            raise ValidationError(_("伴走者には担当する公民館を1つ以上選んでください。"))

    departments = SelectMultipleField(_l("所属する担当課（担当課職員のみ）"), coerce=int, validate_choice=True,
                                      description=_l("担当課職員は、選んだ課に引き継がれた投稿にだけ回答できます。"))

    def validate_departments(self, field):
        if self.role.data == Role.DEPARTMENT.value and not field.data:
            raise ValidationError(_("担当課職員には所属する担当課を1つ以上選んでください。"))


class NotificationSettingsForm(FlaskForm):
    notify_email = RadioField(_l("お知らせのメール"), choices=list(EMAIL_SETTINGS.items()), validate_choice=True,
                              description=_l("フォローした投稿の状態の変化や、あなたへの返信をお知らせします。"),
                              validators=[InputRequired(_l("選んでください。"))])
