"""The penalty part of a city's data file, from its record read by hand (tests/cases/corpus/CITY.yaml).

    python tools/reviewed_penalties.py 江门市                # the penalty part as YAML, on stdout
    python tools/reviewed_penalties.py 江门市 --into data/regulations/江门市.yaml

tools/ship_corpus.py uses it to write the shipped files of the regulations read by hand.

The records are the human reading of each liability provision (issue 12's yardstick): the link to
the behaviour, the agencies and their kinds, the ladder for each party or role, every measure and
amount. This tool writes them in the data model's shape (wenming.model), marked `review: reviewed`;
the words a step needs verbatim (its condition and sanction) are located in the provision's text,
by rule: the condition is the provision's words up to its 的 before the first measure, the sanction
what follows it in that clause. The data's validation then checks every word and amount against the
text, so nothing the record says goes unchecked. `--into` replaces the penalty part of an imported
data file (`wenming import`) and keeps its text.

What the records call circumstance `other` gets a key here, read off its words (REVIEWED_KEYS): a
reviewer's decision, recorded once.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "tests" / "cases" / "corpus"

# The records' `other` circumstances, by their words: a key each (several where the words join two).
REVIEWED_KEYS: dict[str, list[str]] = {
    "构成犯罪的": ["crime"],
    "构成违反治安管理行为的": ["public-order-offence"],
    "造成损失的": ["loss"],
    "拒不改正或者多次违反的": ["refused", "repeat"],
    "拒不履行处罚决定的": ["refused-decision"],
    "不听劝阻、制止的": ["unheeded"],
    "法律、法规已规定行政处罚的": ["other-law"],
    "依法给与罚款的": ["fined"],
    "拒不听从劝阻的": ["unheeded"],
    "经劝阻制止无效的": ["unheeded"],
    "违反治安管理的": ["public-order-offence"],
    "拒不驶离或者驾驶员不在现场的": ["refused-or-absent"],
    "拒不驶离或者无法驶离的": ["refused-or-immovable"],
    "当场不改正、逾期不改正或不采取补救措施的": ["refused", "overdue"],
    "未当场改正或逾期不改正的": ["refused", "overdue"],
    "违反治安管理处罚法的": ["public-order-offence"],
    "违反《中华人民共和国消防法》的": ["other-law"],
    "拒不改正或造成严重后果的": ["refused", "serious-consequence"],
    "违反《中华人民共和国治安管理处罚法》的": ["public-order-offence"],
}
# The words an answer shows for each kind of measure; orders, confiscations and revocations show their own.
MEASURE_NAMES = {
    "warning": "警告",
    "fine": "罚款",
    "fine-per-unit": "罚款",
    "fine-multiple": "罚款",
    "credit-record": "纳入信用记录",
    "interview": "约谈",
    "disciplinary": "处分",
    "criminal": "追究刑事责任",
    "per-law": "依法处罚",
    "notify": "通报",
    "aggravate": "从重处罚",
    "exposure": "曝光",
}
REFERRAL_ONLY = {"per-law", "criminal"}


class Texts:
    """The provisions' words, from the reader (the same structure `wenming import` writes)."""

    def __init__(self, source: Path) -> None:
        from wenming.reader.source import read_file

        read = read_file(source)
        self.articles = {article.number: article for article in read.articles}

    def article_text(self, citation: str) -> str:
        """Every word of the article a citation is in: its paragraphs and their items."""
        from wenming.citation import parse_citation

        article = self.articles[parse_citation(citation).article]
        return "\n".join(p.text + "\n" + "\n".join(i.text for i in p.items) for p in article.paragraphs)

    def text(self, citation: str) -> tuple[str, str]:
        """(the provision's words, its lead-in where it is an item) for a citation like 第五十条第一款第三项."""
        from wenming.citation import parse_citation

        cited = parse_citation(citation)
        article = self.articles[cited.article]
        paragraph = article.paragraphs[(cited.paragraph or 1) - 1]
        if cited.item is not None:
            return paragraph.items[cited.item - 1].text, paragraph.text
        if cited.paragraph is None and len(article.paragraphs) > 1:
            return "\n".join(p.text for p in article.paragraphs), ""
        return paragraph.text, ""


