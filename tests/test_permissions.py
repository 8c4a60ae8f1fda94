"""Every registered route, tried with every role.

Adding a route without adding it here fails `test_every_route_is_in_the_table`,
so no page can ship without a decision about who may see it.
"""
import pytest

from app.accounts.models import Role
from tests.conftest import Auth
from app.extensions import db
from tests.factories import (make_application, make_case, make_center, make_comment, make_department, make_group,
                             make_initiative, make_issue, make_photo, make_referral, make_user, make_workshop)

ROLES = ["anonymous", "resident", "facilitator", "reviewer", "department", "staff", "admin"]

PUBLIC = {r: 200 for r in ROLES}
LOGGED_IN = {**{r: 200 for r in ROLES}, "anonymous": 302}
STAFF_ONLY = {"anonymous": 302, "resident": 403, "facilitator": 403, "reviewer": 403, "department": 403, "staff": 200,
              "admin": 200}
FACILITATOR_OR_STAFF = {**STAFF_ONLY, "facilitator": 200}
NOBODY_BUT_OWNERS = {**{r: 403 for r in ROLES}, "anonymous": 302}  # none of the test roles owns the group
GUEST_ONLY = {**{r: 302 for r in ROLES}, "anonymous": 200}  # logged-in users are sent on

# endpoint -> (path template, expected GET status per role); None = not a GET route (see POST table)
GET_TABLE = {
    "home.index": ("/", PUBLIC),
    "home.healthz": ("/healthz", PUBLIC),
    "home.about": ("/about", PUBLIC),
    "home.privacy": ("/privacy", PUBLIC),
    "home.terms": ("/terms", PUBLIC),
    "issues.index": ("/issues", PUBLIC),
    "issues.map_view": ("/map", PUBLIC),
    "issues.map_points": ("/map/points.json", PUBLIC),
    "issues.feed": ("/issues/feed.atom", PUBLIC),
    "issues.export_csv": ("/issues.csv", PUBLIC),
    "issues.detail": ("/issues/{issue_id}", PUBLIC),
    "issues.new": ("/issues/new", {**LOGGED_IN, "anonymous": 302}),
    "issues.edit": ("/issues/{own_issue_id}/edit", {**STAFF_ONLY, "resident": 200, "staff": 403, "admin": 403}),
    "issues.edit_comment": ("/comments/{own_comment_id}/edit",
                            {**STAFF_ONLY, "resident": 200, "staff": 403, "admin": 403}),
    "issues.flag": ("/issues/{issue_id}/flag", LOGGED_IN),
    "issues.flag_comment": ("/comments/{comment_id}/flag", LOGGED_IN),
    "api.issues": ("/api/v1/issues", PUBLIC),
    "api.issue": ("/api/v1/issues/{issue_id}", PUBLIC),
    "notifications.index": ("/notifications", LOGGED_IN),
    "accounts.notification_settings": ("/account/notifications", LOGGED_IN),
    "notifications.settings": ("/account/notifications/channels", LOGGED_IN),
    "notifications.open_": ("/notifications/999999", {**{r: 404 for r in ROLES}, "anonymous": 302}),  # only one's own
    "notifications.deliveries": ("/admin/deliveries", STAFF_ONLY),
    "moderation.workspace": ("/facilitate", FACILITATOR_OR_STAFF),
    "moderation.redact": ("/moderation/issues/{issue_id}/redact", FACILITATOR_OR_STAFF),
    "moderation.tags": ("/facilitate/issues/{issue_id}/tags", FACILITATOR_OR_STAFF),
    "moderation.suspend": ("/admin/users/{resident_id}/suspend", STAFF_ONLY),
    "photos.photo_file": ("/media/photos/{photo_name}", PUBLIC),
    "workshops.index": ("/workshops", PUBLIC),
    "workshops.detail": ("/workshops/{workshop_id}", PUBLIC),
    "workshops.ics": ("/workshops/{workshop_id}.ics", PUBLIC),
    "workshops.center_ics": ("/centers/{center_id}/workshops.ics", PUBLIC),
    "workshops.edit": ("/workshops/{workshop_id}/edit", FACILITATOR_OR_STAFF),
    "workshops.participants": ("/workshops/{workshop_id}/participants", FACILITATOR_OR_STAFF),
    "workshops.record_outputs": ("/workshops/{workshop_id}/outputs", FACILITATOR_OR_STAFF),
    "workshops.tallies": ("/workshops/{workshop_id}/tallies", FACILITATOR_OR_STAFF),
    "workshops.report": ("/workshops/{published_id}/report", PUBLIC),
    "workshops.take_up": ("/workshops/outputs/{action_id}/take-up", LOGGED_IN),
    "workshops.initiative": ("/initiatives/{initiative_id}", PUBLIC),
    "workshops.outputs_csv": ("/workshops/outputs.csv", PUBLIC),
    "groups.index": ("/groups", PUBLIC),
    "groups.detail": ("/groups/{group_id}", PUBLIC),
    "groups.edit": ("/groups/new", LOGGED_IN),
    "groups.members": ("/groups/{group_id}/members", STAFF_ONLY),  # and the group's owners
    "groups.accept": ("/groups/join/some-token", LOGGED_IN),
    "documents.download": ("/documents/{document_token}", {**STAFF_ONLY, "reviewer": 200}),
    "grants.index": ("/grants", PUBLIC),
    "grants.awards": ("/grants/awards", PUBLIC),
    "grants.round_detail": ("/grants/rounds/{round_id}", PUBLIC),
    "grants.admin": ("/grants/admin", STAFF_ONLY),
    "grants.edit_round": ("/grants/admin/rounds/new", STAFF_ONLY),
    "grants.manage_round": ("/grants/admin/rounds/{round_id}", STAFF_ONLY),
    "grants.review_report": ("/grants/admin/reports/{report_id}", STAFF_ONLY),
    "grants.application": ("/grants/applications/{application_id}", {**STAFF_ONLY, "reviewer": 200}),  # assigned
    "grants.edit_application": ("/grants/applications/{application_id}/edit", NOBODY_BUT_OWNERS),
    "grants.report": ("/grants/applications/{application_id}/report", NOBODY_BUT_OWNERS),
    "grants.reviews": ("/grants/reviews", {**STAFF_ONLY, "reviewer": 200}),
    "grants.review": ("/grants/reviews/{review_id}", {**NOBODY_BUT_OWNERS, "reviewer": 200}),
    "cases.index": ("/cases", PUBLIC),
    "cases.detail": ("/cases/{case_id}", PUBLIC),
    "cases.edit": ("/cases/new", STAFF_ONLY),
    "api.cases": ("/api/v1/cases", PUBLIC),
    "api.grant_awards": ("/api/v1/grants/awards", PUBLIC),
    "plan.coverage": ("/plan/coverage", PUBLIC),
    "plan.coverage_items": ("/plan/coverage/items?kind=issues&g=G3", PUBLIC),
    "api.workshops": ("/api/v1/workshops", PUBLIC),
    "api.workshop": ("/api/v1/workshops/{workshop_id}", PUBLIC),
    "plan.index": ("/plan/", PUBLIC),
    "plan.strategy": ("/plan/strategies/S2", PUBLIC),
    "plan.field": ("/plan/fields/F1", PUBLIC),
    "api.plan": ("/api/v1/plan", PUBLIC),
    "centers.index": ("/centers/", PUBLIC),
    "centers.admin_index": ("/centers/admin", STAFF_ONLY),
    "centers.admin_edit": ("/centers/admin/{center_id}", STAFF_ONLY),
    "accounts.register": ("/register", GUEST_ONLY),
    "accounts.login": ("/login", GUEST_ONLY),
    "accounts.confirm_email": ("/confirm/not-a-token", {r: 302 for r in ROLES}),
    "accounts.forgot_password": ("/password/forgot", PUBLIC),
    "accounts.reset_password": ("/password/reset/not-a-token", {r: 302 for r in ROLES}),
    "accounts.profile": ("/account", LOGGED_IN),
    "accounts.change_password": ("/account/password", LOGGED_IN),
    "accounts.export": ("/account/export", LOGGED_IN),
    "accounts.delete_account": ("/account/delete", LOGGED_IN),
    "accounts.admin_users": ("/admin/users", STAFF_ONLY),
    "accounts.admin_user": ("/admin/users/{resident_id}", STAFF_ONLY),
    "audit.index": ("/admin/audit/", STAFF_ONLY),
    "departments.index": ("/departments", PUBLIC),
    "departments.admin_index": ("/admin/departments", STAFF_ONLY),
    "departments.admin_edit": ("/admin/departments/{department_id}", STAFF_ONLY),
    "referrals.refer": ("/facilitate/issues/{issue_id}/refer", FACILITATOR_OR_STAFF),  # the center's facilitators
    "referrals.queue": ("/department", {**STAFF_ONLY, "department": 200}),
    "referrals.detail": ("/referrals/{referral_id}", {**FACILITATOR_OR_STAFF, "department": 200}),  # its department
    "plan.kpi_admin": ("/plan/kpis", STAFF_ONLY),
    "plan.kpi_detail": ("/plan/kpis/S1-K1", STAFF_ONLY),
    "plan.correct_actual": ("/plan/kpis/actuals/{actual_id}/correct", STAFF_ONLY),
    "stats.public": ("/stats", PUBLIC),
    "stats.staff": ("/stats/staff", FACILITATOR_OR_STAFF),
    "api.plan_kpis": ("/api/v1/plan/kpis", PUBLIC),
    "intake.index": ("/facilitate/intake", FACILITATOR_OR_STAFF),
    "intake.new": ("/facilitate/intake/new", FACILITATOR_OR_STAFF),
    "intake.blank_form": ("/facilitate/intake/form", FACILITATOR_OR_STAFF),
    "intake.detail": ("/facilitate/intake/{intake_id}", FACILITATOR_OR_STAFF),
    "intake.receipt": ("/facilitate/intake/{intake_id}/receipt", FACILITATOR_OR_STAFF),
    "intake.short": ("/i/{issue_id}", {r: 301 for r in ROLES}),
    "intake.claim": ("/claim", LOGGED_IN),
}
POST_ONLY = {"home.set_language", "home.set_text_size", "accounts.logout", "accounts.resend_confirmation", "issues.withdraw", "issues.vote",
             "issues.comment", "issues.delete_comment", "issues.follow", "notifications.mark_read",
             "moderation.hide", "moderation.restore", "moderation.dismiss", "moderation.status", "moderation.approve",
             "workshops.register", "workshops.publish", "workshops.vote_output", "workshops.comment_output",
             "grants.assign", "grants.decide", "grants.publish_results", "grants.return_application", "grants.start",
             "groups.verify", "referrals.reply", "referrals.hand_back", "referrals.resolve", "plan.add_actual",
             "plan.link_kpi", "intake.reissue", "intake.log_call", "intake.erase", "intake.add_guest",
             "intake.cancel_guest", "notifications.follow_area", "notifications.unfollow_area",
             "notifications.line_code", "notifications.line_unlink", "notifications.line_webhook", "notifications.retry"}


