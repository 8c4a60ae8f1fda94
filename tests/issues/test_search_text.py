"""The one normaliser (app/util/jatext.py): the rules its docstring promises."""
from app.util.jatext import content_bigrams, highlight, normalise, query_terms, snippet, term_tokens, text_tokens


def test_width_case_and_kana_are_folded():
    assert normalise("ＬＥＤ照明") == "led照明"
    assert normalise("ｺﾞﾐ") == normalise("ゴミ") == normalise("ごみ") == "ごみ"
    assert normalise("ヴァイオリン") == "ゔぁいおりん"
    assert normalise("１２３ＡＢＣ") == "123abc"
    assert normalise("Straße") == "strasse"


def test_small_kana_stay_small_except_the_counter_ke():
    assert normalise("びょういん") != normalise("びよういん")
    assert normalise("キャンプ") == "きゃんぷ"
    assert normalise("3ヶ所") == normalise("3カ所") == normalise("3か所") == "3か所"


def test_long_vowel_marks_and_dashes_after_kana():
    assert normalise("カ-ブミラ-") == normalise("カーブミラー") == normalise("ｶｰﾌﾞﾐﾗｰ") == "かーぶみらー"
    assert normalise("Wi-Fi") == "wi-fi"  # a hyphen between letters stays a hyphen
    assert query_terms("コンピューター") == ["こんぴゅーた"] and query_terms("カー") == ["かー"]


def test_queries_drop_control_characters_surrogates_and_repeats():
    assert query_terms("公園\ud800  公園　街灯") == ["公園", "街灯"]
    assert query_terms(" \u3000 ") == []
    assert len(query_terms("a b c d e f g", max_terms=5)) == 5


def test_tokens_never_carry_query_syntax():
    tokens = text_tokens(normalise('"公園" OR * NEAR(x) :'))
    assert all(t.isalnum() for t in tokens)
    assert term_tokens("公") == ["公"] and term_tokens("公園") == ["公園"]
    assert len(term_tokens("あ" + "いうえおかきくけこさしすせそたちつてと")) == 10


def test_highlight_maps_back_to_the_original_characters():
    assert highlight("ｺﾞﾐ<置き場>", ["ごみ"]) == "<mark>ｺﾞﾐ</mark>&lt;置き場&gt;"
    assert highlight("ＬＥＤとLED", ["led"]) == "<mark>ＬＥＤ</mark>と<mark>LED</mark>"
    text = "あ" * 100 + "街灯" + "い" * 100
    short = snippet([text], ["街灯"])
    assert "<mark>街灯</mark>" in short and short.startswith("…") and short.endswith("…") and len(short) < 120


def test_content_bigrams_keep_kanji_katakana_and_latin_words():
    assert content_bigrams("通学路のカーブミラーがLED") == ["通学", "学路", "かー", "ーぶ", "ぶみ", "みら", "らー", "le", "ed",
                                                       "路の", "のか", "ーが", "がl"]
    assert content_bigrams("壊れています") == ["壊れ"]


def test_normalising_twice_changes_nothing():
    """SQLite deletes a row's tokens by recomputing them from its normalised text."""
    for text in ["ᾟ́", "ᾂ́", "ᾑ̄", "ﬁ", "ß", "İ", "ｶﾞｰﾃﾞﾝ", "カ-ブ", "㍻", "ǅ", "Ⅻ", "\u3099か", "ヵ月"]:
        once = normalise(text)
        assert normalise(once) == once, text
