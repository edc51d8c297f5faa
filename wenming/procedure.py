"""What 《行政处罚法》 attaches to the step of a fine ladder reached, for the party fined.

Pure logic over wenming.laws' data (data/laws.yaml `procedure`, `checklist`, `reduce_grounds`;
data/parties.yaml): every provision, amount, word and reading comes from there. This module holds
only the reasoning that applies them to one step:

- A step whose measures are none of the kinds of 行政处罚 the data lists (警告, 罚款) — an order to
  correct alone — is no 行政处罚: every question of the checklist is answered "does not apply".
- Otherwise each question of the checklist is answered in order, for the party: true, false (with
  the rule that excludes it), or a condition in the law's own words, with the part of the step's
  range for which it can hold at all (第五十一条's limit cuts 200–500 at 200 for a person).
- Where the party is not given and the penalty addresses both kinds, each question whose answer
  differs by party is answered once per party.
- An amount (--amount) is checked against the step's range; below its minimum only with a ground
  (Article 41 of the regulation, or a ground of national law given with --reduce).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from wenming.answer import Answer, field
from wenming.declared import Value
from wenming.errors import BadInput
from wenming.laws import LawBook, PartyKey, PenaltyParties, ReduceGround
from wenming.model import Penalty, Step
from wenming.regulation import Regulation

if TYPE_CHECKING:  # a protocol is for the type checker; making one costs start-up time
    from wenming.laws import Piece

# The regulation's external fact that says when it took effect (第三十七条 judges conduct before it).
EFFECTIVE_DATE_FACT = "effective-date"

# --- result models --------------------------------------------------------------------------------


class QuotedWords(Answer):
    """A piece of a provision, word for word."""

    citation: str
    words: str


class ProcedureEntry(Answer):
    """One provision of 行政处罚法 and whether it applies to the step reached, for the party fined."""

    law: str  # the law's title, e.g. 中华人民共和国行政处罚法
    citation: str
    words: str | None = None  # the piece answered, where the provision holds two rules (第三十三条第一款)
    rule: str  # the rule of data/laws.yaml `procedure` that answers it
    party: PartyKey | None = None  # set where the answer differs by party and the party is not given
    party_name: str | None = None
    # true; false; or the condition (a fact wenming cannot know) in the law's words, joined by ；
    applies: bool | str
    condition: list[QuotedWords] = field(default_factory=list)  # the condition's words, each with its provision
    fine_min: int | None = None  # the part of the step's range for which it can apply at all
    fine_max: int | None = None
    required_above: int | None = None  # above this amount this is the only procedure
    threshold_note: str | None = None  # a figure the sources do not give: said, never guessed
    fact: bool = False  # the condition is a question of fact for the officer
    because: str | None = None  # where it does not apply: the rule that excludes it
    reading: str | None = None  # the interpretation this answer rests on: a reading, not the law's words
    date: datetime.date | None = None  # 第三十七条: the day the regulation took effect
    years: int | None = None  # 第三十六条: the period
    days: int | None = None  # 第六十七条第三款: the days to pay in
    text: str  # the provision, quoted whole


class DeadlineView(Answer):
    """The deadline 逾期 presupposes: the order at `given_at_step` sets it, in `wording` — a reading."""

    law: str
    citation: str  # its basis
    words: str
    text: str
    wording: str  # 责令其于＿＿年＿＿月＿＿日前改正: the project's words, not the law's
    reading: str
    given_at_step: int
    presupposed_by_step: int  # the step whose condition is 逾期
    presupposed_by: str  # that step's condition, as the regulation words it


class DiscretionView(Answer):
    """第三十四条 裁量基准: the regulation defines these circumstances nowhere."""

    law: str
    citation: str
    text: str
    circumstances: list[str]  # their names, as the regulation's ladder words them
    reading: str


class TellView(Answer):
    """What the party is told, and whether it applies here."""

    when: str
    citation: str
    words: str
    days: int | None = None
    applies: bool | str


class PartyView(Answer):
    """Whom the answer is for, and whom the penalty addresses (data/parties.yaml)."""

    key: PartyKey | None  # None: not given, and the penalty addresses more than one kind
    name: str | None
    given: bool
    addresses: list[PartyKey]
    addresses_names: list[str]
    reading: bool | None  # true: the provision does not name its party; `basis` reads it
    basis: str | None


class GroundView(Answer):
    """A ground that lowers a fine: the regulation's Article 41, or one of national law (--reduce)."""

    key: str
    law: str
    citation: str
    words: str
    effect: str
    shall: bool | None
    party: PartyKey | None = None
    text: str
    reading: str | None = None  # what the ground is read to allow (从轻, 减轻): a reading


