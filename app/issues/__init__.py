"""Local issues (地域課題): post, find, discuss, support."""
from flask import Blueprint

bp = Blueprint("issues", __name__)
