"""The project's one sanitiser: a small Markdown subset to safe HTML, and plain-text cleaning.

Everything users write passes through here when saved; templates mark only
fields produced by `render_markdown` as safe.
"""
import re
import unicodedata

import bleach
from markdown_it import MarkdownIt

ALLOWED_TAGS = ["p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a", "code"]
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = ["http", "https", "mailto"]

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
    .disable(["image", "heading", "lheading", "table", "code", "fence", "hr", "reference", "html_block", "html_inline"], ignoreInvalid=True)
)

# Control characters except tab/newline, and bidirectional overrides that can disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def clean_text(value, *, multiline=False):
    """Normalise a plain-text field: NFC, no control/bidi-override chars, trimmed."""
    if value is None:
        return ""
    value = unicodedata.normalize("NFC", str(value))
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    if not multiline:
        value = " ".join(value.split())
    return value.strip()


def _nofollow(attrs, new=False):
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


def render_markdown(text):
    """Markdown subset (paragraphs, lists, emphasis, links, quotes) to sanitised HTML."""
    html = _md.render(clean_text(text, multiline=True))
    html = bleach.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                        protocols=ALLOWED_PROTOCOLS, strip=True)
    return bleach.linkify(html, callbacks=[_nofollow], skip_tags=["code"]).strip()