class Qualification(Answer):
    """Whether the amount is within a limit of 行政处罚法, for one party."""

    party: PartyKey
    party_name: str
    citation: str
    limit: int
    qualifies: bool
    reading: str | None = None  # where the amount is the limit itself: 以下 read as including it


class AmountView(Answer):
    """--amount N, checked against the step reached."""

    amount: int
    fine_min: int  # the range allowed, the ground's lowering included
    fine_max: int
    statutory_min: int | None  # None: the provision states an upper limit only
    statutory_max: int
    below_minimum: bool  # 减轻: allowed only by `ground`
    ground: GroundView | None  # the provision that allows an amount below the minimum
    qualifies: list[Qualification]


class AmountRefused(BadInput):
    """--amount, --party or --reduce that the step reached does not allow (exit 2); `reason` names why."""

    def __init__(
        self,
        reason: str,
        message: str,
        suggestion: str | None = None,
        allowed: tuple[int, int] | None = None,
        candidates: list[str] | None = None,
        choices: list[dict[str, str | None]] | None = None,
    ) -> None:
        super().__init__(message, suggestion=suggestion, candidates=candidates, choices=choices)
        self.reason = reason
        self.allowed = allowed  # the range of amounts the step allows, where one is named


# --- the party --------------------------------------------------------------------------------------


def resolve_party(book: LawBook, text: str) -> PartyKey:
    """person, organisation, or a name or alias the data gives them (公民, 个人, 单位)."""
    wanted = text.strip()
    for key, kind in book.parties.kinds.items():
        if wanted in (key, kind.name, *kind.aliases):
            return key
    known = "；".join(f"{key}（{kind.name}，{'、'.join(kind.aliases)}）" for key, kind in book.parties.kinds.items())
    raise BadInput(f"没有这种当事人：{text}", suggestion=f"可用：{known}")


def party_names(book: LawBook, keys: Sequence[PartyKey]) -> list[str]:
    return [book.parties.kinds[key].name for key in keys]


def penalty_parties(book: LawBook, regulation: Regulation, penalty: Penalty) -> PenaltyParties | None:
    """data/parties.yaml's reading of whom the penalty addresses: written for one regulation (laws.yaml's
    written_for), whose keys other regulations share, so for no other."""
    if book.laws.written_for != regulation.meta.title:
        return None
    return book.parties.penalties.get(penalty.key)


def parties_for(
    book: LawBook,
    entry: PenaltyParties | None,
    provision_name: str,
    given: PartyKey | None,
    ground: ReduceGround | None,
    written: PartyKey | None = None,
) -> tuple[list[PartyKey], PartyView]:
    """The parties the answer is for, and the view of them: those `entry` (penalty_parties) reads the
    penalty to address, else the one its own ladder is `written` for (对单位…), else either kind.
    AmountRefused where the penalty or the ground excludes the party given."""
    addresses: list[PartyKey] = list(entry.parties) if entry else [written] if written else list(book.parties.kinds)
    if given is not None and given not in addresses:
        names = "、".join(party_names(book, addresses))
        said = "（解读）" if entry is not None and entry.reading else ""
        raise AmountRefused(
            "party-excluded",
            f"{provision_name}针对{names}{said}，不针对{book.parties.kinds[given].name}",
            suggestion=f"去掉 --party，或用 --party {'/'.join(addresses)}",
            candidates=[f"依据{said}：{entry.basis}"] if entry is not None else [],
            choices=[
                {
                    "party": key,
                    "name": book.parties.kinds[key].name,
                    "reading": str(entry.reading).lower() if entry is not None else None,
                    "basis": entry.basis if entry is not None else None,
                }
                for key in addresses
            ],
        )
    chosen = [given] if given is not None else addresses
    if ground is not None and ground.party is not None:
        if ground.party not in chosen:
            raise AmountRefused(
                "ground-excludes-party",
                f"{ground.citation}只涉及{book.parties.kinds[ground.party].name}，"
                f"不是{'、'.join(party_names(book, chosen))}的依据",
                suggestion="去掉 --reduce，或换一个依据",
            )
        chosen = [ground.party]
    view = PartyView(
        key=chosen[0] if len(chosen) == 1 else None,
        name=book.parties.kinds[chosen[0]].name if len(chosen) == 1 else None,
        given=given is not None,
        addresses=addresses,
        addresses_names=party_names(book, addresses),
        reading=entry.reading if entry else None,
        basis=entry.basis if entry else None,
    )
    return chosen, view


