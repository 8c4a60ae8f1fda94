"""Small WTForms pieces shared by every feature's forms."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, ValidationError

from app.util.sanitize import clean_text


def strip_filter(value):
    return clean_text(value) if isinstance(value, str) else value


def multiline_filter(value):
    return clean_text(value, multiline=True) if isinstance(value, str) else value


class NoReservedWords:
    """Refuse names that would impersonate the city or a deleted account."""

    def __init__(self, words, message):
        self.words, self.message = words, message

    def __call__(self, form, field):
        if any(w in (field.data or "") for w in self.words):
            raise ValidationError(self.message)


class ActionForm(FlaskForm):
    """Which button of a POST was pressed (`action=…` / `step=…`), read through a form rather than request.form.

    CSRF is still checked for every POST by CSRFProtect; this form only reads the button's value."""

    class Meta:
        csrf = False

    action = HiddenField(filters=[strip_filter])
    step = HiddenField(filters=[strip_filter])
