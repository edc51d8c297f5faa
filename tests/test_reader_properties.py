"""Any well-formed regulation, printed the ways LawRefBook and gazettes print it, reads back as itself."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wenming.gazette import read_gazette
from wenming.numerals import to_chinese
from wenming.reader.lawrefbook import INFO_END, read_lawrefbook

# Words without 第 (so no text reads as a marker or a reference to the next article) and with the
# statute's mixed punctuation inside a sentence.
_WORDS = st.text(alphabet="文明行为促进市民公共场所应当遵守秩序（）()、，,“”《》0123456789 ", min_size=1, max_size=20)


def _sentence(end: str) -> st.SearchStrategy[str]:
    return _WORDS.map(lambda words: "".join(words.split()) or "文明").map(lambda words: f"促进{words}{end}")


_paragraph = st.one_of(
    st.builds(lambda text: {"text": text}, _sentence("。")),
    st.builds(
        lambda lead, items, last: {"text": lead, "items": [*items, last]},
        _sentence("："),
        st.lists(_sentence("；"), max_size=11),
        _sentence("。"),
    ),
)
_article = st.lists(_paragraph, min_size=1, max_size=4)
_titles = st.text(alphabet="总则文明行为规范促进与保障法律责任", min_size=2, max_size=8)


@st.composite
def regulations(draw: st.DrawFn) -> dict[str, Any]:
    chaptered = draw(st.booleans())
    groups = draw(st.lists(st.lists(_article, min_size=1, max_size=4), min_size=1, max_size=5))
    if not chaptered:
        groups = [[article for group in groups for article in group]]
    groups.append([[{"text": "本条例自2020年1月1日起施行。"}]])
    number = 0
    chapters = []
    for index, group in enumerate(groups, 1):
        articles = []
        for paragraphs in group:
            number += 1
            numbered = []
            for p_number, paragraph in enumerate(paragraphs, 1):
                entry: dict[str, Any] = {"number": p_number, "text": paragraph["text"]}
                if "items" in paragraph:
                    entry["items"] = [{"number": i, "text": t} for i, t in enumerate(paragraph["items"], 1)]
                numbered.append(entry)
            articles.append({"number": number, "paragraphs": numbered})
        title = "附则" if index == len(groups) else draw(_titles)
        chapters.append({"number": index, "title": title, "articles": articles})
    if not chaptered:
        return {"articles": [article for chapter in chapters for article in chapter["articles"]]}
    return {"chapters": chapters}


def _print(part: dict[str, Any], gazette: bool, draw: st.DrawFn) -> str:
    lines: list[str] = []
    spaces = st.sampled_from([" ", "\u3000", "  "])

    def article(data: dict[str, Any]) -> None:
        for paragraph in data["paragraphs"]:
            space = draw(spaces)
            first = f"第{to_chinese(data['number'])}条{space}" if paragraph["number"] == 1 else ""
            lines.append(first + paragraph["text"])
            for item in paragraph.get("items", []):
                left, right = draw(st.sampled_from(["（）", "()"]))
                dash = "- " if gazette and draw(st.booleans()) else ""
                lines.append(f"{dash}{left}{to_chinese(item['number'])}{right}{item['text']}")

    for chapter in part.get("chapters", []):
        title = draw(st.sampled_from([chapter["title"], " ".join(chapter["title"])]))
        lines.append(f"{'###' if gazette else '##'} 第{to_chinese(chapter['number'])}章{draw(spaces)}{title}")
        for data in chapter["articles"]:
            article(data)
    for data in part.get("articles", []):
        article(data)
    body = "\n\n".join(lines)
    adopted = "2020年1月1日某市第一届人民代表大会常务委员会第一次会议通过"
    if gazette:
        return f"# 公报\n\n# 某市条例\n\n（{adopted}）\n\n{body}\n\n# 其他\n"
    return f"# 某市条例\n\n{adopted.replace('日', '日 ')}\n\n{INFO_END}\n\n{body}\n"


@settings(max_examples=150, deadline=None)
@given(regulations(), st.booleans(), st.data())
def test_a_printed_regulation_reads_back_as_itself(part: dict[str, Any], gazette: bool, data: st.DataObject) -> None:
    text = _print(part, gazette, data.draw)
    read = read_gazette(text, "某市条例") if gazette else read_lawrefbook(text)
    assert read.problems == [] and read.repairs == [] and not read.incomplete
    assert read.text_part() == part
    assert read.adoption[0].body == "某市人民代表大会常务委员会"
