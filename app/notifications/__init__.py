"""In-app notifications (and their e-mail copies through app.mail)."""
from flask import Blueprint

bp = Blueprint("notifications", __name__, cli_group=None)
