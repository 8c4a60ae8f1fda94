"""Workshops at the 公民館: sign-ups, recorded outputs tagged to the plan, reports and initiatives."""
from flask import Blueprint

bp = Blueprint("workshops", __name__)
