"""flask seed-demo: sample centers, demo accounts and demo content."""
import click

from app.demo import bp
from app.demo.services import seed_all
from app.extensions import db


@bp.cli.command("seed-demo")
def seed_demo_command():
    """Load demo data (idempotent)."""
    counts = seed_all()
    db.session.commit()
    click.echo("demo data: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
