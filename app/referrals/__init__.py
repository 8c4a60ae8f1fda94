"""担当課 routing: a facilitator refers an issue to a department, which answers in its own name."""
from flask import Blueprint

bp = Blueprint("referrals", __name__)
