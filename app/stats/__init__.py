"""Statistics: a read model above the features (issues, workshops, grants, cases, referrals), never below them."""
from flask import Blueprint

bp = Blueprint("stats", __name__)