def resolve_ground(book: LawBook, text: str) -> ReduceGround:
    """A ground of data/laws.yaml `reduce_grounds`, by its key or its citation when that names one."""
    wanted = text.strip()
    found = [g for g in book.laws.reduce_grounds if wanted in (g.key, g.citation)]
    if len(found) == 1:
        return found[0]
    listed = "；".join(f"{g.key}（{g.citation}）" for g in (found or book.laws.reduce_grounds))
    raise BadInput(f"{'依据不唯一' if found else '没有这个依据'}：{text}", suggestion=f"可用：{listed}")


def ground_view(book: LawBook, ground: ReduceGround) -> GroundView:
    law = book.laws.law(ground.law)
    return GroundView(
        key=ground.key,
        law=law.title,
        citation=ground.citation,
        words=ground.words,
        effect=ground.effect,
        shall=ground.shall,
        party=ground.party,
        text=law.texts[ground.citation],
        reading=book.laws.reduce_reading if ground.effect == "lighter-or-reduced" else None,
    )


# --- the step ---------------------------------------------------------------------------------------


class StepFacts(Value):
    """What the procedure turns on: the step's measures and fine range, and the circumstances given."""

    measures: tuple[str, ...]
    fine_min: int | None  # the range the procedure is judged on: the step's, lowered, or the amount
    fine_max: int | None
    circumstances: frozenset[str]


# The kinds of measure (wenming.model's) the procedure data answers for: an order to correct, 警告, and a
# fine of a range in yuan. A step with any other (没收, 吊销, a fine per unit or a multiple of a sum, a
# credit record …) gets no procedure: what 行政处罚法 attaches to those is not in the data.
ANSWERED_KINDS = frozenset({"order", "warning", "fine"})


def unanswered_measures(step: Step) -> list[str]:
    """The names of the step's measures the procedure data cannot answer for; empty where it can."""
    named = []
    for measure in step.measures:
        if measure.kind == "fine-per-unit":
            named.append(f"按每{measure.per}计的罚款")  # the total depends on how many: 第五十一条 cannot be judged
        elif measure.kind == "fine-multiple":
            named.append(f"按{measure.of}倍数计的罚款")
        elif measure.kind not in ANSWERED_KINDS:
            named.append(measure.name)
    return named


def is_penalty(book: LawBook, measures: Sequence[str]) -> bool:
    """Whether a step's measures include a kind of 行政处罚 (警告, 罚款), not only an order to correct."""
    kinds = {kind.measure for kind in book.laws.procedure.order_only.kinds}
    return bool(kinds & set(measures))


def _q(words: Piece) -> QuotedWords:
    return QuotedWords(citation=words.citation, words=words.words)


def _condition(*pieces: Piece) -> tuple[str, list[QuotedWords]]:
    """The condition in words (the pieces joined by ；, each without its closing punctuation) and
    the pieces themselves, quoted exactly."""
    quoted = [_q(piece) for piece in pieces]
    return "；".join(piece.words.rstrip("；。，") for piece in quoted), quoted


