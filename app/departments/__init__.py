"""担当課 (city departments): data staff maintain — name, contact page, what they handle — and their staff."""
from flask import Blueprint

bp = Blueprint("departments", __name__)
