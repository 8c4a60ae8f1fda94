"""flask send-digests: run once a day (cron / systemd timer) for users who chose a daily digest."""
import click

from app.extensions import db
from app.notifications import bp
from app.notifications.services import send_digests


@bp.cli.command("send-digests")
def send_digests_command():
    """Send the daily notification digests."""
    sent = send_digests()
    db.session.commit()
    click.echo(f"digests sent: {sent}")
