"""One regulation read by rule: every liability provision as a `Finding`."""

from __future__ import annotations

import re
from dataclasses import replace

from wenming.concepts import Vocabulary
from wenming.extract.found import EntryKind, Finding, FoundAgency, FoundLadder, Where
from wenming.extract.rules import Rules
from wenming.extract.sanctions import agencies_in, ladders_of, measures_of, referral_of, steps_of, subject_agencies
from wenming.extract.units import Unit, behaviour_cites, chinese, units
from wenming.reader.document import ReadRegulation

# Measures that make a provision a penalty of this regulation's own (else it refers, disciplines, or is quoted).
_OWN_SANCTIONS = (
    "fine",
    "fine-per-unit",
    "fine-multiple",
    "warning",
    "order",
    "confiscation",
    "revocation",
    "interview",
    "aggravate",  # 从重处罚 raises the sanction within a range: an aggravation, not a referral
)


def findings(read: ReadRegulation, rules: Rules, vocabulary: Vocabulary) -> list[Finding]:
    texts = _provision_texts(read)
    found: list[Finding] = []
    earlier: dict[tuple[int, int, int | None], list[str]] = {}
    for unit in units(read, rules):
        place = (unit.article.number, unit.paragraph, unit.item)
        taken = earlier.setdefault(place, [])
        finding = _finding(unit, read, rules, vocabulary, taken, texts)
        previous = found[-1] if found else None
        if finding.link == "carried" and previous is not None and previous.text.endswith(finding.text):
            finding.link = previous.link  # a tail of the sentence before: its citation is this one's
        taken += [c for c in finding.cites if c not in taken]
        found.append(finding)
    return found


def _provision(unit: Unit) -> str:
    return chinese(unit.article, unit.paragraph, unit.item)


def _provision_texts(read: ReadRegulation) -> dict[str, str]:
    """Each article, paragraph and item by its citation: the words a citation-only penalty names."""
    texts: dict[str, str] = {}
    for article in read.articles:
        for paragraph in article.paragraphs:
            texts[chinese(article, paragraph.number, None)] = paragraph.text
            for item in paragraph.items:
                texts[chinese(article, paragraph.number, item.number)] = item.text
        texts.setdefault(chinese(article, None, None), "".join(p.text for p in article.paragraphs))
    return texts


