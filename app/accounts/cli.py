"""flask create-user: the way to make the first admin."""
import click
from flask import current_app

from app.accounts import bp, services
from app.accounts.models import Role
from app.centers.models import Center
from app.extensions import db


@bp.cli.command("create-user")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True, help="表示名")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.RESIDENT.value)
@click.option("--center", "center_names", multiple=True, help="伴走者の担当公民館名（複数可）")
@click.password_option()
def create_user_command(email, display_name, role, center_names, password):
    """Create a confirmed account with the given role."""
    if len(password) < current_app.config["PASSWORD_MIN_LENGTH"]:
        raise click.ClickException(f"パスワードは{current_app.config['PASSWORD_MIN_LENGTH']}文字以上にしてください。")
    centers = []
    for name in center_names:
        center = db.session.execute(db.select(Center).where(Center.name == name)).scalar_one_or_none()
        if center is None:
            raise click.ClickException(f"公民館「{name}」が見つかりません。")
        centers.append(center)
    if role == Role.FACILITATOR.value and not centers:
        raise click.ClickException("伴走者には --center で担当公民館を指定してください。")
    try:
        user = services.create_user(email, display_name, password, role=role, centers=centers)
    except services.AccountError as exc:
        raise click.ClickException(str(exc))
    db.session.commit()
    click.echo(f"created user {user.id} <{user.email}> role={user.role}")
