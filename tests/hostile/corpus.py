"""≥200 hostile inputs: XSS in every context, SQL fragments, Unicode edge cases, oversized values,
path-traversal file names. Generated from small lists so each family is complete and readable."""
import itertools

XSS_VECTORS = [
    "<script>alert(1)</script>", "<ScRiPt>alert(1)</sCrIpT>", "<script src=//evil.example/x.js></script>",
    "<img src=x onerror=alert(1)>", "<img src=\"x\" onerror=\"alert(1)\">", "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>", "<body onload=alert(1)>", "<iframe src=javascript:alert(1)>",
    "<iframe srcdoc='<script>alert(1)</script>'>", "<a href=javascript:alert(1)>x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](data:text/html,<script>alert(1)</script>)",
    "![x](javascript:alert(1))", "<details open ontoggle=alert(1)>", "<input autofocus onfocus=alert(1)>",
    "<marquee onstart=alert(1)>", "<video><source onerror=alert(1)>", "<math><mtext><script>alert(1)</script>",
    "<style>*{background:url(javascript:alert(1))}</style>", "<link rel=stylesheet href=javascript:alert(1)>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>", "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>", "<form action=javascript:alert(1)><button>x</button></form>",
    "<base href=//evil.example/>", "<template><script>alert(1)</script></template>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>", "<scr<script>ipt>alert(1)</script>",
    "\"><script>alert(1)</script>", "'><script>alert(1)</script>", "\" onmouseover=\"alert(1)",
    "' onmouseover='alert(1)", "</textarea><script>alert(1)</script>", "</title><script>alert(1)</script>",
    "{{7*7}}", "{% raw %}{{config}}{% endraw %}", "${7*7}", "#{7*7}", "<%= 7*7 %>",
    "javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<a href='x' style='position:fixed;top:0;left:0;width:100%;height:100%'>x</a>",
]
SQL_FRAGMENTS = [
    "' OR '1'='1", "' OR 1=1 --", "\" OR \"\"=\"", "'; DROP TABLE issues; --", "1; DELETE FROM users",
    "' UNION SELECT email, password_hash FROM users --", "admin'--", "%", "_", "%%", "\\", "\\'", "' AND SLEEP(5) --",
    "1' AND pg_sleep(5) --", "'||(SELECT version())||'", "NULL", "0x41", "`rm -rf /`", "$(reboot)",
    "MATCH 'x' OR *", "\"\"\"", "NEAR(a b)", "a AND b OR NOT c", "*", "^",
]
UNICODE_EDGE = [
    "\u202eevil.exe\u202c", "\u202dLTR\u202c", "\u2066isolate\u2069", "ゼロ\u200b幅\u200bスペース", "結合\u200d文字",
    "e\u0301\u0301\u0301\u0301", "Z̷̢̛̮͎̲̪̜͓̯ͪ̉͊ͥ̊ͅā̶̛l̷g̷o̸", "🏯🌊🎋👨‍👩‍👧‍👦🇯🇵", "𠮷野家の𩸽", "\ufeffBOM", "\ufffd\ufffd",
    "ﾊﾝｶｸｶﾀｶﾅ", "ＦＵＬＬＷＩＤＴＨ", "\u3000\u3000全角空白\u3000", "line\u2028separator", "para\u2029separator",
    "tab\there", "cr\rlf\n", "\x00nul\x00", "\x07bell\x1b[31mansi", "\x7f", "\u00a0nbsp\u00a0", "\ud7ff",
    "①②③", "㍻㍼㍽", "\u0000",
]
OVERSIZED = ["あ" * 81, "a" * 5001, "漢" * 20_000, "x" * 100_000, "\n" * 5000, "🏯" * 3000, "<" * 10_000,
             " " * 10_000, "a " * 40_000]
FILE_NAMES = ["../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow", "photo.jpg\x00.php", "CON", "aux.jpg",
              "<script>.jpg", "a" * 300 + ".jpg", ".htaccess", "..", "写真（１）.jpg", "x.svg", "x.html"]

# Combinations: each XSS vector wrapped in ordinary Japanese text, so filters keyed on a leading "<" fail.
WRAPPED = [f"通学路の件です。{v}よろしくお願いします。" for v in XSS_VECTORS[:40]]
MIXED = [f"{a}{b}" for a, b in itertools.islice(itertools.product(SQL_FRAGMENTS[:8], UNICODE_EDGE[:5]), 40)]

CORPUS = XSS_VECTORS + SQL_FRAGMENTS + UNICODE_EDGE + OVERSIZED + FILE_NAMES + WRAPPED + MIXED
assert len(CORPUS) >= 200, len(CORPUS)
