"""市民活動推進補助金 (funded by the 協働のまちづくり基金): rounds, applications, review, award, reports."""
from flask import Blueprint

bp = Blueprint("grants", __name__)
