"""The city plan: 指針, 基本姿勢, 重点戦略 with measures and KPIs, 分野 and 分野別施策."""
from flask import Blueprint

bp = Blueprint("plan", __name__, cli_group=None)
