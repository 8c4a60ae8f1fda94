"""Moderation and facilitation forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.util.forms import multiline_filter, strip_filter
from app.util.http import MAX_ID

WRITE_REASON = _l("理由を書いてください。")
MAX_200 = _l("200文字以内で書いてください。")


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("理由（公開されます）"), filters=[multiline_filter], render_kw={"rows": 2},
                           validators=[DataRequired(WRITE_REASON), Length(max=200, message=MAX_200)])


class OptionalReasonForm(FlaskForm):
    reason = TextAreaField(_l("メモ（任意）"), filters=[multiline_filter], render_kw={"rows": 2},
                           validators=[Length(max=200, message=MAX_200)])


class StatusForm(FlaskForm):
    to_status = SelectField(_l("新しい状態"), validate_choice=True)
    note = TextAreaField(_l("住民へのひとこと（公開されます）"), filters=[multiline_filter], render_kw={"rows": 3},
                         description=_l("例: 次回の地域づくり懇談会（○月○日）でこの課題を話し合います。"
                                        "対象外の場合は、相談先を書いてください。"),
                         validators=[DataRequired(_l("変更の理由を短く書いてください（公開されます）。")), Length(max=500)])
    duplicate_of = IntegerField(_l("まとめ先の投稿番号（重複のとき）"), validators=[Optional(), NumberRange(
                                    min=1, max=MAX_ID, message=_l("投稿番号が正しくありません。"))],
                                description=_l("投稿のURLの最後の数字です。共感とフォローがまとめ先に移ります。"))
    # 対象外: where the resident should go instead.
    out_of_scope_department = SelectField(_l("案内先の担当課（対象外のとき）"), coerce=int, validate_choice=True,
                                          default=0)
    out_of_scope_body = StringField(_l("市以外の相談先の名前（対象外のとき）"), filters=[strip_filter],
                                    validators=[Length(max=120, message=_l("120文字以内で入力してください。"))])
    out_of_scope_contact = StringField(_l("その相談先への連絡方法"), filters=[strip_filter],
                                       validators=[Length(max=300, message=_l("300文字以内で入力してください。"))])


class TagsForm(FlaskForm):
    codes = SelectMultipleField(_l("計画の項目"), widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
                                validate_choice=True)


class RedactForm(FlaskForm):
    body = TextAreaField(_l("個人情報を取り除いた本文"), filters=[multiline_filter], render_kw={"rows": 8},
                         validators=[DataRequired(_l("本文を入力してください。")), Length(max=5000)])
    reason = TextAreaField(_l("編集の理由（記録されます）"), filters=[multiline_filter], render_kw={"rows": 2},
                           validators=[DataRequired(WRITE_REASON), Length(max=200)])


class SuspendForm(FlaskForm):
    days = IntegerField(_l("停止する日数"), default=7,
                        validators=[InputRequired(_l("日数を入力してください。")),
                                    NumberRange(1, 365, _l("1〜365日で入力してください。"))])
    reason = TextAreaField(_l("理由（本人に伝わります）"), filters=[multiline_filter], render_kw={"rows": 3},
                           validators=[DataRequired(WRITE_REASON), Length(max=500)])


class LiftSuspensionForm(FlaskForm):
    """The 利用停止を解除する button (lift=1), with an optional note for the audit log."""
    lift = HiddenField()
    reason = TextAreaField(_l("メモ（任意）"), filters=[multiline_filter], validators=[Length(max=200, message=MAX_200)])
