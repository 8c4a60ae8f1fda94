"""Private documents (規約 PDFs, receipts): stored outside static, served only to those allowed."""
from flask import Blueprint

bp = Blueprint("documents", __name__)
