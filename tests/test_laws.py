"""data/laws.yaml against the copied national laws, and tests/cases/procedure.yaml against both.

Every quoted provision must be, character for character, the article, paragraph or item of the
source file it cites (data/source/laws/*.md, Markdown markup removed); every `words` must occur
in the provision it is attached to; every `cites` must name a quoted provision; every amount
written as a number must be the amount its `words` spell in Chinese numerals.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
LAWS = ROOT / "data" / "laws.yaml"
PARTIES = ROOT / "data" / "parties.yaml"
REGULATION = ROOT / "data" / "regulation.yaml"
CASES = ROOT / "tests" / "cases" / "procedure.yaml"

DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def cn_number(text: str) -> int:
    """一百一十三 -> 113, 十五 -> 15, 二千 -> 2000, 一千二百 -> 1200 (the statutes' own numerals)."""
    if not text or any(ch not in DIGITS and ch not in UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)


def test_cn_number() -> None:
    assert [cn_number(t) for t in ["一", "十五", "二十八", "一百", "一百一十三", "二千", "三千", "五千", "二百"]] == [
        1,
        15,
        28,
        100,
        113,
        2000,
        3000,
        5000,
        200,
    ]


ARTICLE = re.compile(r"^第([零一二三四五六七八九十百]+)条\s+(.*)$")
ITEM = re.compile(r"^（([一二三四五六七八九十]+)）(.*)$")
CITATION = re.compile(
    r"^第([零一二三四五六七八九十百]+)条(?:第([一二三四五六七八九十]+)款)?(?:第([一二三四五六七八九十]+)项)?$"
)


@cache
def parse_law(path: Path) -> dict[int, list[dict[str, Any]]]:
    """article number -> paragraphs, each {'text': str, 'items': [str]}.

    Markup removed: the front matter up to <!-- INFO END -->, '#' headings (章、节), blank lines.
    A line （一）… is an item of the paragraph before it; any other line after an article's
    heading line is a new paragraph of that article.
    """
    text = path.read_text(encoding="utf-8")
    assert "<!-- INFO END -->" in text
    body = text.split("<!-- INFO END -->", 1)[1]
    articles: dict[int, list[dict[str, Any]]] = {}
    current: list[dict[str, Any]] | None = None
    for raw in body.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if m := ARTICLE.match(line):
            number = cn_number(m.group(1))
            assert number not in articles, f"{path.name}: article {number} twice"
            current = articles[number] = [{"text": m.group(2), "items": []}]
        elif m := ITEM.match(line):
            assert current is not None
            items = current[-1]["items"]
            assert cn_number(m.group(1)) == len(items) + 1, f"{path.name}: item out of order: {line}"
            items.append(m.group(2))
        else:
            assert current is not None, f"{path.name}: text before the first article: {line}"
            current.append({"text": line, "items": []})
    return articles


def resolve(articles: dict[int, list[dict[str, Any]]], citation: str) -> str:
    """The text a citation names: an article of one paragraph (第五十一条), a paragraph (第三十六条第二款),
    an item (第六十八条第一项; 第六十三条第一款第一项 where the article has several paragraphs).
    A paragraph's text is its own line: the lead-in where it has items, without them."""
    m = CITATION.match(citation)
    assert m, f"not a citation: {citation}"
    article, paragraph, item = m.groups()
    paragraphs = articles[cn_number(article)]
    if paragraph is None:
        assert len(paragraphs) == 1, f"{citation}: the article has {len(paragraphs)} paragraphs; cite one"
        para = paragraphs[0]
    else:
        assert len(paragraphs) > 1, f"{citation}: an article of one paragraph is cited without 第一款"
        para = paragraphs[cn_number(paragraph) - 1]
    if item is None:
        return str(para["text"])
    return str(para["items"][cn_number(item) - 1])


@cache
def laws_data() -> dict[str, Any]:
    data = yaml.safe_load(LAWS.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def law_texts() -> dict[str, dict[str, str]]:
    """law key -> citation -> quoted text, as laws.yaml quotes them."""
    return {law["key"]: {p["citation"]: p["text"] for p in law["provisions"]} for law in laws_data()["laws"]}


def all_quotes() -> list[tuple[str, str, str, Path]]:
    out = []
    for law in laws_data()["laws"]:
        path = ROOT / law["source"]["file"]
        for p in law["provisions"]:
            out.append((law["key"], p["citation"], p["text"], path))
    return out


def test_laws_header() -> None:
    data = laws_data()
    assert data["schema_version"] == 1
    keys = [law["key"] for law in data["laws"]]
    assert keys == ["administrative-penalty", "animal-epidemic-prevention"]
    for law in data["laws"]:
        source = law["source"]
        assert source["corpus"] == "LawRefBook/Laws"
        assert source["commit"] == "2f4c5c23716267af9dbebbbbd6cbbf732b101981"
        path = ROOT / source["file"]
        assert path.is_file(), path
        # The title is the file's own first heading.
        assert path.read_text(encoding="utf-8").splitlines()[0] == f"# {law['title']}"
        citations = [p["citation"] for p in law["provisions"]]
        assert len(citations) == len(set(citations)), f"{law['key']}: a citation quoted twice"


def test_every_quote_is_the_source() -> None:
    # Whole units, word for word: equal, not merely contained.
    quotes = all_quotes()
    assert len(quotes) > 60
    wrong = [(key, citation) for key, citation, text, path in quotes if resolve(parse_law(path), citation) != text]
    assert not wrong, f"not word for word as in the source: {wrong}"


def walk(node: Any, law: str, trail: str = "") -> list[tuple[str, str, dict[str, Any]]]:
    """Every mapping in a YAML tree, with its path and its law (a `law:` holds for everything under it).
    A `from:` mapping points into the regulation, not the law: its own test checks it."""
    found: list[tuple[str, str, dict[str, Any]]] = []
    if isinstance(node, dict):
        law = node.get("law", law)
        found.append((trail, law, node))
        for k, v in node.items():
            if k != "from":
                found.extend(walk(v, law, f"{trail}.{k}"))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found.extend(walk(v, law, f"{trail}[{i}]"))
    return found


AMOUNT_WORDS = re.compile(r"([零一二三四五六七八九十百千万]+)(元|日|年)")


def check_amount(where: str, amount: int, words: str) -> None:
    spelled = [cn_number(m.group(1)) for m in AMOUNT_WORDS.finditer(words)]
    assert amount in spelled, f"{where}: {amount} is not spelled in {words!r} ({spelled})"


def test_procedure_cites_and_words() -> None:
    """Every rule's `cites` names a quoted provision of its law; every `words` is in the text it
    belongs to (the rule's `citation`, or its only cited provision); every amount/days/years
    given as a number is spelled in its words."""
    texts = law_texts()
    data = laws_data()
    default_law = data["procedure"]["law"]
    checked = 0
    for section in ("procedure", "checklist", "onward", "reduce_grounds"):
        for where, law, node in walk(data[section], default_law, section):
            for citation in node.get("cites", []) or []:
                assert citation in texts[law], f"{where}: {citation} is not quoted in {law}"
                checked += 1
            if "words" in node:
                citation = node.get("citation")
                if citation is None:
                    cites = node.get("cites") or []
                    assert len(cites) == 1, f"{where}: words without one citation to check them in"
                    citation = cites[0]
                assert citation in texts[law], f"{where}: {citation} is not quoted in {law}"
                assert node["words"] in texts[law][citation], f"{where}: {node['words']!r} not in {law} {citation}"
                checked += 1
                for field in ("amount", "days", "years"):
                    if isinstance(node.get(field), int):
                        check_amount(where, node[field], node["words"])
    assert checked > 50


def test_every_rule_is_sourced_and_readings_are_labelled() -> None:
    for name, rule in laws_data()["procedure"].items():
        if name == "law":
            continue
        assert rule.get("cites"), f"procedure.{name} cites nothing"
        assert "reading" in rule, f"procedure.{name}: say whether it is a reading (reading: false, or the reading)"


def test_unsourced_figures_are_not_invented() -> None:
    hearing = laws_data()["procedure"]["hearing"]
    assert hearing["threshold"] is None
    assert "不在" in hearing["threshold_note"]


def regulation_texts() -> dict[str, str]:
    """The regulation's citations -> text (paragraphs and items), from data/regulation.yaml (read only)."""
    reg = yaml.safe_load(REGULATION.read_text(encoding="utf-8"))
    out: dict[str, str] = {}

    def cn(n: int) -> str:
        ones = "零一二三四五六七八九"
        if n < 10:
            return ones[n]
        if n < 20:
            return "十" + (ones[n % 10] if n % 10 else "")
        return ones[n // 10] + "十" + (ones[n % 10] if n % 10 else "")

    for chapter in reg["chapters"]:
        for article in chapter["articles"]:
            a = f"第{cn(article['number'])}条"
            paragraphs = article["paragraphs"]
            for p in paragraphs:
                pc = a if len(paragraphs) == 1 else f"{a}第{cn(p['number'])}款"
                out[pc] = p["text"]
                for item in p.get("items", []) or []:
                    out[f"{pc}第{cn(item['number'])}项"] = item["text"]
    return out


def test_onward_points_at_the_regulation() -> None:
    reg = regulation_texts()
    for entry in laws_data()["onward"]:
        assert entry["from"]["words"] in reg[entry["from"]["citation"]]


def test_parties() -> None:
    data = yaml.safe_load(PARTIES.read_text(encoding="utf-8"))
    reg = regulation_texts()
    assert set(data["penalties"]) == {"smoking", "smoking-venue", "dog-leash", "dog-waste", "shared-vehicles"}
    texts = law_texts()
    for key, entry in data["penalties"].items():
        assert entry["parties"] and set(entry["parties"]) <= {"person", "organisation"}, key
        assert isinstance(entry["reading"], bool), key
        assert entry["basis"], key
        for quote in entry["quotes"]:
            source = quote["source"]
            pool = reg if source == "regulation" else texts[source]
            assert quote["words"] in pool[quote["citation"]], f"{key}: {quote}"


@cache
def cases() -> dict[str, Any]:
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_cases_cite_the_sources() -> None:
    """Each case's read_from lines are in the law; each procedure entry cites a quoted provision."""
    texts = law_texts()
    reg = regulation_texts()
    data = cases()
    all_cases = data["ladder"] + data["amounts"] + data["excluded"]
    assert len(all_cases) >= 40
    for case in all_cases:
        cid = case["id"]
        assert case["read_from"], cid
        for line in case["read_from"]:
            pool = reg if line["source"] == "regulation" else texts[line["source"]]
            assert line["citation"] in pool, f"{cid}: {line['citation']} not quoted"
            assert line["words"] in pool[line["citation"]], f"{cid}: {line['words']!r} not in {line['citation']}"
        for entry in case.get("procedure", []):
            law = entry.get("law", "administrative-penalty")
            assert entry["citation"] in texts[law], f"{cid}: {entry['citation']} not quoted in laws.yaml"
            if "words" in entry:
                assert entry["words"] in texts[law][entry["citation"]], f"{cid}: {entry['words']!r}"
            applies = entry["applies"]
            assert applies is True or applies is False or (isinstance(applies, dict) and applies["condition"]), cid


def test_case_ids_unique() -> None:
    data = cases()
    ids = [c["id"] for c in data["ladder"] + data["amounts"] + data["excluded"]]
    assert len(ids) == len(set(ids))


def test_cases_agree_with_the_regulation_ladders() -> None:
    """A case's step and fine are the regulation's (data/regulation.yaml, read only)."""
    reg = yaml.safe_load(REGULATION.read_text(encoding="utf-8"))
    ladders = {p["key"]: p["steps"] for p in reg["penalties"]}
    parties = yaml.safe_load(PARTIES.read_text(encoding="utf-8"))["penalties"]
    for case in cases()["ladder"]:
        steps = ladders[case["penalty"]]
        step = steps[case["step"] - 1]
        fine = next((m for m in step["measures"] if m["kind"] == "fine"), None)
        expected = None if fine is None else [fine["min"], fine["max"]]
        assert case["fine"] == expected, case["id"]
        party = case["party"]
        assert party is None or party in parties[case["penalty"]]["parties"], case["id"]
    for case in cases()["excluded"]:
        assert case["party"] not in parties[case["penalty"]]["parties"], case["id"]


def test_on_the_spot_ranges_follow_article_51() -> None:
    """The qualifying part of each fined step is the step's range cut at 第五十一条's limits, as laws.yaml
    states them; an entry without `party` holds for every party the case stands for."""
    rule = laws_data()["procedure"]["on_the_spot"]
    limits = {party: rule["fine_max"][party]["amount"] for party in ("person", "organisation")}
    parties_of = yaml.safe_load(PARTIES.read_text(encoding="utf-8"))["penalties"]
    seen = 0
    for case in cases()["ladder"]:
        if case["fine"] is None:
            continue
        lo, hi = case["fine"]
        for entry in case["procedure"]:
            if entry["citation"] != "第五十一条":
                continue
            if "party" in entry:
                parties = [entry["party"]]
            elif case["party"]:
                parties = [case["party"]]
            else:
                parties = parties_of[case["penalty"]]["parties"]
            for party in parties:
                limit = limits[party]
                applies = entry["applies"]
                if lo > limit:
                    assert applies is False, case["id"]
                elif hi <= limit:
                    assert applies is True, case["id"]
                else:
                    assert applies["fine_min"] == lo and applies["fine_max"] == limit, case["id"]
                seen += 1
    assert seen > 20


def test_amount_cases_qualify_by_article_51() -> None:
    rule = laws_data()["procedure"]["on_the_spot"]
    limits = {party: rule["fine_max"][party]["amount"] for party in ("person", "organisation")}
    small = laws_data()["procedure"]["on_the_spot_collection"]["any_of"][0]["fine_max"]
    for case in cases()["amounts"]:
        expect = case["expect"]
        if expect["exit"] != 0:
            assert expect["exit"] == 2 and expect["reason"], case["id"]
            continue
        by_party = expect.get("qualifies_by_party") or {case["party"] or case.get("answered_for"): expect["qualifies"]}
        for party, q in by_party.items():
            assert party in limits, case["id"]
            amount = case["amount"]
            assert q["第五十一条"] == (amount <= limits[party]), case["id"]
            assert q["第六十八条第一项"] == (amount <= limits[party] and amount <= small), case["id"]
        assert expect["decision"].startswith("处") and expect["decision"].endswith("元罚款"), case["id"]
        assert cn_number(expect["decision"][1:-3]) == case["amount"], case["id"]


def test_cases_answer_the_checklist_in_order() -> None:
    """Each case's procedure is laws.yaml's checklist, in order; an item answered per party appears once per party."""
    data = laws_data()
    checklist = [(c["citation"], c.get("words")) for c in data["checklist"]]
    for item in data["checklist"]:
        assert item["rule"] in data["procedure"], item
    for case in cases()["ladder"]:
        asked: list[tuple[str, str | None]] = []
        for entry in case["procedure"]:
            key = (entry["citation"], entry.get("words"))
            if not (asked and asked[-1] == key and "party" in entry):
                asked.append(key)
        assert asked == checklist, case["id"]