class _Entries:
    """The checklist answered for one party."""

    def __init__(self, book: LawBook, facts: StepFacts, party: PartyKey) -> None:
        self.book = book
        self.rules = book.laws.procedure
        self.law = book.laws.law(self.rules.law)
        self.facts = facts
        self.party = party
        self.limit = getattr(self.rules.on_the_spot.fine_max, party)
        self.penalty = is_penalty(book, facts.measures)
        # A fine with an upper limit only (二百元以下) has no minimum: its range starts above nothing.
        self.fined = facts.fine_max is not None
        # The part of the range that may be decided on the spot (第五十一条): None where none may; its
        # low end None where the fine has no minimum.
        self.spot: tuple[int | None, int] | None = None
        if facts.fine_max is not None:
            if (facts.fine_min or 0) <= self.limit.amount:
                self.spot = (facts.fine_min, min(facts.fine_max, self.limit.amount))
        elif self.penalty and self._non_fine_on_the_spot():
            self.spot = (0, 0)

    def _non_fine_on_the_spot(self) -> bool:
        """A step with no fine: on the spot where 第五十一条's words name each of its penalties (警告)."""
        warning = self.rules.on_the_spot.warning
        kinds = {kind.measure for kind in self.rules.order_only.kinds}
        named = [m for m in self.facts.measures if m in kinds]
        return warning.allowed and all(m in warning.words for m in named)

    def entry(self, citation: str, rule: str, words: str | None, applies: bool | str, **fields: Any) -> ProcedureEntry:
        return ProcedureEntry(
            law=self.law.title,
            citation=citation,
            words=words,
            rule=rule,
            applies=applies,
            text=self.law.texts[citation],
            **fields,
        )

    def answer(self, citation: str, rule: str, words: str | None) -> ProcedureEntry:
        if not self.penalty:
            reading = self.rules.order_only.reading if citation == self.rules.order_only.order.citation else None
            return self.entry(citation, rule, words, False, because="order_only", reading=reading)
        answer: Callable[[str, str, str | None], ProcedureEntry] = {
            "deadline": self._deadline,
            "on_the_spot": self._on_the_spot,
            "general_procedure": self._general_procedure,
            "notice_and_defence": self._notice_and_defence,
            "hearing": self._hearing,
            "on_the_spot_collection": self._on_the_spot_collection,
            "remote_collection": self._remote_collection,
            "payment": self._payment,
            "no_penalty": self._no_penalty,
            "minors": self._minors,
        }[rule]
        return answer(citation, rule, words)

    def _deadline(self, citation: str, rule: str, words: str | None) -> ProcedureEntry:
        return self.entry(citation, rule, words, True)

    def _on_the_spot(self, citation: str, rule: str, words: str | None) -> ProcedureEntry:
        reading = self.rules.on_the_spot.inclusive.reading
        if self.spot is None:
            return self.entry(citation, rule, words, False, because="on_the_spot")
        if not self.fined:
            return self.entry(citation, rule, words, True)
        low, high = self.spot
        at_limit = high == self.limit.amount
        if self.facts.fine_max is not None and self.facts.fine_max <= self.limit.amount:
            return self.entry(citation, rule, words, True, reading=reading if at_limit else None)
        applies, condition = _condition(self.limit)
        return self.entry(
            citation, rule, words, applies, condition=condition, fine_min=low, fine_max=high, reading=reading
        )

    def _general_procedure(self, citation: str, rule: str, words: str | None) -> ProcedureEntry:
        scope = self.rules.general_procedure.scope
        if self.spot is None:
            return self.entry(citation, rule, words, True)
        applies, condition = _condition(scope)
        above = None
        if self.fined and self.facts.fine_max is not None and self.facts.fine_max > self.limit.amount:
            above = self.limit.amount
        return self.entry(citation, rule, words, applies, condition=condition, required_above=above)

    def _notice_and_defence(self, citation: str, rule: str, words: str | None) -> ProcedureEntry:
        # Before every decision, on the spot too: a reading, shown with every answer it decides.
        return self.entry(citation, rule, words, True, reading=self.rules.notice_and_defence.reading or None)

    def _hearing(self, citation: str, rule: str, words: str | None) -> ProcedureEntry:
        hearing = self.rules.hearing
        if not self.fined:
            return self.entry(citation, rule, words, False, because="hearing", reading=hearing.reading or None)
        applies, condition = _condition(hearing.trigger)
        return self.entry(citation, rule, words, applies, condition=condition, threshold_note=hearing.threshold_note)

    def _on_the_spot_collection(self, citation: str, rule: str, words: str | None) -> ProcedureEntry:
        rules = self.rules.on_the_spot_collection
        case = next(case for case in rules.any_of if case.citation == citation)
        if not self.fined or self.spot is None:
            return self.entry(citation, rule, words, False, because=rule)
        low, high = self.spot
        if case.fine_max is not None:
            high = min(high, case.fine_max)
        if (low or 0) > high:
            return self.entry(citation, rule, words, False, because=rule)
        applies, condition = _condition(rules.requires, case)
        reading = self.rules.on_the_spot.inclusive.reading if high == case.fine_max else None
        return self.entry(
            citation,
            rule,
            words,
            applies,
            condition=condition,
            fine_min=low,
            fine_max=high,
            fact=case.fact,
            reading=reading,
        )

    def _remote_collection(self, citation: str, rule: str, words: str | None) -> ProcedureEntry:
        remote = self.rules.remote_collection
        if not self.fined:
            return self.entry(citation, rule, words, False, because=rule)
        applies, condition = _condition(remote.where, remote.when)
        return self.entry(citation, rule, words, applies, condition=condition, fact=True)

    def _payment(self, citation: str, rule: str, words: str | None) -> ProcedureEntry:
        payment = self.rules.payment
        if not self.fined:
            return self.entry(citation, rule, words, False, because=rule)
        applies, condition = _condition(payment.unless_collected)
        return self.entry(
            citation,
            rule,
            words,
            applies,
            condition=condition,
            days=payment.within.days,
            reading=payment.reading or None,
        )

    def _no_penalty(self, citation: str, rule: str, words: str | None) -> ProcedureEntry:
        rules = self.rules.no_penalty
        sentence = "shall" if words == rules.shall.words else "may"
        weighed = [e for e in rules.excludes if e.circumstance in self.facts.circumstances]
        excluding = [e for e in weighed if sentence in e.sentences]
        reading = rules.reading if any(e.reading for e in weighed) else None
        if excluding:
            return self.entry(citation, rule, words, False, because=rule, reading=reading)
        applies, condition = _condition(getattr(rules, sentence))
        return self.entry(citation, rule, words, applies, condition=condition, fact=True, reading=reading)

    def _minors(self, citation: str, rule: str, words: str | None) -> ProcedureEntry:
        minors = self.rules.minors
        if self.party != minors.party:
            return self.entry(citation, rule, words, False, because=rule, reading=minors.reading or None)
        piece = minors.under_14 if words == minors.under_14.words else minors.from_14_to_18
        applies, condition = _condition(piece)
        return self.entry(citation, rule, words, applies, condition=condition, fact=True)

    def extras(self, regulation: Regulation) -> list[ProcedureEntry]:
        """Beyond the checklist, for a 行政处罚: the rest of 第三十三条, the limitation (第三十六条), the law
        in time (第三十七条) and one fine for one violation (第二十九条)."""
        if not self.penalty:
            return []
        # 第三十三条 whole: its other paragraphs (no fault; education where no penalty is given).
        entries = []
        no_penalty = self.rules.no_penalty
        for piece in (no_penalty.no_fault, no_penalty.educate):
            applies, condition = _condition(piece)
            entries.append(self.entry(piece.citation, "no_penalty", None, applies, condition=condition, fact=True))
        limitation, temporal = self.rules.limitation, self.rules.temporal
        general, counted = limitation.general, limitation.counted_from
        applies, condition = _condition(general, limitation.extended)
        entries.append(
            self.entry(
                general.citation,
                "limitation",
                None,
                applies,
                condition=condition,
                fact=True,
                years=general.years,
                reading=limitation.reading or None,
            )
        )
        entries.append(self.entry(counted.citation, "limitation", None, True, condition=[_q(counted)]))
        effective = next((f.date for f in regulation.meta.external_facts if f.key == EFFECTIVE_DATE_FACT), None)
        entries.append(
            self.entry(
                temporal.rule.citation,
                "temporal",
                None,
                True,
                condition=[_q(temporal.rule), _q(temporal.lighter_new)],
                date=effective,
                reading=temporal.reading or None,
            )
        )
        if self.fined:
            one = self.rules.one_fine
            entries.append(self.entry(one.citation, "one_fine", None, True, condition=[_q(one)]))
        return entries