def _clause_after(text: str, start: int) -> str:
    return re.split("[；。]", text[start:], maxsplit=1)[0].lstrip("，,")


def _measure(measure: dict[str, Any]) -> dict[str, Any]:
    kind = measure["kind"]
    text = measure["text"]
    out: dict[str, Any] = {"kind": kind}
    if kind == "order":
        out["name"] = text
    elif kind in ("confiscation", "revocation"):
        out["name"] = text
        out["what"] = measure["what"]
    else:
        out["name"] = MEASURE_NAMES[kind]
    out["text"] = text
    if kind == "fine":
        if measure["min"] is not None:
            out["min"] = measure["min"]
        out["max"] = measure["max"]
    elif kind == "fine-per-unit":
        out |= {"min": measure["amount"], "max": measure["amount"], "per": measure["per"]}
    elif kind == "fine-multiple":
        out |= {"min": measure["min_times"], "max": measure["max_times"], "of": measure["of"]}
    if measure.get("optional"):
        out["optional"] = True
    return out


def _keys(step: dict[str, Any]) -> list[str]:
    if step["circumstance"] is None:
        return []
    if step["circumstance"] != "other":
        return [step["circumstance"]]
    return REVIEWED_KEYS[step["condition"]]


def _steps(record: dict[str, Any], variant: dict[str, Any], text: str, lead_in: str = "") -> list[dict[str, Any]]:
    steps = []
    # Where the record's sentence starts: a paragraph may hold several penalties (湖州 29(1)).
    sentence = record["text"].lstrip("（一二三四五六七八九十）")
    found = [text.find(sentence.rstrip("；。")), text.find(sentence[:30]), text.find(sentence[:12])]
    base = next((at for at in found if at >= 0), 0)
    agencies = [agency["text"] for agency in record["agencies"]]
    from_lead_in = False
    for index, step in enumerate(variant["steps"]):
        first_text = step["measures"][0]["text"]
        if index == 0 and step["condition"] is None:
            # The violation itself: the provision's words up to its 的 before the first measure.
            at = text.find(first_text, base)
            head = text[base:at] if at > base else text[base:]
            # The first step's measures in the lead-in and a ladder after them (泰安 第四十六条、第四十九条:
            # …予以警告，并责令…；当场不改正…的，按下列规定予以处罚：): the condition is the item's
            # sentence, the sanction the lead-in's.
            from_lead_in = at < 0 and first_text in lead_in and len(variant["steps"]) > 1
            if from_lead_in:
                head = text[base : base + len(sentence)]
            cut = next((head.find(words) for words in agencies if head.find(words) > 0), -1)
            # It ends at the last 的 that closes a clause (…饲养危险犬的，由…指定的主管部门…), else, where no
            # clause ends in 的 before the agency (…佩戴嘴套，由城市管理部门…), at the agency, else at the
            # measure: a 的 inside a noun phrase (…行为人的不良信息，依法记入…; 对…的不文明行为予以曝光)
            # closes no condition.
            closing = [m.start() for m in re.finditer("的[，,]", head)]
            if closing:
                condition = head[: closing[-1] + 1]
            elif cut > 0:
                condition = head[:cut].rstrip("，,")
            else:
                condition = head.rstrip("，,；;。")
            condition = condition.split("。")[-1].split("；")[-1].strip() or record["behaviour"]["words"]
        else:
            condition = step["condition"]
        start = text.find(condition, base)
        start = text.find(condition) if start < 0 else start
        sanction = _clause_after(text, start + len(condition)) if start >= 0 else first_text
        if index == 0 and step["condition"] is None and from_lead_in:
            begin = lead_in.find(first_text)
            ends = [lead_in.find(m["text"], begin) + len(m["text"]) for m in step["measures"] if m["text"] in lead_in]
            sanction = lead_in[begin : max(ends)]
        if start < 0 and condition in lead_in and first_text not in lead_in:
            # A later condition in the lead-in whose measures are the item's (泰安 第四十六条: …当场不改正…的，
            # 按下列规定予以处罚：): the sanction is the lead-in's words after it, up to the next clause.
            sanction = _clause_after(lead_in, lead_in.find(condition) + len(condition)).split("，")[0].rstrip("：:")
        entry: dict[str, Any] = {"condition": condition}
        keys = _keys(step)
        if index > 0 and not keys:  # a later step in the text's order that names no circumstance
            keys = ["other"]
        if keys:
            entry["when_any"] = keys
        entry["sanction"] = sanction or first_text
        entry["measures"] = [_measure(measure) for measure in step["measures"]]
        if step["connector"] == "or":
            entry["connector"] = "or"
        steps.append(entry)
    return steps


