"""Public grant pages: rounds with their state, one round, and the published awards."""
from flask import abort, render_template
from flask_login import current_user
from sqlalchemy.orm import contains_eager, joinedload

from app.extensions import db
from app.grants import bp
from app.grants.models import ROUND_STATES, GrantApplication, GrantRound
from app.groups.services import groups_of
from app.util.time import utcnow


@bp.route("/grants")
def index():
    """Every round with its state (募集前・募集中・審査中・結果公表)."""
    rounds = db.session.execute(db.select(GrantRound).order_by(GrantRound.fiscal_year.desc(), GrantRound.course)).scalars().all()
    return render_template("grants/index.html", rounds=rounds, now=utcnow(), states=ROUND_STATES)


@bp.route("/grants/rounds/<int:round_id>")
def round_detail(round_id):
    """A round: guidelines, amounts, dates, how to apply; the awards once results are published."""
    round_ = db.session.get(GrantRound, round_id) or abort(404)
    awards = awarded(round_) if round_.results_published_at else []
    return render_template("grants/round.html", r=round_, state=round_.state(utcnow()), states=ROUND_STATES,
                           awards=awards, my_groups=groups_of(current_user, owner_only=True))


def awarded(round_=None):
    stmt = db.select(GrantApplication).join(GrantRound).where(
        GrantApplication.status == "awarded", GrantRound.results_published_at.is_not(None))
    if round_ is not None:
        stmt = stmt.where(GrantApplication.round_id == round_.id)
    stmt = stmt.options(contains_eager(GrantApplication.round), joinedload(GrantApplication.group))
    return db.session.execute(stmt.order_by(GrantRound.fiscal_year.desc(), GrantApplication.id)).unique().scalars().all()


@bp.route("/grants/awards")
def awards():
    """Every published award with its amount."""
    return render_template("grants/awards.html", awards=awarded())
