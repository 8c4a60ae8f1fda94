"""The front page, health check, language switch and static information pages."""
from flask import Blueprint

bp = Blueprint("home", __name__)
