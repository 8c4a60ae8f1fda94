"""Moderation and facilitation forms."""
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.util.forms import multiline_filter


class ReasonForm(FlaskForm):
    reason = TextAreaField("理由（公開されます）", filters=[multiline_filter], render_kw={"rows": 2},
                           validators=[DataRequired("理由を書いてください。"), Length(max=200, message="200文字以内で書いてください。")])


class OptionalReasonForm(FlaskForm):
    reason = TextAreaField("メモ（任意）", filters=[multiline_filter], render_kw={"rows": 2},
                           validators=[Length(max=200, message="200文字以内で書いてください。")])


class StatusForm(FlaskForm):
    to_status = SelectField("新しい状態", validate_choice=True)
    note = TextAreaField("住民へのひとこと（公開されます）", filters=[multiline_filter], render_kw={"rows": 3},
                         description="例: 次回の地域づくり懇談会（○月○日）でこの課題を話し合います。対象外の場合は、相談先を書いてください。",
                         validators=[DataRequired("変更の理由を短く書いてください（公開されます）。"), Length(max=500)])
    duplicate_of = IntegerField("まとめ先の投稿番号（重複のとき）", validators=[Optional(), NumberRange(min=1)],
                                description="投稿のURLの最後の数字です。共感とフォローがまとめ先に移ります。")


class TagsForm(FlaskForm):
    codes = SelectMultipleField("計画の項目", widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
                                validate_choice=True)


class RedactForm(FlaskForm):
    body = TextAreaField("個人情報を取り除いた本文", filters=[multiline_filter], render_kw={"rows": 8},
                         validators=[DataRequired("本文を入力してください。"), Length(max=5000)])
    reason = TextAreaField("編集の理由（記録されます）", filters=[multiline_filter], render_kw={"rows": 2},
                           validators=[DataRequired("理由を書いてください。"), Length(max=200)])


class SuspendForm(FlaskForm):
    days = IntegerField("停止する日数", default=7,
                        validators=[InputRequired("日数を入力してください。"), NumberRange(1, 365, "1〜365日で入力してください。")])
    reason = TextAreaField("理由（本人に伝わります）", filters=[multiline_filter], render_kw={"rows": 3},
                           validators=[DataRequired("理由を書いてください。"), Length(max=500)])
