"""Other ways to read issues: the map, Atom feeds and CSV (public, anonymised)."""
from flask import Response, current_app, jsonify, render_template, url_for

from app.centers.services import active_centers, get_center
from app.issues import bp, queries
from app.issues.lifecycle import OPEN, label
from app.util.export import csv_response
from app.util.http import int_arg
from app.util.time import to_jst

CSV_FIELDS = ["id", "title", "status", "center", "tags", "votes", "comments", "created_at", "url"]


def public_row(issue):
    """The public, anonymised fields of an issue (API, CSV): never the author or their contact."""
    return {
        "id": issue.id,
        "title": issue.title,
        "status": issue.status,
        "status_label": issue.status_label,
        "center": issue.center.name,
        "tags": [t.code for t in issue.tags],
        "votes": issue.vote_count,
        "comments": issue.comment_count,
        "created_at": to_jst(issue.created_at).isoformat(timespec="seconds"),
        "url": url_for("issues.detail", issue_id=issue.id, _external=True),
    }


@bp.route("/map")
def map_view():
    """All open issues as pins (clustered), filterable by district and status; a list without JavaScript."""
    f = queries.IssueFilters.from_request()
    return render_template("issues/map.html", f=f, centers=active_centers(), statuses=[s for s in OPEN],
                           label=label, points=queries.map_points(f, limit=200),
                           tile_url=current_app.config["MAP_TILE_URL"],
                           tile_attribution=current_app.config["MAP_TILE_ATTRIBUTION"],
                           map_center=current_app.config["MAP_CENTER"])


@bp.route("/map/points.json")
def map_points():
    """GeoJSON of the pins for the map script."""
    f = queries.IssueFilters.from_request()
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [row.lng, row.lat]},
        "properties": {"id": row.id, "title": row.title, "status": label(row.status), "votes": row.vote_count,
                       "url": url_for("issues.detail", issue_id=row.id)},
    } for row in queries.map_points(f)]
    return jsonify({"type": "FeatureCollection", "features": features})


@bp.route("/issues/feed.atom")
def feed():
    """Atom feed of new issues, overall or for one district (?center=ID)."""
    center = get_center(int_arg("center", 0, 0))
    f = queries.IssueFilters(center=center.id if center else 0)
    page = queries.list_issues(f, per_page=30)
    xml = render_template("issues/feed.atom", issues=page.items, center=center)
    return Response(xml, mimetype="application/atom+xml")


@bp.route("/issues.csv")
def export_csv():
    """CSV of the filtered list (up to 10,000 rows), the same public fields as the API."""
    f = queries.IssueFilters.from_request()
    f.page = 1
    page = queries.list_issues(f, per_page=10_000)
    return csv_response([public_row(i) for i in page.items], CSV_FIELDS, "hiratsuka-issues.csv")
