"""Referral forms: refer (facilitator), reply / hand back / resolve (department)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.util.forms import multiline_filter


class ReferForm(FlaskForm):
    department = SelectField(_l("引き継ぐ担当課"), coerce=int, validate_choice=True,
                             validators=[DataRequired(_l("担当課を選んでください。"))])
    note = TextAreaField(_l("担当課へのメモ（職員だけが読みます）"), filters=[multiline_filter], render_kw={"rows": 4},
                         description=_l("例: 現地を確認済み。穴は直径30cmほど。通学路のため早めの対応をお願いします。"),
                         validators=[DataRequired(_l("担当課へのメモを書いてください。")),
                                     Length(max=2000, message=_l("2000文字以内で書いてください。"))])


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("担当課としての回答（公開されます）"), filters=[multiline_filter], render_kw={"rows": 5},
                         validators=[DataRequired(_l("回答を書いてください。")),
                                     Length(max=5000, message=_l("5000文字以内で書いてください。"))])


class HandBackForm(FlaskForm):
    note = TextAreaField(_l("公民館へのひとこと"), filters=[multiline_filter], render_kw={"rows": 2},
                         description=_l("例: 地区の清掃活動で対応できる内容のため、公民館にお戻しします。"),
                         validators=[DataRequired(_l("ひとことを書いてください。")),
                                     Length(max=500, message=_l("500文字以内で書いてください。"))])


class ResolveForm(FlaskForm):
    note = TextAreaField(_l("解決の内容（公開されます）"), filters=[multiline_filter], render_kw={"rows": 2},
                         description=_l("例: 12月5日に舗装を補修しました。"),
                         validators=[DataRequired(_l("解決の内容を書いてください。")),
                                     Length(max=500, message=_l("500文字以内で書いてください。"))])
