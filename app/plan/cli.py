"""flask load-plan: (re)load the city plan from its data file."""
import click
from flask import current_app

from app.extensions import db
from app.plan import bp
from app.plan.services import load_plan, read_plan_file


@bp.cli.command("load-plan")
@click.option("--file", "path", default=None, help="plan.yaml (default: the repository's)")
def load_plan_command(path):
    """Insert or update the plan; safe to run again."""
    data = read_plan_file(path or current_app.config["PLAN_DATA_FILE"])
    load_plan(data)
    db.session.commit()
    n_kpis = sum(len(s.get("kpis", [])) + sum(len(m.get("kpis", [])) for m in s["measures"]) for s in data["strategies"])
    click.echo(f"plan loaded: {len(data['guidelines'])} guidelines, {len(data['strategies'])} strategies, "
               f"{sum(len(f['policies']) for f in data['fields'])} policies, {n_kpis} KPIs")
