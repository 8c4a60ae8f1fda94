"""みんなのまちづくり事例: published case studies, shown beside the issues they resemble."""
from flask import Blueprint

bp = Blueprint("cases", __name__)
