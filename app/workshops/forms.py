"""Workshop forms; dates and times are entered in Japan time."""
from datetime import datetime, timezone

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.util.forms import multiline_filter, strip_filter
from app.util.time import JST
from app.workshops.models import OUTPUT_KINDS

REQUIRED = "入力してください。"


class WorkshopForm(FlaskForm):
    title = StringField("ワークショップの名前", filters=[strip_filter],
                        validators=[DataRequired(REQUIRED), Length(max=120, message="120文字以内にしてください。")])
    center = SelectField("公民館", coerce=int, validate_choice=True)
    date = DateField("日付", validators=[InputRequired("日付を入力してください。")])
    start_time = TimeField("開始時刻", validators=[InputRequired("開始時刻を入力してください。")])
    end_time = TimeField("終了時刻", validators=[InputRequired("終了時刻を入力してください。")])
    place = StringField("場所", filters=[strip_filter], description="例: 崇善公民館 2階 大会議室",
                        validators=[DataRequired(REQUIRED), Length(max=200)])
    description = TextAreaField("内容", filters=[multiline_filter], render_kw={"rows": 6},
                                description="何を話し合うか、どんな人に来てほしいか、持ち物など。",
                                validators=[Length(max=5000, message="5000文字以内にしてください。")])
    capacity = IntegerField("定員", default=20,
                            validators=[InputRequired("定員を入力してください。"), NumberRange(1, 1000, "1〜1000人で入力してください。")])
    co_hosts = StringField("共催・協力（団体・学校・企業など）", filters=[strip_filter],
                           validators=[Length(max=300, message="300文字以内にしてください。")])
    issues = SelectMultipleField("話し合う地域課題", coerce=int, validate_choice=True,
                                 description="選んだ課題は「ワークショップ」の状態になり、投稿者とフォローしている人に知らせます。")

    def validate_end_time(self, field):
        if self.start_time.data and field.data and field.data <= self.start_time.data:
            raise ValidationError("終了時刻は開始時刻より後にしてください。")

    def utc_range(self):
        """(starts_at, ends_at) as naive UTC from the Japan-time inputs."""
        def utc(t):
            local = datetime.combine(self.date.data, t, tzinfo=JST)
            return local.astimezone(timezone.utc).replace(tzinfo=None)
        return utc(self.start_time.data), utc(self.end_time.data)


class WalkInForm(FlaskForm):
    walk_in = IntegerField("当日参加（申し込みなし）の人数", validators=[InputRequired(REQUIRED), NumberRange(0, 5000)])


class PasteForm(FlaskForm):
    lines = TextAreaField("付せんの内容（1行に1件）", filters=[multiline_filter], render_kw={"rows": 10},
                          description="模造紙や付せんの内容を、1行に1件ずつ貼り付けてください。行頭の「・」「-」「1.」は取り除きます。",
                          validators=[DataRequired("貼り付ける内容を入力してください。")])
    kind = SelectField("種類", choices=list(OUTPUT_KINDS.items()), validate_choice=True)
    group_label = StringField("テーブル・グループ名（任意）", filters=[strip_filter], description="例: Aテーブル",
                              validators=[Length(max=40)])


class PublishForm(FlaskForm):
    summary = TextAreaField("報告のまとめ", filters=[multiline_filter], render_kw={"rows": 6},
                            description="当日の様子、話し合いの流れ、これからのこと。公開されます。",
                            validators=[DataRequired("まとめを書いてください。"), Length(max=5000)])


class CommentForm(FlaskForm):
    body = TextAreaField("コメント", filters=[multiline_filter], render_kw={"rows": 3},
                         validators=[DataRequired("コメントを入力してください。"), Length(max=2000, message="2000文字以内にしてください。")])


class TakeUpForm(FlaskForm):
    group_name = StringField("担う団体の名前", filters=[strip_filter], description="例: 崇善地区 子ども見守り隊",
                             validators=[DataRequired(REQUIRED), Length(max=100)])
    title = StringField("取組の名前", filters=[strip_filter], validators=[DataRequired(REQUIRED), Length(max=120)])
    description = TextAreaField("どのように進めるか", filters=[multiline_filter], render_kw={"rows": 5},
                                validators=[Optional(), Length(max=3000)])
