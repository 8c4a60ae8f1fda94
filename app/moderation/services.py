"""flag_content(): one flag per user per item; moderation actions come with the moderation capability."""
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.moderation.models import REASONS, Flag


class FlagError(Exception):
    pass


def flag_content(user, target_type, target_id, reason, note=""):
    """Record a flag; flagging the same item twice is refused politely."""
    if reason not in REASONS:
        raise FlagError("通報の理由を選んでください。")
    flag = Flag(target_type=target_type, target_id=target_id, user_id=user.id, reason=reason, note=note or "")
    try:
        with db.session.begin_nested():
            db.session.add(flag)
            db.session.flush()
    except IntegrityError:
        raise FlagError("この投稿はすでに通報済みです。ご協力ありがとうございます。")
    return flag
