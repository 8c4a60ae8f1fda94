"""Words for synthetic local issues: common enough to fill lists, with a few rare words for search."""

CENTERS_FILE = "centers.yaml"  # the demo's 26 sample 公民館 (app/demo/data/)

PLACES = [
    "通学路", "交差点", "横断歩道", "歩道橋", "駐輪場", "河川敷", "相模川沿い", "海岸通り", "商店街", "駅前広場",
    "バス停", "公民館", "集会所", "児童公園", "農道", "用水路", "踏切", "防災倉庫", "避難所", "ゴミ集積所",
    "団地の中庭", "保育園の前", "小学校の周り", "図書館", "運動公園",
]
PROBLEMS = [
    "街灯が少なく夜道が暗い", "雑草が伸びて見通しが悪い", "不法投棄が続いている", "路上駐車が多く危ない",
    "段差があって車いすで通れない", "大雨のたびに水たまりができる", "自転車のスピードが速くて怖い",
    "落書きが消されないまま", "ベンチが壊れている", "空き家の庭木がはみ出している", "カラスがゴミを荒らす",
    "案内表示がわかりにくい", "高齢者の見守りが足りない", "子どもの遊び場が少ない", "避難経路がわからない",
    "バスの本数が減って不便", "歩道が狭くすれ違えない", "騒音が夜遅くまで続く",
]
# (word, share of issues): rare words a search must find among many rows.
RARE = [
    ("カーブミラー", 0.005, "カーブミラーが曇っていて車が見えない"),
    ("ハクビシン", 0.002, "ハクビシンが屋根裏に住みついている"),
    ("防犯カメラ", 0.01, "防犯カメラを付けてほしいという声が多い"),
]
GROUPS = ["自治会", "子ども会", "老人会", "PTA", "商店会", "見守りボランティア", "地区社協"]
TIMES = ["早朝", "朝の通学時間", "夕方", "週末", "雨の日", "夜遅く"]
SENTENCES = [
    "{time}に通るとよく気になります。",
    "近所の人とも話していますが、どこに相談すればよいかわかりません。",
    "地域の{group}の方々と一緒に改善できればと思います。",
    "小さな子どもやお年寄りが多い場所なので心配です。",
    "前から気になっていましたが、最近ひどくなっている気がします。",
    "{place}のあたりは{time}になると人通りが多くなります。",
    "同じように困っている人がいたら、共感をお願いします。",
    "市や公民館と一緒に、地域でできることから始めたいです。",
]
COMMENTS = [
    "私も同じことを感じていました。",
    "{group}でも話題になっています。",
    "{place}の近くに住んでいます。{time}は特に気になります。",
    "写真を撮ってきました。先週より悪くなっています。",
    "公民館で話し合いの場があれば参加したいです。",
    "市に連絡したら、確認すると言われました。",
    "{group}として手伝えることがあれば声をかけてください。",
]
STATUS_NOTES = {
    "dialogue": "伴走者が対話を始めました。",
    "workshop": "ワークショップで話し合います。",
    "in_progress": "地域の団体と取り組みを始めました。",
    "resolved": "改善されました。ご協力ありがとうございました。",
}
THEMES = ["F1", "F2", "F3", "F4", "F5"]

# What residents type into the search box (issue #13): mostly two-character words, some single
# characters, common words (in more than 30% of issues: の, 地域, 子ども, 公民館), rare ones, words with no
# match at all (道路, 犬), and kana-folded pairs that must give the same results (ごみ/ゴミ, カラス/からす).
SEARCH_WORDS_BY_LENGTH = {
    "1": ["の", "夜", "雨", "木", "車", "犬"],
    "2": ["公園", "道路", "街灯", "雑草", "騒音", "段差", "防犯", "駐輪", "バス", "ごみ", "ゴミ", "歩道", "駅前",
          "地域", "近所", "夜道", "不便", "踏切", "団地"],
    "3+": ["子ども", "公民館", "カラス", "からす", "不法投棄", "通学路", "自治会", "避難経路", "カーブミラー",
           "ハクビシン", "防犯カメラ"],
}
SEARCH_WORDS = [w for words in SEARCH_WORDS_BY_LENGTH.values() for w in words]
COMMON_WORDS = ["の", "地域", "子ども", "公民館"]  # checked by the benchmark: each is in more than 30% of issues
KANA_PAIRS = [("ごみ", "ゴミ"), ("カラス", "からす")]  # each pair must return the same issues
