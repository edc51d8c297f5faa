"""The hand-made penalty records of other cities (tests/cases/corpus/*.yaml) against their sources.

Each record was read off a LawRefBook transcription by hand (data/sources/lawrefbook/); it is the
yardstick an automatic extractor is measured against, so every word it quotes must be the
source's, every line number must point at that word, and every amount must be the one the
quoted Chinese numerals spell. The format is described in the header of each YAML file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "corpus"
SOURCES = ROOT / "data" / "sources" / "lawrefbook"
FILES = sorted(CASES.glob("*.yaml"))

LINKS = {"citation", "relative", "description", "carried"}
KINDS = {
    "public-security",
    "traffic-police",
    "urban-management",
    "health",
    "ecology-environment",
    "market-regulation",
    "transport",
    "housing-construction",
    "culture-tourism",
    "agriculture-rural",
    "education",
    "civil-affairs",
    "designated",
    "other",
}
WHERE = {"provision", "lead-in", "none"}
PARTIES = {"any", "person", "organisation"}
CIRCUMSTANCES = {None, "refused", "warned-refused", "overdue", "serious", "grave", "flagrant", "repeat", "other"}
MEASURES = {
    "order",
    "warning",
    "fine",
    "fine-per-unit",
    "fine-multiple",
    "confiscation",
    "revocation",
    "credit-record",
    "interview",
    "disciplinary",
    "criminal",
    "per-law",
    "notify",
    "aggravate",
    "exposure",
}
ID = re.compile(r"^(?P<city>[^-]+)-(?P<art>\d+)-(?P<para>\d+)(?:-(?P<item>\d+))?(?:-s(?P<sentence>\d+))?$")
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_SMALL = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int:
    """一百 -> 100, 二千 -> 2000, 五万 -> 50000, 十万 -> 100000, 一千五百 -> 1500, 十 -> 10."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        elif ch == "万":
            section += digit or 0
            total += (section or 1) * 10000
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + (digit or 0)


def test_chinese_number() -> None:
    cases = {
        "一百": 100,
        "二千": 2000,
        "五万": 50000,
        "五千": 5000,
        "十万": 100000,
        "二十": 20,
        "五十": 50,
        "一万": 10000,
        "三十万": 300000,
        "一千五百": 1500,
        "十五": 15,
        "两": None,
    }
    for text, value in cases.items():
        if value is None:
            with pytest.raises(ValueError):
                chinese_number(text)
        else:
            assert chinese_number(text) == value, text


AMOUNT = re.compile(r"([零一二三四五六七八九十百千万]+)元")
TIMES = re.compile(r"([零一二三四五六七八九十]+)倍")


def fine_amounts(text: str) -> tuple[int | None, int]:
    """The range a fine's words spell: (min, max); upper-only (…元以下) gives min None."""
    found = [chinese_number(n) for n in AMOUNT.findall(text)]
    assert found, f"no amount in {text!r}"
    if len(found) == 2:
        assert "以上" in text and "以下" in text, text
        return found[0], found[1]
    assert len(found) == 1, text
    if "以下" in text:
        return None, found[0]
    return found[0], found[0]


class _UniqueKeys(yaml.SafeLoader):
    """A loader that refuses a mapping with a key twice (PyYAML keeps the last one silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        doubled = {key for key in keys if keys.count(key) > 1}
        assert not doubled, f"line {node.start_mark.line + 1}: keys given twice: {sorted(map(str, doubled))}"
        return super().construct_mapping(node, deep=deep)


def load(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeys)  # a SafeLoader: builds plain data only
    assert isinstance(data, dict)
    return data


def source_of(data: dict[str, Any]) -> str:
    return (SOURCES / data["source"]).read_text(encoding="utf-8")


ARTICLE_START = re.compile(r"^(第[零一二三四五六七八九十百]+条|#)")


def article_of(lines: list[str], line: int) -> str:
    """The article holding 1-based `line`: where an item's sanction stands in the lead-in."""
    start = line - 1
    while start > 0 and not ARTICLE_START.match(lines[start]):
        start -= 1
    end = line
    while end < len(lines) and not ARTICLE_START.match(lines[end]):
        end += 1
    return "\n".join(lines[start:end])


