"""First admin from the command line; configuration rules."""
import pytest

from app.accounts.models import User
from app.extensions import db
from tests.factories import make_center


def test_create_user_makes_a_confirmed_admin(runner):
    result = runner.invoke(args=["create-user", "--email", "Admin@City.example.jp", "--name", "管理者",
                                 "--role", "admin", "--password", "a-long-password"])
    assert result.exit_code == 0, result.output
    user = db.session.execute(db.select(User)).scalar_one()
    assert (user.email, user.role, user.is_confirmed) == ("admin@city.example.jp", "admin", True)
    assert user.check_password("a-long-password")


def test_create_facilitator_needs_a_center(runner):
    result = runner.invoke(args=["create-user", "--email", "f@example.jp", "--name", "伴走", "--role", "facilitator",
                                 "--password", "a-long-password"])
    assert result.exit_code != 0 and "--center" in result.output
    make_center(name="金目公民館")
    result = runner.invoke(args=["create-user", "--email", "f@example.jp", "--name", "伴走", "--role", "facilitator",
                                 "--center", "金目公民館", "--password", "a-long-password"])
    assert result.exit_code == 0, result.output
    assert [c.name for c in db.session.execute(db.select(User)).scalar_one().centers] == ["金目公民館"]


def test_create_user_refuses_short_passwords_and_duplicates(runner):
    assert runner.invoke(args=["create-user", "--email", "a@example.jp", "--name", "A", "--password", "short"]).exit_code != 0
    runner.invoke(args=["create-user", "--email", "a@example.jp", "--name", "A", "--password", "long-enough-pw"])
    again = runner.invoke(args=["create-user", "--email", "a@example.jp", "--name", "A", "--password", "long-enough-pw"])
    assert again.exit_code != 0 and "既に登録されています" in again.output


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    from config import ProductionConfig
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://x@localhost/x")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        ProductionConfig()


def test_development_generates_a_secret_key_once(monkeypatch, tmp_path):
    import config
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.Config().SECRET_KEY
    assert len(first) >= 64 and (tmp_path / "secret_key").read_text() == first
    assert config.Config().SECRET_KEY == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_demo_seed_is_idempotent_and_marks_samples(runner):
    from app.centers.models import Center
    from app.issues.models import Comment, Issue, Vote
    count = lambda model: db.session.execute(db.select(db.func.count()).select_from(model)).scalar()  # noqa: E731
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    first = [count(m) for m in (Center, User, Issue, Vote, Comment)]
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert [count(m) for m in (Center, User, Issue, Vote, Comment)] == first
    centers = db.session.execute(db.select(Center)).scalars().all()
    assert len(centers) == 26 and all(c.is_sample for c in centers)
    assert first[2] >= 60 and first[3] > 300 and first[4] > 150
    # every denormalised counter equals its rows
    for issue in db.session.execute(db.select(Issue)).scalars():
        assert issue.vote_count == db.session.execute(
            db.select(db.func.count(Vote.id)).where(Vote.issue_id == issue.id)).scalar()
