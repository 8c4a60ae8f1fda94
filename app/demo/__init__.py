"""Demo data for development: clearly marked samples, loaded idempotently."""
from flask import Blueprint

bp = Blueprint("demo", __name__, cli_group=None)