def _agency_name(text: str) -> str:
    name = re.sub(r"^(?:下列行政处罚)?由", "", text)
    return re.sub(r"(?:实施|负责)?[：:]$", "", name) or text


def penalty_part(city: str) -> dict[str, Any]:
    record = yaml.safe_load((RECORDS / f"{city}.yaml").read_text(encoding="utf-8"))
    texts = Texts(ROOT / "data" / "sources" / "lawrefbook" / record["source"])
    agencies: dict[tuple[str, str], dict[str, Any]] = {}
    penalties: list[dict[str, Any]] = []
    liability: list[dict[str, Any]] = []
    circumstances: dict[str, str] = {}
    joint: set[str] = set()  # circumstances named so far only by a clause joining two
    keys: set[str] = set()
    for entry in record["penalties"]:
        provision = entry["provision"]
        text, lead_in = texts.text(provision)
        kinds = {m["kind"] for v in entry["variants"] for s in v["steps"] for m in s["measures"]}
        is_referral = kinds <= REFERRAL_ONLY and entry["referral"] is not None
        behaviour = entry["behaviour"]
        link: dict[str, Any] = {"link": behaviour["link"]}
        notes = []
        if any("章" in cited for cited in behaviour["cites"]):
            # A whole chapter cited (违反本条例第三章规定): no provision to link; the provision's words describe it.
            notes.append(f"引用{'、'.join(behaviour['cites'])}整章，按条文的描述链接")
            behaviour = {**behaviour, "link": "description", "cites": []}
            link = {"link": "description"}
        elif (
            not is_referral
            and behaviour["link"] in ("citation", "carried")
            and behaviour["cites"][0]
            not in (texts.article_text(provision) if behaviour["link"] == "carried" else text + lead_in)
        ):
            # Cited in another spelling (丽水 第三十条: 第十四条第（四）项; 绍兴 第三十九条: 第十一条第三项 for
            # the first paragraph's item): a data file's citation link is checked word for word, so the
            # provision's words describe the behaviour; it still points at the item.
            notes.append(f"条文所引{behaviour['cites'][0]}的写法与其编号不同，数据按条文的描述链接，仍指向该条文")
            behaviour = {**behaviour, "link": "description"}
            link = {"link": "description"}
        if behaviour["cites"]:
            link["cites"] = behaviour["cites"][0]
            if len(behaviour["cites"]) > 1:
                link["also"] = behaviour["cites"][1:]
        if behaviour["link"] in ("description", "relative") and behaviour["words"]:
            link["words"] = behaviour["words"]
        if is_referral:
            referral: dict[str, Any] = {
                "citation": provision,
                "kind": "referral",
                "summary": entry["text"].lstrip("（一二三四五六七八九十）"),
            }
            if entry["agencies"]:
                referral["agency"] = _agency_name(entry["agencies"][0]["text"])
            if entry["referral"]["laws"]:
                referral["laws"] = entry["referral"]["laws"]
            if behaviour["link"] != "description" or behaviour["words"]:
                referral["behaviour"] = (
                    link if behaviour["link"] != "description" else {"link": "description", "words": behaviour["words"]}
                )
            if notes:
                referral["review_notes"] = notes
            if entry["taxonomy"]:
                referral["taxonomy"] = entry["taxonomy"]
            liability.append(referral)
            continue
        agency_keys = []
        for agency in entry["agencies"]:
            name = _agency_name(agency["text"])
            found = agencies.get((agency["kind"], name))
            if found is None:
                taken = {a["key"] for a in agencies.values()}
                key = agency["kind"]
                number = 2
                while key in taken:
                    key, number = f"{agency['kind']}-{number}", number + 1
                found = {"key": key, "name": name, "short_name": name, "kind": agency["kind"], "source": []}
                agencies[(agency["kind"], name)] = found
            if provision not in found["source"]:
                found["source"].append(provision)
            agency_keys.append(found["key"])
        base = entry["taxonomy"] or "provision-" + "-".join(entry["id"].split("-")[1:]).replace("s", "s-")
        key, number = base, 2
        while key in keys:
            key, number = f"{base}-{number}", number + 1
        keys.add(key)
        penalty: dict[str, Any] = {
            "key": key,
            "name": (behaviour["words"] or entry["text"]).strip("，。；"),
            "behaviour": link
            if behaviour["link"] != "description" or behaviour["cites"]
            else {"link": "description", "words": behaviour["words"]},
            "provision": provision,
        }
        if agency_keys:
            penalty["agencies"] = agency_keys
            # The words naming them: the one agency's, or the span from the first to the last.
            words = [a["text"] for a in entry["agencies"]]
            where = text if all(w in text for w in words) else lead_in
            if len(words) == 1 or not all(w in where for w in words):
                penalty["agency_text"] = words[0]
            else:
                starts = [where.find(w) for w in words]
                penalty["agency_text"] = where[
                    min(starts) : max(s + len(w) for s, w in zip(starts, words, strict=True))
                ]
        variants = entry["variants"]
        # One ladder for anyone is the penalty's own; one for a named party or role only (机动车驾驶人,
        # 经营管理单位) stays a variant, so that answers say whom the provision penalises.
        if len(variants) == 1 and variants[0]["party"] == "any" and not variants[0]["role"]:
            penalty["steps"] = _steps(entry, variants[0], text, lead_in)
        else:
            penalty["steps"] = []
            penalty["variants"] = []
            for variant in variants:
                shaped: dict[str, Any] = {}
                if variant["party"] != "any":
                    shaped["party"] = variant["party"]
                role = variant["role"] or {"person": "个人", "organisation": "单位"}.get(variant["party"])
                if role:
                    shaped["role"] = role
                shaped["steps"] = _steps(entry, variant, text, lead_in)
                penalty["variants"].append(shaped)
            del penalty["steps"]
        if entry["taxonomy"]:
            penalty["taxonomy"] = entry["taxonomy"]
        if notes:
            penalty["review_notes"] = notes
        penalties.append(penalty)
        for ladder in [penalty.get("steps", [])] + [v["steps"] for v in penalty.get("variants", [])]:
            for step in ladder:
                named = step.get("when_any", [])
                for circumstance in named:
                    # A circumstance is named by the first step that names it alone (拒不改正的), not
                    # by a clause joining two (拒不改正或者多次违反的) that happens to stand earlier.
                    if circumstance not in circumstances or (circumstance in joint and len(named) == 1):
                        circumstances[circumstance] = step["condition"].removesuffix("的")
                        (joint.add if len(named) > 1 else joint.discard)(circumstance)
    # Provisions the model cannot hold (a sanction it has no measure for, 拘留): quoted, with the reason.
    for quoted in record.get("text_only", []):
        citation = quoted["provision"]
        liability.append(
            {
                "citation": citation,
                "kind": "text-only",
                "summary": texts.text(citation)[0],
                "agency": quoted["agency"],
                "behaviour": quoted["behaviour"],
                "taxonomy": quoted["taxonomy"],
                "review": "text-only",
                "review_notes": [quoted["reason"]],
            }
        )
    return {
        "circumstances": [{"key": key, "name": name, "description": name} for key, name in circumstances.items()],
        "agencies": list(agencies.values()),
        "penalties": penalties,
        "liability": liability,
    }


class _Dumper(yaml.SafeDumper):
    """No anchors and aliases: a data file may not hold them (wenming.loader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("city")
    parser.add_argument("--into", type=Path, help="an imported data file whose penalty part to replace")
    args = parser.parse_args()
    part = penalty_part(args.city)
    if args.into is None:
        sys.stdout.write(dump(part))
        return 0
    data = yaml.safe_load(args.into.read_text(encoding="utf-8"))
    data.update(part)
    args.into.write_text(dump(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