def _finding(
    unit: Unit, read: ReadRegulation, rules: Rules, vocabulary: Vocabulary, earlier: list[str], texts: dict[str, str]
) -> Finding:
    notes: list[str] = []
    link, cites, link_notes = behaviour_cites(unit, read, rules, earlier)
    notes += link_notes
    if unit.sanction_in_lead_in and unit.lead_in is not None:
        steps, step_notes = steps_of(unit.lead_in, rules)
        ladders = [FoundLadder(None, None, steps)] if steps else []
        notes.append("罚则写在本条引语中，各项只列行为")
    else:
        ladders, step_notes = ladders_of(unit.text, rules)
        if unit.lead_in is not None:  # what the lead-in imposes on every item (由…责令改正，按照下列规定…)
            shared, _, _ = measures_of(unit.lead_in, rules)
            shared = [m for m in shared if m.kind in ("order", "warning")]
            for ladder in ladders:
                if ladder.steps:
                    ladder.steps[0].measures[:0] = shared
    notes += step_notes
    steps = [step for ladder in ladders for step in ladder.steps]
    # Agencies: in the sanctions of the steps kept, else in the lead-in.
    agencies: list[FoundAgency] = []
    agency_text: str | None = None
    for step in steps:
        found, text = agencies_in(step.sanction, "provision", rules, vocabulary.agency_kinds)
        agencies += [a for a in found if a.name not in {b.name for b in agencies}]
        agency_text = agency_text or text
    if not agencies:  # a sanction split by party: the agency stands before the split
        for start in (m.start() for m in re.finditer(re.escape(rules.agency_marker), unit.text)):
            if start == 0 or unit.text[start - 1] in "，；,":
                found, text = agencies_in(unit.text[start:], "provision", rules, vocabulary.agency_kinds)
                agencies += [a for a in found if a.name not in {b.name for b in agencies}]
                agency_text = agency_text or text
    if not agencies and unit.lead_in is not None:
        agencies, agency_text = agencies_in(unit.lead_in, "lead-in", rules, vocabulary.agency_kinds)
    subjects: list[tuple[str | None, Where]] = [(unit.text, "provision"), (unit.lead_in, "lead-in")]
    for text, where in subjects:
        if not agencies and text:
            agencies, agency_text = subject_agencies(text, where, rules, vocabulary.agency_kinds)
    notes += [f"执法机关「{a.name}」不属共用词表的种类，记为 other" for a in agencies if a.kind == "other"]
    if not agencies:
        notes.append("未找到执法机关（罚则未写“由…”）")
    referred, laws = referral_of(
        unit.text + ("\n" + unit.lead_in if unit.sanction_in_lead_in and unit.lead_in else ""), rules
    )
    kinds = {m.kind for step in steps for m in step.measures}
    described = unit.sanction_in_lead_in or not steps
    words = _behaviour_words(unit.text if described else steps[0].condition, rules)
    if link == "description":
        notes.append("罚则未引条文，行为按其描述")
    taxonomy = _taxonomy(words or unit.text, vocabulary)
    if taxonomy is None and len(cites) == 1:
        taxonomy = _taxonomy(texts.get(cites[0], ""), vocabulary)
        if taxonomy is not None:
            notes.append(f"行为类别 {taxonomy} 按所引{cites[0]}的文字推定")
    kind: EntryKind
    unstructured = [word for word in rules.unstructured if word in unit.text]
    if unstructured:
        notes.append(f"罚则含数据格式没有的处罚（{'、'.join(unstructured)}），只引原文")
    if "disciplinary" in kinds or taxonomy in rules.discipline_behaviours:
        kind = "discipline"
        # Officials' misconduct 依法处理 (by their unit or the supervisory organ) is their discipline,
        # not a sanction another law sets: a disciplinary measure, and no referral unless a law is named.
        name = next(r.words[0] for r in rules.measures if r.kind == "disciplinary")
        for step in steps:
            step.measures[:] = [
                replace(m, kind="disciplinary", name=name) if m.kind == "per-law" else m for m in step.measures
            ]
        referred = referred and bool(laws)
    elif not unit.sanction_in_lead_in and not unstructured and kinds & set(_OWN_SANCTIONS):
        kind = "penalty"
    elif referred:
        kind = "referral"
    else:
        kind = "text-only"
    return Finding(
        article=unit.article.number,
        paragraph=unit.paragraph,
        item=unit.item,
        sentence=unit.sentence,
        provision=_provision(unit),
        line=unit.line,
        text=unit.text,
        lead_in=unit.lead_in,
        link=link,
        cites=cites,
        words=words,
        agencies=agencies,
        agency_text=agency_text,
        ladders=ladders,
        referral=referred,
        laws=laws,
        kind=kind,
        taxonomy=taxonomy,
        notes=notes,
    )


def _behaviour_words(condition: str, rules: Rules) -> str | None:
    """The behaviour as the provision words it: the condition without what introduces it
    (违反…规定，) and its closing 的; None where a citation is all it says."""
    text = condition
    for pattern in rules.behaviour_preambles:
        text = re.sub(pattern, "", text)
    text = text.rstrip("；;。.，, ").removesuffix(rules.condition_end).strip("，, ")
    if re.fullmatch(rules.citation_only, text):
        return None
    return text or None


def _taxonomy(words: str, vocabulary: Vocabulary) -> str | None:
    """The shared behaviour the words name first (the earliest word, the longest there)."""
    best: tuple[int, int, str] | None = None
    for behaviour in vocabulary.behaviours:
        for word in behaviour.words:
            at = words.find(word)
            if at >= 0 and (best is None or (at, -len(word)) < (best[0], -best[1])):
                best = (at, len(word), behaviour.key)
    return best[2] if best else None
