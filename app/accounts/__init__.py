"""Accounts: registration, confirmation, login, profile, roles."""
from flask import Blueprint

bp = Blueprint("accounts", __name__, cli_group=None)

from app.accounts import routes, admin_routes, cli  # noqa: E402,F401