# The regulations read by hand so far (issue 12's yardstick, issue 14's provinces); the corpus copy holds all 39.
REVIEWED = {
    # issue 12
    *("北京市", "青岛市", "临沂市", "济宁市", "湖州市", "嘉兴市", "东莞市", "江门市", "商丘市", "三门峡市"),
    # issue 14: 浙江
    *("杭州市", "丽水市", "绍兴市", "舟山市"),
    # issue 14: 河南
    *("河南省", "周口市", "许昌市"),
    *("安阳市", "濮阳市", "南阳市", "平顶山市"),
    # issue 14: 山东
    *("日照市", "枣庄市", "泰安市", "东营市"),
    # issue 14: 河南 and 广东 (review-henan-c)
    *("信阳市", "漯河市", "鹤壁市"),
    *("潮州市", "湛江市", "阳江市"),
    # issue 14: 山东 (second group)
    *("济南市", "滨州市", "聊城市", "菏泽市", "德州市", "威海市", "淄博市"),
}


def test_every_record_has_its_source() -> None:
    """One record per reviewed regulation, each naming a source in the project's copy of the corpus."""
    sources = {path.name for path in SOURCES.glob("*.md")}
    records = [load(path) for path in FILES]
    assert {record["city"] for record in records} == REVIEWED
    assert all(record["source"] in sources for record in records)


