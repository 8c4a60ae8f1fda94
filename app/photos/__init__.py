"""Photos: checked, metadata-free images attached to issues, workshops, reports and cases."""
from flask import Blueprint

bp = Blueprint("photos", __name__)