@pytest.fixture
def world():
    center = make_center()
    department = make_department()
    users = {
        "resident": make_user(Role.RESIDENT.value),
        "facilitator": make_user(Role.FACILITATOR.value, centers=[center]),
        "reviewer": make_user(Role.REVIEWER.value),
        "department": make_user(Role.DEPARTMENT.value, departments=[department]),
        "staff": make_user(Role.STAFF.value),
        "admin": make_user(Role.ADMIN.value),
    }
    target = make_user(Role.RESIDENT.value)
    issue = make_issue(author=target, center=center)
    own_issue = make_issue(author=users["resident"], center=center)
    own_comment = make_comment(issue, author=users["resident"])
    comment = make_comment(issue, author=target)
    photo = make_photo(issue, owner=target)
    workshop = make_workshop(center=center)
    published = make_workshop(center=center, outputs=[("next_action", "見守りの当番表を作る", "G3")], publish=True)
    initiative = make_initiative(published.outputs[0])
    group = make_group(owner=target)
    application = make_application(group)
    from app.grants.services import assign_reviewer
    from app.grants.models import GrantReport
    review = assign_reviewer(users["staff"], application, users["reviewer"])
    report = GrantReport(application=application, status="submitted", activities="活動")
    db.session.add(report)
    db.session.commit()
    case = make_case()
    referral = make_referral(issue, department, users["facilitator"])
    from datetime import date
    from app.plan.actuals import get_kpi, record_actual
    actual = record_actual(users["staff"], get_kpi("S1-K1"), fiscal_year=2024, value="4", as_of=date(2024, 4, 1),
                           source_note="")
    from app.intake.services import take_issue
    intake, _code = take_issue(users["facilitator"], center=center, method="counter", title="窓口で聞いた困りごと",
                               body="公園の街灯が切れていて夜が暗いです。", district=center)
    db.session.commit()
    return {"department_id": department.id, "referral_id": referral.id, "actual_id": actual.id,
            "intake_id": intake.id, "center_id": center.id, "resident_id": target.id, "users": users, "issue_id": issue.id,
            "own_issue_id": own_issue.id, "own_comment_id": own_comment.id, "comment_id": comment.id, "photo_name": photo.thumb_filename,
            "workshop_id": workshop.id, "published_id": published.id, "action_id": published.outputs[0].id,
            "initiative_id": initiative.id, "group_id": group.id, "round_id": application.round_id,
            "application_id": application.id, "document_token": application.rules_document.token,
            "review_id": review.id, "report_id": report.id, "case_id": case.id}