CITATION = re.compile(
    r"^第(?P<art>[零一二三四五六七八九十百]+)条(?:第(?P<para>[零一二三四五六七八九十]+)款)?(?:第(?P<item>[零一二三四五六七八九十]+)项)?$"
)
MEASURE_KEYS = {
    "fine": {"kind", "min", "max", "optional", "text"},
    "fine-per-unit": {"kind", "amount", "per", "text"},
    "fine-multiple": {"kind", "of", "min_times", "max_times", "optional", "text"},
    "confiscation": {"kind", "what", "text"},
}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_ids_lines_and_citations_agree(path: Path) -> None:
    """The id, the provision and the line name the same article, paragraph and item."""
    data = load(path)
    lines = source_of(data).split("\n")
    for p in data["penalties"]:
        m, c = ID.match(p["id"]), CITATION.match(p["provision"])
        assert m and c, p["id"]
        assert int(m["art"]) == chinese_number(c["art"]), p["id"]
        if c["para"]:
            assert int(m["para"]) == chinese_number(c["para"]), p["id"]
        assert (m["item"] is None) == (c["item"] is None), p["id"]
        if c["item"]:
            assert int(m["item"]) == chinese_number(c["item"]), p["id"]
            assert lines[p["line"] - 1].startswith(f"（{c['item']}）"), p["id"]
        head = article_of(lines, p["line"]).split("\n")[0]
        assert head.startswith(f"第{c['art']}条"), f"{p['id']}: line {p['line']} is in {head[:8]}"
        for cite in p["behaviour"]["cites"]:
            assert re.fullmatch(r"第[零一二三四五六七八九十百]+[章条](第[零一二三四五六七八九十]+[款项])*", cite), cite


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_header_and_format(path: Path) -> None:
    data = load(path)
    assert (
        {"city", "title", "source", "damage", "penalties"}
        <= set(data)
        <= {
            "city",
            "title",
            "source",
            "damage",
            "penalties",
            "text_only",  # provisions the model cannot hold, quoted (滨州市 第四十八条: 拘留)
            "taxonomy_links",  # the governed provisions' shared keys, read by hand: {cites, part, taxonomy}
        }
    )
    assert path.stem == data["city"]
    source = source_of(data)
    assert source.startswith(f"# {data['title']}\n")
    assert data["source"].startswith(data["title"] + "(")
    assert isinstance(data["damage"], list)
    for note in data["damage"]:
        assert isinstance(note, str) and note
    ids = [p["id"] for p in data["penalties"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for p in data["penalties"]:
        assert set(p) == {
            "id",
            "provision",
            "line",
            "text",
            "behaviour",
            "agencies",
            "referral",
            "variants",
            "taxonomy",
            "notes",
        }, p["id"]
        m = ID.match(p["id"])
        assert m and m["city"] == data["city"], p["id"]
        assert p["provision"].startswith("第"), p["id"]
        b = p["behaviour"]
        assert set(b) == {"link", "cites", "words"} and b["link"] in LINKS, p["id"]
        assert isinstance(b["cites"], list)
        assert bool(b["cites"]) == (b["link"] != "description"), p["id"]
        for a in p["agencies"]:
            assert set(a) == {"text", "kind", "where"} and a["kind"] in KINDS and a["where"] in WHERE, p["id"]
        r = p["referral"]
        assert r is None or (set(r) == {"text", "laws"} and isinstance(r["laws"], list)), p["id"]
        assert p["variants"], p["id"]
        for v in p["variants"]:
            assert set(v) == {"party", "role", "steps"} and v["party"] in PARTIES, p["id"]
            for s in v["steps"]:
                assert set(s) == {"condition", "circumstance", "connector", "measures"}, p["id"]
                assert s["circumstance"] in CIRCUMSTANCES and s["connector"] in {"and", "or"}, p["id"]
                assert (s["condition"] is None) == (s["circumstance"] is None), p["id"]
                for ms in s["measures"]:
                    assert ms["kind"] in MEASURES, p["id"]
                    assert set(ms) == MEASURE_KEYS.get(ms["kind"], {"kind", "text"}), p["id"]
        assert p["taxonomy"] is None or KEY.match(p["taxonomy"]), p["id"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_words_are_the_sources(path: Path) -> None:
    data = load(path)
    source = source_of(data)
    lines = source.split("\n")
    for p in data["penalties"]:
        text = p["text"]
        assert text in source, f"{p['id']}: text is not in the source"
        first = text.split("\n")[0]
        assert first in lines[p["line"] - 1], f"{p['id']}: line {p['line']} does not hold the text's start"
        assert p["behaviour"]["words"] in text, f"{p['id']}: behaviour words"
        # the sanction's words: in the provision's text, or (an item) in its article's lead-in
        article = text + "\n" + article_of(lines, p["line"])
        for a in p["agencies"]:
            assert a["text"] in source, f"{p['id']}: agency {a['text']}"
            if a["where"] == "provision":
                assert a["text"] in text, f"{p['id']}: agency {a['text']} not in the provision"
            elif a["where"] == "lead-in":
                assert a["text"] in article and a["text"] not in text, f"{p['id']}: agency {a['text']}"
        if p["referral"] is not None:
            assert p["referral"]["text"] in article, f"{p['id']}: referral words"
            for law in p["referral"]["laws"]:
                assert law in p["referral"]["text"], f"{p['id']}: {law}"
        for v in p["variants"]:
            for s in v["steps"]:
                if s["condition"] is not None:
                    assert s["condition"] in article, f"{p['id']}: condition {s['condition']}"
                for ms in s["measures"]:
                    if "text" in ms:
                        assert ms["text"] in article, f"{p['id']}: measure {ms['text']}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_amounts_are_the_numerals(path: Path) -> None:
    data = load(path)
    for p in data["penalties"]:
        for v in p["variants"]:
            for s in v["steps"]:
                for ms in s["measures"]:
                    where = f"{p['id']}: {ms.get('text')}"
                    if ms["kind"] == "fine":
                        lo, hi = fine_amounts(ms["text"])
                        assert (ms["min"], ms["max"]) == (lo, hi), where
                        assert lo is None or lo <= hi, where
                        assert isinstance(ms["optional"], bool), where
                        if "可" in ms["text"]:
                            assert ms["optional"], where
                    elif ms["kind"] == "fine-per-unit":
                        assert fine_amounts(ms["text"]) == (ms["amount"], ms["amount"]), where
                        assert ms["per"] in ms["text"], where
                    elif ms["kind"] == "fine-multiple":
                        times = [chinese_number(t) for t in TIMES.findall(ms["text"])]
                        assert times == [ms["min_times"], ms["max_times"]] or times == [ms["max_times"]], where
                        assert ms["of"] in ms["text"], where