def procedure_entries(
    book: LawBook, regulation: Regulation, facts: StepFacts, parties: Sequence[PartyKey]
) -> list[ProcedureEntry]:
    """The checklist answered for the step; an answer that differs by party once per party, in the
    data's order of parties; then the provisions every 行政处罚 meets (limitation, time, one fine)."""
    answerers = [_Entries(book, facts, party) for party in parties]
    entries: list[ProcedureEntry] = []
    for item in book.laws.checklist:
        answers = [a.answer(item.citation, item.rule, item.words) for a in answerers]
        # The same answer for every party is given once; a reading one party's answer rests on goes with it.
        plain = [answer.replace(reading=None) for answer in answers]
        if all(answer == plain[0] for answer in plain):
            reading = next((answer.reading for answer in answers if answer.reading), None)
            entries.append(answers[0].replace(reading=reading))
            continue
        for answerer, answer in zip(answerers, answers, strict=True):
            kind = book.parties.kinds[answerer.party]
            entries.append(answer.replace(party=answerer.party, party_name=kind.name))
    entries += answerers[0].extras(regulation)
    return entries


def deadline_view(book: LawBook, regulation: Regulation, penalty: Penalty, applied: int) -> DeadlineView | None:
    """Where the step after the one reached, or the one reached, is conditioned on 逾期: the deadline the
    earlier order sets (0-based `applied`)."""
    rule = book.laws.procedure.deadline
    law = book.laws.law(book.laws.procedure.law)
    for index, step in enumerate(penalty.steps[1:], start=1):
        if set(step.when_any) & set(rule.applies_to) and applied in (index - 1, index):
            return DeadlineView(
                law=law.title,
                citation=rule.citation,
                words=rule.words,
                text=law.texts[rule.citation],
                wording=rule.wording,
                reading=rule.reading or "",
                given_at_step=index,
                presupposed_by_step=index + 1,
                presupposed_by=step.condition,
            )
    return None