def test_every_route_is_in_the_table(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint != "static"}
    assert endpoints - set(GET_TABLE) - POST_ONLY == set()
    assert set(GET_TABLE) | POST_ONLY <= endpoints


@pytest.mark.parametrize("role", ROLES)
def test_get_routes_allow_and_deny_by_role(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        Auth(client).login(world["users"][role])
    failures = []
    for endpoint, (template, expected) in GET_TABLE.items():
        path = template.format(**world)
        status = client.get(path).status_code
        if status != expected[role]:
            failures.append(f"{endpoint} {path}: {status}, expected {expected[role]}")
    assert failures == []


@pytest.mark.parametrize("role", ["resident", "facilitator", "reviewer", "department"])
def test_non_staff_cannot_post_to_staff_routes(app, world, role):
    client = app.test_client()
    Auth(client).login(world["users"][role])
    assert client.post(f"/admin/users/{world['resident_id']}", data={"role": "admin"}).status_code == 403
    assert client.post("/centers/admin/new", data={"name": "乗っ取り", "district": "x"}).status_code == 403


def test_staff_cannot_make_admins_or_change_admins(app, world):
    client = app.test_client()
    Auth(client).login(world["users"]["staff"])
    response = client.post(f"/admin/users/{world['resident_id']}", data={"role": "admin"})
    assert "この役割を付与する権限がありません。" in response.get_data(as_text=True)
    assert client.get(f"/admin/users/{world['users']['admin'].id}").status_code == 403
    assert client.get(f"/admin/users/{world['users']['staff'].id}").status_code == 403  # not yourself


@pytest.mark.parametrize("role", ["anonymous", "resident", "facilitator", "reviewer", "department"])
def test_only_staff_post_kpi_actuals_and_links(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        Auth(client).login(world["users"][role])
    expected = 302 if role == "anonymous" else 403
    assert client.post("/plan/kpis/S1-K1/actuals", data={"fiscal_year": 2025, "value": "1",
                                                          "as_of": "2025-04-01"}).status_code == expected
    assert client.post("/plan/kpis/S1-K1/link", data={"measure": "workshops_held"}).status_code == expected
    assert client.post(f"/plan/kpis/actuals/{world['actual_id']}/correct",
                       data={"value": "1", "as_of": "2025-04-01", "reason": "x"}).status_code == expected


@pytest.mark.parametrize("role", ["anonymous", "resident", "facilitator", "reviewer"])
def test_only_the_department_and_staff_post_referral_answers(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        Auth(client).login(world["users"][role])
    expected = 302 if role == "anonymous" else 403
    rid = world["referral_id"]
    assert client.post(f"/referrals/{rid}/reply", data={"body": "x"}).status_code == expected
    assert client.post(f"/referrals/{rid}/return", data={"back-note": "x"}).status_code == expected
    assert client.post(f"/referrals/{rid}/resolve", data={"resolve-note": "x"}).status_code == expected


@pytest.mark.parametrize("role", ["anonymous", "resident", "reviewer", "department"])
def test_only_the_centers_facilitators_and_staff_post_a_referral(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        Auth(client).login(world["users"][role])
    response = client.post(f"/facilitate/issues/{world['issue_id']}/refer",
                           data={"department": world["department_id"], "note": "x"})
    assert response.status_code == (302 if role == "anonymous" else 403)
