"""Issue, comment and flag forms: all validation lives here."""
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, FloatField, HiddenField, MultipleFileField, RadioField, SelectField, SelectMultipleField,
                     StringField, TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.centers.services import center_choices
from app.issues.queries import THEMES
from app.moderation.models import REASONS
from app.util.forms import multiline_filter, strip_filter

REQUIRED = _l("入力してください。")
MAX_PHOTOS = 4


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _in_hiratsuka(form, field):
    lat, lng = form.lat.data, form.lng.data
    if (lat is None) != (lng is None):
        raise ValidationError(_("地図の位置は、緯度と経度の両方が必要です。"))
    if lat is None:
        return
    south, west, north, east = current_app.config["HIRATSUKA_BOUNDS"]
    if not (south <= lat <= north and west <= lng <= east):
        raise ValidationError(_("地図の位置が平塚市の外になっています。平塚市内の場所を選んでください。"))


class IssueForm(FlaskForm):
    title = StringField(_l("タイトル"), filters=[strip_filter],
                        description=_l("困りごとを短く。例: 「〇〇交差点の信号が短く、お年寄りが渡りきれない」（80文字まで）"),
                        validators=[DataRequired(REQUIRED), Length(max=80, message=_l("タイトルは80文字以内にしてください。"))],
                        render_kw={"maxlength": 80})
    body = TextAreaField(_l("くわしい内容"), filters=[multiline_filter],
                         description=_l("いつ・どこで・どんなことに困っているか、どうなるとよいかを書いてください。"
                                        "お名前・住所・電話番号など個人が分かることは書かないでください。（5000文字まで）"),
                         validators=[DataRequired(REQUIRED),
                                     Length(min=10, max=5000, message=_l("10〜5000文字で書いてください。"))],
                         render_kw={"rows": 8})
    center = SelectField(_l("地区（公民館）"), coerce=int, validate_choice=True,
                         description=_l("困りごとがある場所の地区を選んでください。その地区の公民館の職員が担当します。"))
    themes = MultiCheckboxField(_l("テーマ（3つまで）"), choices=list(THEMES.items()), validate_choice=True,
                                description=_l("近いものを選んでください。公民館の職員が、あとで計画の項目に結びつけます。"))
    lat = FloatField(_l("緯度"), validators=[Optional(), NumberRange(-90, 90, _l("緯度の値が正しくありません。")), _in_hiratsuka])
    lng = FloatField(_l("経度"), validators=[Optional(), NumberRange(-180, 180, _l("経度の値が正しくありません。"))])
    photos = MultipleFileField(_l("写真（4枚まで・任意）"),
                               description=_l("JPEG・PNG・WebP、1枚8MBまで。位置情報などのデータ（Exif）は自動で削除されます。"
                                              "人の顔や車のナンバーが写らないようにしてください。"),
                               render_kw={"accept": "image/jpeg,image/png,image/webp"})
    kept_photos = HiddenField()
    submission_key = HiddenField()
    post_as = SelectField(_l("投稿者として表示する名前"), coerce=int, validate_choice=True, default=0,
                          description=_l("所属している団体として投稿することもできます。"))

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.center.choices = center_choices(blank=_("選んでください"))
        self.post_as.choices = [(0, _("自分の表示名で"))] + [(g.id, g.name) for g in groups]

    def validate_center(self, field):
        if not field.data:
            raise ValidationError(_("地区を選んでください。"))

    def validate_themes(self, field):
        if len(field.data or []) > 3:
            raise ValidationError(_("テーマは3つまで選べます。"))

    def uploaded_files(self):
        return [f for f in (self.photos.data or []) if getattr(f, "filename", "")]

    def kept_tokens(self):
        return [t for t in (self.kept_photos.data or "").split(",") if t][:MAX_PHOTOS]


class CommentForm(FlaskForm):
    body = TextAreaField(_l("コメント"), filters=[multiline_filter],
                         validators=[DataRequired(_l("コメントを入力してください。")),
                                     Length(max=2000, message=_l("コメントは2000文字以内にしてください。"))],
                         render_kw={"rows": 4})
    parent_id = HiddenField()
    official = BooleanField(_l("公民館の公式回答として投稿する"),
                            description=_l("公民館の名前で表示されます（あなたの名前は表示されません）。"))


class StatusNoteForm(FlaskForm):
    note = TextAreaField(_l("理由（公開されます）"), filters=[multiline_filter],
                         validators=[DataRequired(_l("理由を短く書いてください。")), Length(max=500)], render_kw={"rows": 3})


class FlagForm(FlaskForm):
    reason = RadioField(_l("通報の理由"), choices=list(REASONS.items()),
                        validators=[DataRequired(_l("通報の理由を選んでください。"))])
    note = TextAreaField(_l("くわしく（任意・公開されません）"), filters=[multiline_filter],
                         validators=[Length(max=500, message=_l("500文字以内で書いてください。"))], render_kw={"rows": 3})
