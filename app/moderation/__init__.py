"""Flags (通報), moderation, and the facilitators' workspace (/facilitate)."""
from flask import Blueprint

bp = Blueprint("moderation", __name__)
