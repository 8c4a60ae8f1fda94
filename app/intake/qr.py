"""QR codes for receipts, drawn as inline SVG on the server (segno: pure Python, no image files)."""
import io

import segno
from markupsafe import Markup


def qr_svg(url, *, title):
    """An accessible inline <svg> encoding `url` (error correction M survives a crumpled receipt)."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="svg", scale=4, border=2, xmldecl=False,
                                                 svgns=True, title=title, svgclass="qr", lineclass=None,
                                                 omitsize=True)
    return Markup(out.getvalue().decode("utf-8").replace("<svg ", '<svg role="img" ', 1))
