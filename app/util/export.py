"""CSV exports that open cleanly in Excel and cannot smuggle spreadsheet formulas."""
import csv
import io

from flask import Response


def csv_safe(value):
    """Neutralise spreadsheet formulas (CSV injection) in text cells."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_response(rows, fields, filename):
    """rows: dicts; lists become space-separated; a BOM so Excel reads UTF-8 Japanese."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: " ".join(map(str, v)) if isinstance(v, list) else csv_safe(v) for k, v in row.items()})
    return Response(out.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={filename}"})