def discretion_view(book: LawBook, regulation: Regulation, penalty: Penalty) -> DiscretionView | None:
    """第三十四条, where the ladder has a step reached by a circumstance the regulation does not define."""
    rule = book.laws.procedure.discretion
    keys = [key for key in rule.circumstances if any(key in step.when_any for step in penalty.steps)]
    if not keys:
        return None
    names = {c.key: c.name for c in regulation.circumstances}
    law = book.laws.law(book.laws.procedure.law)
    return DiscretionView(
        law=law.title,
        citation=rule.citation,
        text=law.texts[rule.citation],
        circumstances=[names.get(key, key) for key in keys],
        reading=rule.reading or "",
    )


def tell_the_party(book: LawBook, entries: Sequence[ProcedureEntry], fined: bool) -> list[TellView]:
    """What the party is told, where the step is a 行政处罚: each item with whether it applies here,
    read off the procedure answered (the item's `when` names the provision it follows)."""
    if not entries or entries[0].because == "order_only":
        return []
    by_rule: dict[str, bool | str] = {}
    for entry in entries:
        if entry.applies is not False and entry.rule not in by_rule:
            by_rule[entry.rule] = entry.applies
    when_rule = {
        "hearing": "hearing",
        "on-the-spot": "on_the_spot",
        "general-procedure": "general_procedure",
        "on-the-spot-collection": "on_the_spot_collection",
    }
    told = []
    for item in book.laws.procedure.tell_the_party.items:
        if item.when == "every":
            applies: bool | str | None = True
        elif item.when == "fine":
            applies = True if fined else None
        else:
            applies = by_rule.get(when_rule[item.when])
        if applies is not None:
            told.append(
                TellView(when=item.when, citation=item.citation, words=item.words, days=item.days, applies=applies)
            )
    return told


