"""Onward pointers: another law's penalty for a behaviour this regulation governs without one.

Article 35 of the regulation defers to laws that already penalise a behaviour. Where data/laws.yaml
`onward` says, with certainty, which provision of which law that is (22(10)'s vaccination part ->
《动物防疫法》第九十二条第三项), `fine` answers with that law's penalty, quoted from the source, as
another law's answer — not this regulation's. Nothing here guesses a pointer: no entry, no answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from wenming.answer import Answer
from wenming.laws import LawBook, Onward
from wenming.procedure import QuotedWords
from wenming.regulation import Regulation
from wenming.resolve import Unpenalised


class OtherLawStep(Answer):
    """One rung of the other law's penalty, in its own words."""

    number: int
    condition: str
    circumstances: list[str]  # names of the circumstances that reach it; empty: the violation itself
    sanction: str
    measures: list[str]
    fine_min: int | None  # None: the law gives no lower figure (可以处…以下), which is not 0
    fine_max: int | None
    fine_optional: bool  # 可以处: the fine is at the agency's discretion
    reached: bool = False
    applied: bool = False


class OtherLawAnswer(Answer):
    """`wenming fine` for a behaviour another law penalises (via Article 35): that law's penalty."""

    kind: Literal["other-law"] = "other-law"
    penalised: Literal[False] = False  # not by this regulation
    query: str
    violation_basis: str  # the regulation's provision of the behaviour (第二十二条第十项)
    behaviour: str  # its words
    law: str  # the other law's title
    law_version: str
    citation: str  # the provision that penalises it (第九十二条第三项)
    lead_in: QuotedWords
    item: QuotedWords
    provision_text: str  # the lead-in provision, quoted whole
    item_text: str
    duty: QuotedWords  # the duty of the other law the behaviour breaks
    agency: str
    steps: list[OtherLawStep]
    applied_step: int
    circumstances: list[str]  # names of the circumstances given
    specific_rules: QuotedWords
    referral: list[str]  # Article 35 of the regulation, whose deferral this follows
    reading: str | None
    notes: list[str]


def find_onward(book: LawBook, unit: Unpenalised) -> Onward | None:
    """The pointer whose `from` is exactly this unpenalised behaviour, if the data has one."""
    return next((o for o in book.laws.onward if o.from_.citation == unit.citation and o.from_.words == unit.text), None)


def other_law_answer(
    book: LawBook, regulation: Regulation, unit: Unpenalised, onward: Onward, circumstances: Iterable[str]
) -> OtherLawAnswer:
    law = book.laws.law(onward.law)
    given = [c.key for c in regulation.circumstances if c.key in set(circumstances)]
    names = {c.key: c.name for c in regulation.circumstances}
    steps = [
        OtherLawStep(
            number=number,
            condition=step.condition.words,
            circumstances=[names.get(key, key) for key in step.when_any],
            sanction=step.sanction.words,
            measures=list(step.measures),
            fine_min=step.fine.min,
            fine_max=step.fine.max,
            fine_optional=step.fine_optional,
        )
        for number, step in enumerate(onward.steps, start=1)
    ]
    reached = [i for i, step in enumerate(onward.steps) if not step.when_any or set(step.when_any) & set(given)]
    for index in reached:
        steps[index].reached = True
    steps[reached[-1]].applied = True
    provided = {key for step in onward.steps for key in step.when_any}
    notes = [
        f"{law.title}{onward.provision}：{names.get(key, key)}不是该条的用语，不影响结果。"
        for key in given
        if key not in provided
    ]
    referral = [f"{p.chinese}：{p.text}" for p in regulation.referrals()]
    return OtherLawAnswer(
        query=unit.citation,
        violation_basis=unit.citation,
        behaviour=unit.text,
        law=law.title,
        law_version=law.version,
        citation=onward.provision,
        lead_in=QuotedWords(citation=onward.lead_in.citation, words=onward.lead_in.words),
        item=QuotedWords(citation=onward.item.citation, words=onward.item.words),
        provision_text=law.texts[onward.lead_in.citation],
        item_text=law.texts[onward.item.citation],
        duty=QuotedWords(citation=onward.duty.citation, words=onward.duty.words),
        agency=onward.agency.words,
        steps=steps,
        applied_step=reached[-1] + 1,
        circumstances=[names[key] for key in given],
        specific_rules=QuotedWords(citation=onward.specific_rules.citation, words=onward.specific_rules.words),
        referral=referral,
        reading=onward.reading or None,
        notes=notes,
    )
