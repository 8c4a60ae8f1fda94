"""Accounts: registration, confirmation, login, profile, roles."""
from flask import Blueprint

bp = Blueprint("accounts", __name__, cli_group=None)
