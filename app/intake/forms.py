"""代理受付 forms: all validation lives here. The issue fields are the issue form's own."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.centers.models import METHOD_CHOICES
from app.issues.forms import IssueForm
from app.util.forms import multiline_filter, strip_filter

CONTACT_HELP = _l("本人が希望した場合だけ。この公民館の職員にだけ表示され、公開・API・CSVには出ません。本人の希望でいつでも削除できます。")


class _ResidentFields:
    resident_name = StringField(_l("お名前（任意）"), filters=[strip_filter], description=CONTACT_HELP,
                                validators=[Length(max=100, message=_l("100文字以内にしてください。"))],
                                render_kw={"autocomplete": "off"})
    resident_contact = StringField(_l("連絡先（電話番号または住所・任意）"), filters=[strip_filter],
                                   description=_l("経過を電話などでお知らせするときに使います。"),
                                   validators=[Length(max=200, message=_l("200文字以内にしてください。"))],
                                   render_kw={"autocomplete": "off"})


class IntakeForm(_ResidentFields, IssueForm):
    """The issue form plus where and how it was heard; no photos, map pin or group byline."""

    intake_center = SelectField(_l("受け付けた公民館"), coerce=int, validate_choice=True)
    method = RadioField(_l("受付方法"), choices=METHOD_CHOICES, default="counter",
                        validators=[DataRequired(_l("受付方法を選んでください。"))])
    photos = kept_photos = None  # post_as, lat, lng stay unrendered (their defaults: own name, no pin)
    step = HiddenField()  # the pressed button: "submit" posts even when similar issues were shown
    support_issue = IntegerField(validators=[Optional()])  # the pressed 「共感として受け付ける」 button

    def __init__(self, *args, intake_centers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.intake_center.choices = [(c.id, c.name) for c in intake_centers]
        self.center.label.text = _("困りごとがある地区（公民館）")


class CallForm(FlaskForm):
    note = TextAreaField(_l("本人に伝えた内容"), filters=[multiline_filter], render_kw={"rows": 3},
                         description=_l("例: 「対話中」になったことを電話でお伝えしました。"),
                         validators=[DataRequired(_l("伝えた内容を短く書いてください。")),
                                     Length(max=1000, message=_l("1000文字以内にしてください。"))])


class ClaimForm(FlaskForm):
    code = StringField(_l("受付票のコード"), filters=[strip_filter],
                       description=_l("受付票に印刷されている12文字のコードです（例: ABCD-EFGH-JKMN）。ハイフンや空白はあってもなくてもかまいません。"),
                       validators=[DataRequired(_l("コードを入力してください。")),
                                   Length(max=40, message=_l("コードが長すぎます。受付票を確かめてください。"))],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})
