"""Community centers (公民館) and their districts."""
from flask import Blueprint

bp = Blueprint("centers", __name__)
