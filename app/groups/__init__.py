"""Community groups (市民活動団体・地域活動団体): members, invitations, verification."""
from flask import Blueprint

bp = Blueprint("groups", __name__)