# --- an amount ---------------------------------------------------------------------------------------


def check_amount(
    book: LawBook,
    step: Step,
    number: int,
    amount: int,
    parties: Sequence[PartyKey],
    lowered_to: int | None,
    ground: GroundView | None,
    ground_effect_none: bool,
) -> AmountView:
    """--amount against the step reached (`number`, 1-based): AmountRefused where it is above the
    maximum, below the minimum without a ground, or where the step has no fine.

    `lowered_to`: the least amount a ground allows (Article 41's floor; 1 under a 从轻或者减轻 ground,
    which lowers to anything above nothing); `ground_effect_none`: the ground is 不予行政处罚.
    """
    fine = step.fine
    if fine is None:
        raise AmountRefused(
            "no-fine-on-step",
            f"第{number}档（{step.sanction}）没有罚款，不能给出数额",
            suggestion="去掉 --amount；有罚款的档次由情形选项（--refused 等）达到",
        )
    if ground_effect_none and ground is not None:
        raise AmountRefused(
            "no-penalty",
            f"依{ground.citation}，{ground.words}：不能处罚款",
            suggestion="去掉 --amount",
        )
    floor = fine.floor if lowered_to is None else min(fine.floor, lowered_to)
    if amount > fine.max:
        raise AmountRefused(
            "above-max",
            f"{amount} 元超出第{number}档的上限：可处 {floor}–{fine.max} 元",
            suggestion=f"给出 {floor} 至 {fine.max} 之间的数额",
            allowed=(floor, fine.max),
        )
    if amount == 0 and ground is not None and lowered_to is not None and lowered_to > 0:
        raise AmountRefused(
            "no-penalty-not-a-reduction",
            f"0 元不在{ground.citation}允许的数额之内（解读）",
            suggestion=f"给出 1 至 {fine.max} 之间的数额",
            allowed=(lowered_to, fine.max),
            candidates=[f"解读：{ground.reading}"] if ground.reading else [],
        )
    if amount < floor and fine.min is not None:
        raise AmountRefused(
            "below-min",
            f"{amount} 元低于第{number}档的下限 {fine.min} 元：低于下限须有减轻的依据",
            suggestion="有依据的，加 --social-service（社会服务）或 --reduce 依据；否则给出 "
            f"{fine.min} 至 {fine.max} 之间的数额",
            allowed=(fine.min, fine.max),
        )
    if amount == 0:
        raise AmountRefused(
            "no-fine-amount",
            "0 元不是罚款数额：不予罚款的，不加 --amount",
            suggestion="去掉 --amount 查看不予罚款的依据",
        )
    rules = book.laws.procedure
    small = next((case for case in rules.on_the_spot_collection.any_of if case.fine_max is not None), None)
    qualifies = []
    for party in parties:
        name = book.parties.kinds[party].name
        limit = getattr(rules.on_the_spot.fine_max, party)
        within = amount <= limit.amount
        reading = rules.on_the_spot.inclusive.reading
        qualifies.append(
            Qualification(
                party=party,
                party_name=name,
                citation=limit.citation,
                limit=limit.amount,
                qualifies=within,
                reading=reading if amount == limit.amount else None,
            )
        )
        if small is not None and small.fine_max is not None:
            qualifies.append(
                Qualification(
                    party=party,
                    party_name=name,
                    citation=small.citation,
                    limit=small.fine_max,
                    qualifies=within and amount <= small.fine_max,
                    reading=reading if amount == small.fine_max else None,
                )
            )
    below = amount < fine.floor
    return AmountView(
        amount=amount,
        fine_min=floor,
        fine_max=fine.max,
        statutory_min=fine.min,
        statutory_max=fine.max,
        below_minimum=below,
        ground=ground if below else None,
        qualifies=qualifies,
    )
