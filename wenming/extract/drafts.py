"""Findings -> the data file's penalty part (plain dicts), each checked by the data file's own
validation: a draft that would not load is written as a text-only liability entry instead, with
the reason among its review notes, so that `wenming import` never writes a file that fails."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from wenming.concepts import Vocabulary
from wenming.extract.found import Finding, FoundMeasure, FoundStep
from wenming.extract.rules import Rules
from wenming.model import Agency, Article, Chapter, Circumstance, LiabilityProvision, Metadata, Penalty, TaxonomyLink
from wenming.reader.document import ReadRegulation
from wenming.regulation import Regulation
from wenming.validation import regulation_problems

DRAFTED = "由规则起草，未经人工核对"


@dataclass
class Written:
    circumstances: list[dict[str, Any]] = field(default_factory=list)
    agencies: list[dict[str, Any]] = field(default_factory=list)
    penalties: list[dict[str, Any]] = field(default_factory=list)
    liability: list[dict[str, Any]] = field(default_factory=list)
    behaviour_taxonomy: list[dict[str, Any]] = field(default_factory=list)
    demoted: list[tuple[Finding, str]] = field(default_factory=list)
    unchecked: str | None = None  # why the drafts could not be checked, where they could not


def _measure(measure: FoundMeasure) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": measure.kind, "name": measure.name, "text": measure.text}
    if measure.kind in ("fine", "fine-per-unit", "fine-multiple"):
        data["min"], data["max"] = measure.min, measure.max
    for key in ("per", "of", "what"):
        if getattr(measure, key) is not None:
            data[key] = getattr(measure, key)
    if measure.optional:
        data["optional"] = True
    return data


class _Writer:
    def __init__(self, read: ReadRegulation, rules: Rules, vocabulary: Vocabulary) -> None:
        self.read, self.rules, self.vocabulary = read, rules, vocabulary
        self.circumstances: dict[str, dict[str, Any]] = {}
        self.others: dict[str, str] = {}  # condition words -> key, for circumstances no rule names

    def circumstance(self, step: FoundStep) -> str:
        words = step.circumstance_words or step.condition
        if step.circumstance not in (None, "other"):
            key = step.circumstance
            rule = next(r for r in self.rules.circumstances if r.key == key)
            self.circumstances.setdefault(key, {"key": key, "name": words, "description": rule.description})
            return key
        key = self.others.setdefault(words, f"other-{len(self.others) + 1}")
        self.circumstances.setdefault(key, {"key": key, "name": words, "description": f"条例所写的情形：{words}"})
        return key

    def known(self, key: str) -> str:
        """A further circumstance a condition names, by its rule's first words."""
        rule = next(r for r in self.rules.circumstances if r.key == key)
        self.circumstances.setdefault(key, {"key": key, "name": rule.words[0], "description": rule.description})
        return key

    def steps(self, steps: list[FoundStep], notes: list[str]) -> list[dict[str, Any]]:
        written = []
        if steps and steps[0].circumstance is not None:
            notes.append(f"第一级的条件「{steps[0].condition}」是一种情形，数据中按违法行为本身处理")
        for index, step in enumerate(steps):
            data: dict[str, Any] = {"condition": step.condition, "sanction": step.sanction}
            if index:
                data["when_any"] = [self.circumstance(step), *(self.known(key) for key in step.also)]
            data["measures"] = [_measure(m) for m in step.measures]
            if step.connector == "or":
                data["connector"] = "or"
            written.append(data)
        return written

    def behaviour(self, finding: Finding, described: bool = False) -> dict[str, Any]:
        if finding.cites and finding.link != "description" and not described:
            data: dict[str, Any] = {"link": finding.link, "cites": finding.cites[0]}
            if finding.link == "relative" and finding.words and finding.words in finding.text:
                data["words"] = finding.words
            return data
        words = finding.words or finding.text
        if described and finding.cites:  # written otherwise (第七条第八项): still the provision cited
            return {"link": "description", "cites": finding.cites[0], "words": words}
        return {"link": "description", "words": words}

    def penalty(self, finding: Finding, agency_keys: list[str], described: bool = False) -> dict[str, Any]:
        notes = [DRAFTED, *finding.notes]
        if described:
            notes.append(
                f"所引条文（{'、'.join(finding.cites)}）的写法与条文编号不同，校验找不到，行为改按描述，仍指向该条文"
            )
        if len(finding.cites) > 1:
            notes.append(f"罚则引用多处：{'、'.join(finding.cites)}；只链接第一处")
        data: dict[str, Any] = {
            "key": "article-" + finding.id,
            "name": finding.words or finding.provision,
            "behaviour": self.behaviour(finding, described),
            "provision": finding.provision,
        }
        if agency_keys and finding.agency_text:
            data["agencies"] = agency_keys
            data["agency_text"] = finding.agency_text
        ladders = finding.ladders
        if len(ladders) == 1 and ladders[0].party is None and ladders[0].role is None:
            data["steps"] = self.steps(ladders[0].steps, notes)
        else:
            variants = []
            for ladder in ladders:
                variant: dict[str, Any] = {"steps": self.steps(ladder.steps, notes)}
                if ladder.party:
                    variant["party"] = ladder.party
                if ladder.role or not ladder.party:
                    variant["role"] = ladder.role or "（未写明）"
                variants.append(variant)
            data["variants"] = variants
            notes.append("按当事人或角色分列数额")
        if finding.taxonomy:
            data["taxonomy"] = finding.taxonomy
        data["review"] = "draft"
        data["review_notes"] = notes
        return data

    def liability(self, finding: Finding, kind: str, extra: list[str]) -> dict[str, Any]:
        data: dict[str, Any] = {"citation": finding.provision, "kind": kind, "summary": finding.text}
        if finding.agency_text:
            data["agency"] = finding.agency_text
        if finding.laws:
            data["laws"] = finding.laws
        if finding.cites and finding.link != "description":
            data["behaviour"] = self.behaviour(finding)
        if finding.taxonomy:
            data["taxonomy"] = finding.taxonomy
        data["review"] = "draft"
        data["review_notes"] = [DRAFTED, *finding.notes, *extra]
        return data


