"""The one normaliser for Japanese search text and queries, its index tokens, and highlighted snippets.

`normalise(text)` is applied to every indexed text and to every query, so both sides always agree:

1. Unpaired surrogates are dropped (they cannot be stored or encoded), NFKC is applied: full-width
   ＬＥＤ/１２３ → LED/123, half-width ｶﾞｲﾄｳ → ガイトウ, ㈱ → (株), the ideographic space → a space.
2. Case is folded with `str.casefold()` (LED → led, Straße → strasse), then NFKC once more, so that
   normalising twice changes nothing.
3. カタカナ → ひらがな (ゴミ → ごみ, ヴ → ゔ, ヽヾ → ゝゞ), so ごみ, ゴミ and ｺﾞﾐ are one word.
4. Small kana stay small (っ≠つ, ゃ≠や), because they change the word: びょういん (病院) is not
   びよういん (美容院). The one exception is the counter ヶ/ヵ (3ヶ所, 3カ所, 3か所): small ヵ ヶ ゕ ゖ → か.
5. Long vowel mark: ー is kept (らーめん ≠ らめん). A hyphen or dash typed right after a kana or ー
   (カ-ブ, カ−ブ, カ―ブ) becomes ー. In a *query*, a trailing ー is dropped from terms of four or
   more characters, so コンピューター also finds コンピュータ (the other way round already matches:
   search is substring search).

Tokens (see app/issues/search.py for why): every character (unigram) and every pair of adjacent
characters (bigram) inside a run of non-space characters. A token made only of letters and digits
is used as it is; any other token is written as `x` + hex code points, so no character typed by a
resident ever reaches FTS5 or tsquery syntax.
"""
import re
import unicodedata

from markupsafe import Markup, escape

_SURROGATES = re.compile(r"[\ud800-\udfff]")
_KANA = {c: c - 0x60 for c in range(0x30A1, 0x30F5)}  # ァ..ヴ → ぁ..ゔ
_KANA.update({0x30F5: "か", 0x30F6: "か", 0x3095: "か", 0x3096: "か", 0x30FD: 0x309D, 0x30FE: 0x309E})
_DASH_AFTER_KANA = re.compile(r"(?<=[\u3041-\u309f\u30fc])[-\u2010-\u2015\u2212\u2500\u2501]")
_SPACE = re.compile(r"\s+")
# A character and the marks that compose with it (combining marks, half-width voiced marks).
_CLUSTER = re.compile(r".[\u0300-\u036f\u3099\u309a\uff9e\uff9f\u20d0-\u20ff\ufe20-\ufe2f]*", re.S)
MAX_TOKENS_PER_TERM = 10


def normalise(text):
    """Text or query in the one searchable form (rules in the module docstring)."""
    return _DASH_AFTER_KANA.sub("ー", _fold(_SURROGATES.sub("", text or "")))


def _fold(text):
    # NFKC again after casefold: folding can leave sequences NFKC composes, and the index needs
    # normalise(normalise(x)) == normalise(x) (SQLite recomputes a row's tokens from its text to delete it).
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold()).translate(_KANA)


def query_terms(query, max_terms=5, max_length=100):
    """The normalised, distinct whitespace-separated terms of a query (at most `max_terms`)."""
    out = []
    for term in _SPACE.split(normalise((query or "")[:max_length])):
        if len(term) >= 4 and term.endswith("ー"):
            term = term.rstrip("ー")
        if term and term not in out:
            out.append(term)
    return out[:max_terms]


def _token(chars):
    return chars if chars.isalnum() else "x" + "x".join(f"{ord(c):x}" for c in chars)


def text_tokens(normalised):
    """The distinct unigram and bigram tokens of normalised text, sorted (a stable index row)."""
    grams = set()
    for run in normalised.split():
        grams.update(run)
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
    return sorted(_token(g) for g in grams)


def term_tokens(term):
    """Tokens every text containing `term` has: its unigram, or (up to 10, spread out) of its bigrams."""
    if len(term) == 1:
        return [_token(term)]
    grams = list(dict.fromkeys(term[i:i + 2] for i in range(len(term) - 1)))
    if len(grams) > MAX_TOKENS_PER_TERM:  # the exact check (substring) follows; these only narrow the candidates
        step = (len(grams) - 1) / (MAX_TOKENS_PER_TERM - 1)
        grams = [grams[round(i * step)] for i in range(MAX_TOKENS_PER_TERM)]
    return [_token(g) for g in grams]


_CONTENT = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆\u30a1-\u30fa\u30fca-z]")
_WORDISH = re.compile(r"[\u3041-\u309f\u3400-\u9fff\uf900-\ufaff々〆\u30a1-\u30fa\u30fca-z]{2,}")


def content_bigrams(text):
    """Normalised bigrams that carry meaning, best first, distinct: pairs of kanji, katakana or Latin
    letters (街灯, カーブミラー, led), then pairs of one of those with hiragana (壊れ, が壊).

    Pairs of hiragana (particles, verb endings: の, です, ている), digits and punctuation are left out.
    Katakana is folded like everything else."""
    original = unicodedata.normalize("NFKC", _SURROGATES.sub("", text or "")).casefold()
    pure, mixed = [], []
    for run in _WORDISH.findall(original):
        for i in range(len(run) - 1):
            pair = run[i:i + 2]
            content = sum(1 for c in pair if _CONTENT.match(c))
            if content:
                (pure if content == 2 else mixed).append(normalise(pair))
    return list(dict.fromkeys(pure + mixed))


# --- highlighting ----------------------------------------------------------------

def _aligned(text):
    """(normalised text, for each of its characters the (start, end) span in `text`)."""
    norm = normalise(text)
    if len(norm) == len(text):  # almost all Japanese text: one character stays one character
        return norm, [(i, i + 1) for i in range(len(text))]
    out, spans = [], []
    for m in _CLUSTER.finditer(text):
        piece = _fold(_SURROGATES.sub("", m.group()))
        out.append(piece)
        spans.extend([(m.start(), m.end())] * len(piece))
    return _DASH_AFTER_KANA.sub("ー", "".join(out)), spans


def match_spans(text, terms):
    """Merged (start, end) spans of `text` where any of the (normalised) terms occurs."""
    norm, spans = _aligned(text or "")
    found = []
    for term in terms:
        start = norm.find(term)
        while start != -1 and term:
            found.append((spans[start][0], spans[start + len(term) - 1][1]))
            start = norm.find(term, start + len(term))
    merged = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, terms, spans=None):
    """`text` escaped, with every match wrapped in <mark>."""
    spans = match_spans(text, terms) if spans is None else spans
    out, pos = [], 0
    for start, end in spans:
        out += [escape(text[pos:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def snippet(texts, terms, width=80):
    """A short excerpt (≈`width` characters) around the first match in the first text that has one.

    Returns Markup with the matches marked, or of the first text's start when nothing matches."""
    texts = [" ".join((t or "").split()) for t in texts]
    for text in texts:
        spans = match_spans(text, terms)
        if spans:
            start = max(0, spans[0][0] - width // 4)
            end = min(len(text), start + width)
            inside = [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start]
            return (Markup("…") if start else Markup("")) + highlight(text[start:end], terms, inside) + \
                (Markup("…") if end < len(text) else Markup(""))
    first = next((t for t in texts if t), "")
    return escape(first[:width]) + (Markup("…") if len(first) > width else Markup(""))
