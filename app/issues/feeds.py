"""Other ways to read issues: the map, Atom feeds and CSV (public, anonymised)."""
import re
from datetime import timezone

from feedgen.feed import FeedGenerator
from flask import Response, current_app, jsonify, render_template, url_for

from app.centers.services import active_centers, get_center
from app.issues import bp, queries
from app.issues.lifecycle import OPEN, label
from app.util.export import csv_response
from app.util.http import int_arg
from app.util.time import to_jst, utcnow

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
    """Atom feed of new issues, overall or for one district (?center=ID), built by feedgen (valid for any text)."""
    center = get_center(int_arg("center", 0, 0))
    f = queries.IssueFilters(center=center.id if center else 0)
    page = queries.list_issues(f, per_page=30)
    return Response(atom_feed(page.items, center), mimetype="application/atom+xml")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _xml_text(value):
    """Text XML 1.0 can carry (old rows may predate the clean-on-save rule)."""
    return _NOT_XML.sub("", value or "")


def _aware(dt):
    return dt.replace(tzinfo=timezone.utc)


def atom_feed(issues, center=None):
    """The Atom XML (bytes) for these issues; feedgen escapes every field."""
    args = {"center": center.id} if center else {}
    fg = FeedGenerator()
    site = current_app.config["SITE_NAME"]
    fg.id(url_for("issues.feed", _external=True, **args))
    fg.title(_xml_text(f"{site}：{center.district + 'の' if center else ''}新しい地域課題"))
    fg.author({"name": site})
    fg.link(href=url_for("issues.feed", _external=True, **args), rel="self")
    fg.link(href=url_for("issues.index", _external=True, **args), rel="alternate", type="text/html")
    fg.language("ja")
    fg.updated(_aware(issues[0].created_at if issues else utcnow()))
    for issue in issues:
        url = url_for("issues.detail", issue_id=issue.id, _external=True)
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.title(_xml_text(issue.title))
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(_aware(issue.created_at))
        entry.updated(_aware(issue.updated_at))
        entry.category(term=_xml_text(issue.center.district))
        entry.summary(_xml_text(issue.body_html), type="html")
    return fg.atom_str(pretty=False)


@bp.route("/issues.csv")
def export_csv():
    """CSV of the filtered list (up to 10,000 rows), the same public fields as the API."""
    f = queries.IssueFilters.from_request()
    f.page = 1
    page = queries.list_issues(f, per_page=10_000)
    return csv_response([public_row(i) for i in page.items], CSV_FIELDS, "hiratsuka-issues.csv")
