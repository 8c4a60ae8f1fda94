"""Append-only audit log of every moderation, role and grant decision."""
from flask import Blueprint

bp = Blueprint("audit", __name__)
