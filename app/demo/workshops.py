"""Demo workshops: one past with a published, tagged report (and an initiative), one upcoming with sign-ups,
one held but not yet written up. Keyed by title: idempotent."""
from datetime import timedelta

from app.accounts.models import Role, User
from app.extensions import db
from app.issues.models import Issue
from app.util.time import utcnow
from app.workshops import outputs as output_services
from app.workshops import services
from app.workshops.models import Workshop

PAST_OUTPUTS = [
    ("opinion", "朝7時半〜8時は抜け道の車が多く、スピードも出ている", "A", "G3 S4-1"),
    ("opinion", "見守りボランティアが高齢化していて、交代の人がいない", "A", "G3 P3-3"),
    ("idea", "交差点に「通学路」の路面表示とのぼり旗を増やす", "B", "G3 P4-3"),
    ("idea", "保護者と中学生が交代で旗当番をする仕組みをつくる", "B", "G3 S1-3"),
    ("agreement", "危ない場所を地図にして、学校・自治会・警察と共有する", "A", "G3 G4 P4-3 DX"),
    ("next_action", "通学路の「ひやりハット」地図を夏休み前までにつくる", "B", "G3 S4-1 DX"),
    ("next_action", "旗当番の交代表を自治会の回覧板とアプリで募集する", "A", "G3 P3-3"),
]
TALLIES = {0: {"A": (9, 1), "B": (7, 2)}, 2: {"A": (6, 3), "B": (8, 0)}, 4: {"A": (10, 0), "B": (9, 1)},
           5: {"A": (8, 1), "B": (9, 0)}, 6: {"A": (4, 5), "B": (6, 2)}}


def _issue(key):
    return db.session.execute(db.select(Issue).where(Issue.submission_key == f"demo:{key}")).scalar_one_or_none()


def _facilitator(center):
    return next((u for u in center.facilitators if u.role == Role.FACILITATOR.value), None)


def _exists(title):
    return db.session.execute(db.select(Workshop).where(Workshop.title == title)).scalar_one_or_none()


def seed_workshops(centers):
    """Create the demo workshops once; returns how many exist."""
    created = 0
    port = centers["港"]
    fac = _facilitator(port)
    if fac is None:
        return 0
    now = utcnow().replace(minute=0, second=0, microsecond=0)

    title = "港地区 通学路の安全を考えるワークショップ"
    if not _exists(title):
        issue = _issue("i001")
        start = now - timedelta(days=21, hours=now.hour - 1)  # 10:00 JST
        w = services.save_workshop(fac, None, {
            "title": title, "starts_at": start, "ends_at": start + timedelta(hours=2), "place": "港公民館 2階 大会議室",
            "description": "通学路の交差点について、保護者・自治会・学校の先生といっしょに話し合いました。",
            "capacity": 30, "co_hosts": "港小学校PTA、港地区自治会連合会", "center": port}, [issue] if issue else [])
        created_outputs = output_services.add_pasted(fac, w, "\n".join(o[1] for o in PAST_OUTPUTS))
        output_services.update_outputs(fac, w, [
            {"id": o.id, "kind": kind, "text": text, "group_label": group, "codes": codes}
            for o, (kind, text, group, codes) in zip(created_outputs, PAST_OUTPUTS)])
        output_services.set_tallies(fac, w, {(created_outputs[i].id, g): v for i, groups in TALLIES.items()
                                             for g, v in groups.items()})
        w.walk_in_count = 23  # held before sign-ups were online: everyone counted at the door
        output_services.publish_report(fac, w, "23人が参加し、2つのテーブルで話し合いました。\n\n"
                                               "危ない場所を地図にまとめること、旗当番を交代制にすることで合意しました。")
        db.session.flush()
        resident = db.session.execute(db.select(User).where(User.email == "u01@example.jp")).scalar_one_or_none()
        output_services.take_up(resident or fac, created_outputs[5], group_name="港地区 子ども見守り隊",
                                title="通学路ひやりハット地図づくり",
                                description="保護者と中学生で危ない場所を歩いて調べ、地図にして学校と自治会に配ります。")
        created += 1

    title = "港地区 通学路ひやりハット地図 まち歩き"
    if not _exists(title):
        start = now + timedelta(days=12, hours=(1 - now.hour) % 24)
        w = services.save_workshop(fac, None, {
            "title": title, "starts_at": start, "ends_at": start + timedelta(hours=2), "place": "港公民館 集合",
            "description": "前回のワークショップで決めた「ひやりハット地図」のために、通学路をいっしょに歩きます。\n\n"
                           "- 動きやすい服装でお越しください\n- 雨天時は公民館で地図の作業をします",
            "capacity": 15, "co_hosts": "港地区 子ども見守り隊", "center": port}, [])
        residents = db.session.execute(db.select(User).where(User.email.like("supporter%@example.jp"))
                                       .order_by(User.id)).scalars().all()
        for user in residents[:9]:
            services.register(user, w)
        created += 1

    kanme = centers["金目"]
    fac2 = _facilitator(kanme)
    title = "金目川の水辺を楽しむアイデア会議"
    if fac2 is not None and not _exists(title):
        start = now - timedelta(days=3, hours=(now.hour - 5) % 24)
        services.save_workshop(fac2, None, {
            "title": title, "starts_at": start, "ends_at": start + timedelta(hours=2), "place": "金目公民館 和室",
            "description": "金目川の土手や水辺を、子どもから高齢者まで楽しめる場所にするアイデアを出し合いました。",
            "capacity": 20, "co_hosts": "", "center": kanme}, [])
        created += 1
    return db.session.execute(db.select(db.func.count(Workshop.id))).scalar()