def _agencies(findings: list[tuple[Finding, bool]]) -> tuple[list[dict[str, Any]], dict[int, list[str]]]:
    """The agencies named by the penalties written, one key each, and each penalty's keys."""
    by_name: dict[str, dict[str, Any]] = {}
    keys: dict[int, list[str]] = {}
    for index, (finding, _) in enumerate(findings):
        own = []
        for agency in finding.agencies:
            entry = by_name.get(agency.name)
            if entry is None:
                taken = {e["key"] for e in by_name.values()}
                key = agency.kind
                number = 2
                while key in taken:
                    key = f"{agency.kind}-{number}"
                    number += 1
                entry = {"key": key, "name": agency.name, "short_name": agency.name, "source": [], "kind": agency.kind}
                by_name[agency.name] = entry
            if finding.provision not in entry["source"]:
                entry["source"].append(finding.provision)
            own.append(entry["key"])
        keys[index] = list(dict.fromkeys(own))
    return list(by_name.values()), keys


def _checking_regulation(read: ReadRegulation, written: dict[str, Any]) -> Regulation:
    """The regulation the drafts are validated against: the text as read (chapters, or none), the drafts."""
    text = read.text_part()
    chapters = [Chapter.validate(chapter) for chapter in text.get("chapters", [])]
    articles = [Article.validate(article) for article in text.get("articles", [])]
    return Regulation.construct(
        dict(
            schema_version=1,
            meta=Metadata.construct({"title": read.title, "external_facts": []}),
            chapters=chapters,
            articles=articles,
            **written,
        )
    )


def _taxonomy_links(found: list[Finding]) -> list[dict[str, Any]]:
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for finding in found:
        if finding.taxonomy and finding.cites and finding.link != "description":
            for cite in finding.cites:
                links.setdefault(
                    (cite, finding.taxonomy), {"cites": cite, "taxonomy": finding.taxonomy, "review": "draft"}
                )
    return list(links.values())


def write(read: ReadRegulation, found: list[Finding], rules: Rules, vocabulary: Vocabulary) -> Written:
    """The penalty part, every penalty checked. One that fails the data file's checks is written
    again with its behaviour only described (a citation the check cannot find in the provision's
    words, as 第（四）项 for 第四项), and if it still fails, as a text-only liability entry."""
    demoted: dict[int, str] = {}
    described: set[int] = set()
    unchecked: str | None = None
    taxonomy = _taxonomy_links(found)
    for _ in range(6):
        writer = _Writer(read, rules, vocabulary)
        penalties: list[dict[str, Any]] = []
        liability: list[dict[str, Any]] = []
        index_of: list[int] = []
        chosen = [i for i, f in enumerate(found) if f.kind == "penalty" and i not in demoted]
        agencies, keys = _agencies([(found[i], True) for i in chosen])
        for index, finding in enumerate(found):
            if index in chosen:
                try:
                    data = writer.penalty(finding, keys[chosen.index(index)], index in described)
                    Penalty.validate(data)
                except ValidationError as error:
                    demoted[index] = f"草稿不合数据格式：{error}".splitlines()[0]
                    liability.append(writer.liability(finding, "text-only", [f"未能结构化：{demoted[index]}"]))
                    continue
                penalties.append(data)
                index_of.append(index)
            else:
                kind = "text-only" if finding.kind == "penalty" else finding.kind
                extra = [f"未能结构化：{demoted[index]}"] if index in demoted else []
                liability.append(writer.liability(finding, kind, extra))
        used = {key for p in penalties for key in p.get("agencies", [])}
        agencies = [a for a in agencies if a["key"] in used]
        try:
            regulation = _checking_regulation(
                read,
                {
                    "circumstances": [Circumstance.validate(c) for c in writer.circumstances.values()],
                    "agencies": [Agency.validate(a) for a in agencies],
                    "penalties": [Penalty.validate(p) for p in penalties],
                    "liability": [LiabilityProvision.validate(entry) for entry in liability],
                    "behaviour_taxonomy": [TaxonomyLink.validate(link) for link in taxonomy],
                },
            )
        except ValidationError as error:  # the text itself does not load: nothing to check against
            unchecked = f"条文结构不合数据格式，罚则草稿未能核对：{error}".splitlines()[0]
            break
        problems = regulation_problems(regulation, vocabulary)
        failing = [p for p in problems if p.path[:1] == ("penalties",) and isinstance(p.path[1], int)]
        if not failing:
            break
        for problem in failing:
            index = index_of[int(problem.path[1])]
            if problem.path[2] in ("behaviour", "provision") and index not in described:
                described.add(index)
            elif index not in described or problem.path[2] not in ("behaviour", "provision"):
                demoted.setdefault(index, problem.message)
    return Written(
        circumstances=list(writer.circumstances.values()),
        agencies=agencies,
        penalties=penalties,
        liability=liability,
        behaviour_taxonomy=taxonomy,
        demoted=[(found[i], message) for i, message in demoted.items()],
        unchecked=unchecked,
    )
