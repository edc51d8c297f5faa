"""The penalty engine: which provision penalises a behaviour, which step given circumstances reach.

Everything legal comes from the data (`Regulation.penalties`, `.agencies`, `.liability`,
`.mitigation`): the ladder of steps, their conditions, sanctions, fines and agencies. This
module holds only the logic that reads them:

- Matching input to a provision is `wenming.resolve`'s; the agencies are `wenming.agency`'s.
  A behaviour the regulation does not penalise gets that answer with Article 35's referral (exit 0).
- Selecting the step: the first step is reached by the violation itself, a later one when
  any of its circumstances holds. The ladder is ordered lightest to heaviest in the data
  (validation checks it), so where several steps are reached the last one reached — the
  heaviest — applies. A circumstance no step of the provision names changes nothing.
- Article 41 (mitigation): only where the step reached carries a fine; with social service
  completed and recognised the fine may become anything from the floor (0) to the step's
  maximum.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from wenming.answer import Answer, field
from wenming.citation import chapter_citation
from wenming.errors import BadInput
from wenming.model import ENCOURAGING_KINDS, Penalty, Step, Variant
from wenming.numerals import to_chinese
from wenming.onward import OtherLawAnswer
from wenming.procedure import (
    AmountView,
    DeadlineView,
    DiscretionView,
    GroundView,
    PartyView,
    ProcedureEntry,
    StepFacts,
    TellView,
    unanswered_measures,
)
from wenming.regulation import Provision, Regulation
from wenming.resolve import Resolved, Unpenalised, behaviour_of, find_violation, provision_of, resolve_query
from wenming.units import Match, unpenalised_units

if TYPE_CHECKING:  # imported where a phrase was read (wenming.matcher), not for a key or citation
    from wenming.matcher import Fit

if TYPE_CHECKING:  # the national law is read only by `fine`, and only when it answers
    from wenming.laws import LawBook, ReduceGround

__all__ = [
    "FineAnswer",
    "NotMetAnswer",
    "OtherLawAnswer",
    "PenalisedAnswer",
    "ProvisionAnswer",
    "Schedule",
    "UnpenalisedAnswer",
    "assess",
    "find_violation",
    "fine",
    "schedule",
]


# --- result models -----------------------------------------------------------------------


class StepView(Answer):
    """One rung of the ladder as the provision words it, and whether these circumstances reach it."""

    number: int
    condition: str
    wording: str  # condition and sanction as the provision words them (what views show as 原文)
    circumstances: list[str]  # names of the circumstances that reach it; empty: the violation itself
    sanction: str
    measures: list[str]
    fine_min: int | None
    fine_max: int | None
    fine_measure: str | None = None  # the data's word for the fine among the measures (罚款)
    other_measures: list[str] = field(default_factory=list)  # the measures besides the fine
    fine_optional: bool = False  # 可以处: the authority may impose the fine, need not
    # A fine as a multiple of a sum (赔偿费一倍以上三倍以下): the sum, as written, and the multiples.
    fine_of: str | None = None
    times_min: int | None = None
    times_max: int | None = None
    fine_per: str | None = None  # a per-unit fine's unit, as written after 每 (只犬): the amounts are per unit
    connector: Literal["and", "or"] = "and"  # between the sanctions proper: 警告或者罚款 is "or"
    # With "or": the measures one of which is imposed (警告, 罚款).
    alternatives: list[str] = field(default_factory=list)
    reached: bool = False
    applied: bool = False
    # How wenming reads this step where the provision leaves it open: an interpretation, shown
    # wherever the step is shown.
    reading: str | None = None


class VariantView(Answer):
    """A ladder of its own for one party or role (对单位…对个人…), and whether this answer is for it."""

    party: str | None  # data/parties.yaml's kind
    party_name: str | None
    role: str | None  # as written (驾驶人)
    chosen: bool = False


class MitigationView(Answer):
    """Article 41 as it bears on this answer."""

    citation: str
    effect: str
    conditions: list[str]
    implementing_rules: str
    requested: bool  # --social-service given
    applies: bool  # the step reached carries a fine, so Article 41 can bear on it
    fine_min: int | None  # the range Article 41 allows, when requested and applicable
    fine_max: int | None
    statutory_min: int | None  # the step's own range, which the mitigation departs from
    statutory_max: int | None
    depends_on_rules: str | None  # what the mitigation depends on that the regulation leaves to other rules


ProvisionKind = Literal["governed", "encouraged", "advocated", "duty", "list-system", "general"]


class UnpenalisedView(Answer):
    """A provision (or the part of one) the query names that no ladder of this regulation penalises."""

    citation: str
    text: str
    # What the provision is: a governed behaviour (Chapter 3) without penalty; an encouraged or
    # advocated one (no violation at all); a duty on someone; the list system; a general article.
    provision_kind: ProvisionKind
    note: str  # what the regulation says of it, in a sentence


class SeeAlso(Answer):
    """A provision an answer also points to: the other party's (36(2) beside 36(1)), or one that came near."""

    key: str | None  # the penalty's key; None for a provision no ladder penalises
    citation: str  # the behaviour's provision
    name: str
    penalty_basis: str | None = None


class PhraseReading(Answer):
    """How `fine` read a phrase (wenming.matcher): what it answered as, the concepts its words were
    read as, and the conditions the phrase does not settle (to be established) or settles itself."""

    read_as: str  # e.g. 按「携带犬只出户未佩戴犬牌、未采取系犬绳等安全措施」作答
    words: list[str]  # e.g. 电梯→禁止吸烟场所（可能是，须认定）
    to_establish: list[str]  # conditions in the provision's words, e.g. 在禁止吸烟场所（区域）吸烟（含电子烟）
    established: list[str] = field(default_factory=list)  # conditions the phrase's own words state (在禁烟区抽烟)


class PenalisedAnswer(Answer):
    """`wenming fine` for a penalised behaviour: the ladder, the step these circumstances reach, the decision."""

    kind: Literal["penalised"] = "penalised"
    penalised: Literal[True] = True
    query: str
    violation: str  # the penalty's key
    violation_name: str
    violation_basis: str  # the provision governing the behaviour, e.g. 第二十二条第九项
    behaviour: str  # the words of that provision (or the part of it) the answer concerns
    penalty_basis: str  # the liability provision, e.g. 第三十六条第一款
    penalty_text: str
    agencies: list[str]  # empty where the provision names none
    agency_text: str | None
    circumstances: list[str]  # names of the circumstances given
    circumstance_descriptions: list[str]  # what each means, from the data
    ignored_circumstances: list[str]  # given, but this provision has no tier for them
    steps: list[StepView]
    applied_step: int  # 0: no step reached (the provision penalises only with a circumstance not given)
    measures: list[str]
    sanction: str
    fine_min: int | None  # after Article 41 when it is requested and applies
    fine_max: int | None
    mitigation: MitigationView | None
    decision: str | None  # the sentence an enforcement officer writes (see decision_label)
    decision_label: str | None  # what kind of document the sentence belongs in
    notes: list[str]
    # What 行政处罚法 attaches to the step reached, for the party fined (wenming.procedure); empty
    # where the national law was not read (the library's assess() without a LawBook).
    administrative_penalty: bool | None = None  # false: an order alone, not a 行政处罚
    procedure_law: str | None = None
    procedure: list[ProcedureEntry] = field(default_factory=list)
    deadline: DeadlineView | None = None  # the deadline 逾期 presupposes (a reading)
    discretion: DiscretionView | None = None  # 裁量基准: circumstances the regulation does not define
    tell_the_party: list[TellView] = field(default_factory=list)
    party: PartyView | None = None
    amount: AmountView | None = None  # --amount, checked
    reduction: GroundView | None = None  # --reduce: the ground of national law given
    reading: PhraseReading | None = None  # how a phrase was read; None for a key, name or citation
    see_also: list[SeeAlso] = field(default_factory=list)
    # reviewed: read against the text by a person; draft: drafted by rule, not yet read (every view
    # labels it 未经人工核对); text-only: not structured, the provision is quoted.
    review: str = "reviewed"
    review_notes: list[str] = field(default_factory=list)
    # The parties' or roles' own ladders, the one answered marked.
    variants: list[VariantView] = field(default_factory=list)


class UnpenalisedAnswer(Answer):
    """`wenming fine` for behaviours the query names that this regulation does not penalise: each with
    what it is, and Article 35's referral where a governed behaviour may be penalised by other laws."""

    kind: Literal["unpenalised"] = "unpenalised"
    penalised: Literal[False] = False
    query: str
    violation_basis: str  # the provisions, joined by 、
    behaviour: str  # their words, joined by ；
    unpenalised: list[UnpenalisedView]
    circumstances: list[str]  # given, and changing nothing: there is no ladder
    referral: list[str]  # Article 35 and its kind, where a governed behaviour is among them
    notes: list[str]
    reading: PhraseReading | None = None
    see_also: list[SeeAlso] = field(default_factory=list)


class NotMetAnswer(Answer):
    """`wenming fine` for a phrase about a penalised behaviour whose own words contradict a condition of
    it (在家抽烟: a home is no 禁止吸烟场所（区域）; 遛狗牵了绳): no penalty under this provision, and
    on what that rests, each a reading where the regulation does not define the words."""

    kind: Literal["not-met"] = "not-met"
    penalised: Literal[False] = False
    query: str
    violation: str  # the penalty whose condition is not met
    violation_name: str
    violation_basis: str
    behaviour: str
    penalty_basis: str
    conditions: list[str]  # the provision's conditions, in its words
    because: list[str]  # what in the phrase contradicts them, and the reading it rests on
    reading: PhraseReading
    see_also: list[SeeAlso] = field(default_factory=list)
    notes: list[str]


class ProvisionAnswer(Answer):
    """`wenming fine` for a liability provision that is not a ladder: a referral to other laws (35),
    the protection of those who dissuade or report (39), discipline of officials (40), or the
    mitigation by social service (41). Shown as the kind of provision it is, with its own words."""

    kind: Literal["provision"] = "provision"
    penalised: Literal[False] = False
    query: str
    provision_kind: Literal["referral", "protection", "discipline", "mitigation", "text-only"]
    citation: str
    text: str  # the provision's words, whole (构成犯罪的，依法追究刑事责任 included)
    summary: str | None = None  # the data's summary, where it has one
    agency: str | None = None
    external_law: str | None = None
    laws: list[str] = field(default_factory=list)  # each law a referral names, verbatim
    review: str = "reviewed"
    notes: list[str]


# What `wenming fine` answers: one of the kinds above, told apart by `kind` (in JSON too).
# Ambiguous input is no answer: an error with exit 2 and structured `choices` (wenming.resolve).
FineAnswer = PenalisedAnswer | UnpenalisedAnswer | NotMetAnswer | ProvisionAnswer | OtherLawAnswer


class ScheduleRow(Answer):
    violation: str
    violation_name: str
    violation_basis: str
    penalty_basis: str
    agencies: list[str]
    agency_short_names: list[str]
    agency_text: str | None
    party: str | None = None  # the party or role this row's ladder is for, where the provision sets one
    role: str | None = None
    review: str = "reviewed"
    steps: list[StepView]
    fine_min: int | None  # the provision's statutory range over all its steps
    fine_max: int | None


class ScheduleProvision(Answer):
    citation: str
    kind: str  # referral, protection, discipline, text-only
    summary: str
    review: str


class Schedule(Answer):
    """`wenming fines`: the whole penalty schedule."""

    title: str
    penalties: list[ScheduleRow]
    # The liability provisions that are no ladder (referral, discipline, text-only …): where a regulation's
    # penalties are all referrals, these are its schedule.
    provisions: list[ScheduleProvision] = field(default_factory=list)
    notes: list[str]


# --- selecting the step ---------------------------------------------------------------------


def _circumstance_names(regulation: Regulation, keys: Iterable[str]) -> list[str]:
    names = {c.key: c.name for c in regulation.circumstances}
    return [names.get(key, key) for key in keys]


def _step_circumstances(regulation: Regulation, step: Step) -> list[str]:
    """The names of the circumstances that reach a step, each once: a name within another
    (拒不改正 within 拒不改正或者多次违反, the clause naming both) is said by it."""
    names = list(dict.fromkeys(_circumstance_names(regulation, step.when_any)))
    return [name for name in names if not any(name != other and name in other for other in names)]


# How Chinese joins alternatives in one clause (拒不改正或者多次违反, 情节恶劣或者造成严重后果): 或者
# (read whole, before 或), 或, 、.
_ALTERNATIVES = ("或者", "或", "、")


def _circumstance_words(regulation: Regulation) -> dict[str, set[str]]:
    """Every word `--when` takes, with the circumstance keys it names: a key; a circumstance's name; a
    step's own words for its condition (逾期不整改或者整改不达标); and each alternative such words join,
    for the key in the same place where the clause joins as many keys as alternatives (拒不改正或者多次违反:
    refused, repeat), else for each of the clause's keys (驾驶员不在现场, of 拒不驶离或者驾驶员不在现场)."""
    words: dict[str, set[str]] = {}
    clauses: dict[str, list[str]] = {}  # a clause's words -> the keys it names, in order
    for circumstance in regulation.circumstances:
        words.setdefault(circumstance.key, set()).add(circumstance.key)
        clauses.setdefault(circumstance.name, []).append(circumstance.key)
    for penalty in regulation.penalties:
        for _, steps in penalty.ladders():
            for step in steps:
                if step.when_any and len(step.condition) <= 30:  # a circumstance's clause, not a whole sentence
                    clauses.setdefault(step.condition.removesuffix("的"), list(step.when_any))
    for clause, keys in clauses.items():
        words.setdefault(clause, set()).update(keys)
        parts = [part for part in _split_alternatives(clause) if part]
        for index, part in enumerate(parts):
            named = [keys[index]] if len(parts) == len(keys) else keys
            words.setdefault(part, set()).update(named)
    return words


def _split_alternatives(clause: str) -> list[str]:
    """The clause's alternatives, as a pattern split on 或者|或|、 would give them, without compiling one."""
    for word in _ALTERNATIVES[:-1]:
        clause = clause.replace(word, _ALTERNATIVES[-1])
    return clause.split(_ALTERNATIVES[-1])


def _check_circumstances(regulation: Regulation, given: Iterable[str]) -> list[str]:
    """The keys of the circumstances given, each by its key, its name (拒不改正) or a step's own words
    for it, in the data's order; a circumstance this regulation does not name: an error listing those
    it does (exit 2)."""
    wanted = [word.strip() for word in given]
    by_word = _circumstance_words(regulation) if wanted else {}
    unknown = [word for word in wanted if word not in by_word]
    if unknown:
        own = "、".join(f"{c.name}（{c.key}）" for c in regulation.circumstances) or "（无）"
        raise BadInput(
            f"《{regulation.meta.title}》没有这些情形：{'、'.join(unknown)}",
            suggestion=f"本条例的情形：{own}；用 --when 名称或键",
        )
    keys = {key for word in wanted for key in by_word[word]}
    return [c.key for c in regulation.circumstances if c.key in keys]


def _step_view(regulation: Regulation, number: int, step: Step, text: str) -> StepView:
    """A step as answers show it; `text` is its provision's, whose words the step's wording keeps."""
    measure = step.fine_measure
    multiple = next((m for m in step.measures if m.kind == "fine-multiple"), None)
    named = measure or multiple
    fine_measure = named.name if named is not None else None
    return StepView(
        number=number,
        condition=step.condition,
        wording=_wording(step, text),
        circumstances=_step_circumstances(regulation, step),
        sanction=step.sanction,
        measures=step.measure_names,
        fine_min=step.fine.min if step.fine else None,
        fine_max=step.fine.max if step.fine else None,
        fine_measure=fine_measure,
        other_measures=[name for name in step.measure_names if name != fine_measure],
        fine_optional=any(m.optional for m in (measure, multiple) if m is not None),
        fine_per=measure.per if measure is not None else None,
        fine_of=multiple.of if multiple is not None else None,
        times_min=multiple.min if multiple is not None else None,
        times_max=multiple.max if multiple is not None else None,
        connector=step.connector,
        alternatives=[m.name for m in step.measures if m.kind != "order"] if step.connector == "or" else [],
        reading=step.reading,
    )


def _wording(step: Step, text: str) -> str:
    """The step's condition and sanction as the provision words them: joined by the comma the text has
    between them, or by none where the text has none (…行为人的不良信息，依法记入…), else by …… (the
    two stand apart in the text)."""
    for between in ("，", ""):
        if f"{step.condition}{between}{step.sanction}" in text:
            return f"{step.condition}{between}{step.sanction}"
    return f"{step.condition}……{step.sanction}"


def _referral_notes(regulation: Regulation) -> list[str]:
    """Article 35 (and its kind): where another law already penalises a behaviour, that law applies."""
    return [f"{provision.chinese}：{provision.text}" for provision in regulation.referrals()]


def assess(
    regulation: Regulation,
    penalty: Penalty,
    circumstances: Iterable[str] = (),
    social_service: bool = False,
    *,
    book: "LawBook | None" = None,
    party: str | None = None,
    amount: int | None = None,
    reduce: str | None = None,
) -> PenalisedAnswer:
    """The answer for `penalty` under `circumstances` (circumstance keys) and Article 41's social service.

    With `book` (the national law), the answer carries what 行政处罚法 attaches to the step reached
    for `party` (a key or a name of data/parties.yaml), checks `amount` against the step, and takes
    `reduce` (a ground of data/laws.yaml) as a reason to go below its minimum. Without it, these
    cannot be answered.
    """
    if book is None and (amount is not None or reduce is not None or (party is not None and not penalty.variants)):
        raise BadInput("当事人、数额和减轻依据需要法律数据（data/laws.yaml）", suggestion="用 wenming fine 查询")
    penalty, variants = _ladder_for(regulation, penalty, party, book)
    chosen = next((variant for variant in variants if variant.chosen), None)
    if chosen is not None and chosen.party is None:
        party = None  # a role (驾驶人) chose the ladder; it names no kind of party
    given = _check_circumstances(regulation, list(circumstances))
    behaviour = behaviour_of(regulation, penalty)
    provision = provision_of(regulation, penalty)
    text = provision_of(regulation, penalty).text
    steps = [_step_view(regulation, number, step, text) for number, step in enumerate(penalty.steps, start=1)]
    reached = [
        index for index, step in enumerate(penalty.steps) if not step.when_any or set(step.when_any) & set(given)
    ]
    if not reached:  # the provision penalises only with a circumstance (不听劝阻的), not given
        return _unreached(regulation, penalty, behaviour, provision, steps, given, variants)
    applied_index = reached[-1]  # the provision's last-ranked step reached applies
    for index in reached:
        steps[index].reached = True
    steps[applied_index].applied = True
    applied = penalty.steps[applied_index]

    notes: list[str] = []
    provided = {key for step in penalty.steps for key in step.when_any}
    ignored = [key for key in given if key not in provided]
    related = {c.key: c.related for c in regulation.circumstances}
    for key, name in zip(ignored, _circumstance_names(regulation, ignored), strict=True):
        notes.append(f"{provision.chinese}没有「{name}」这一档，该情形不影响结果。")
        # The provision's own word for much the same (逾期不改正 where it says 拒不改正): point to its flag.
        worded = [other for other in related[key] if other in provided]
        for other, other_name in zip(worded, _circumstance_names(regulation, worded), strict=True):
            notes.append(f"{provision.chinese}的用语为「{other_name}」，如属此情形请用 --{other}。")
    # Every step's reading travels with the step (StepView.reading); where the outcome rests on one —
    # the applied step reached without the earlier steps' circumstances — say so.
    skipped = any(step.when_any and index not in reached for index, step in enumerate(penalty.steps[:applied_index]))
    if penalty.steps[applied_index].reading and skipped:
        notes.append(f"本结果依据第{applied_index + 1}档的解读（见该档）。")
    # Several steps reached by circumstances: the provision's last-ranked applies, said as the heaviest only
    # where the fines run lightest to heaviest (a confiscation may follow a fine).
    stepped = [index for index in reached if penalty.steps[index].when_any]
    fined_reached = [index for index in stepped if penalty.steps[index].fine is not None]
    if len(stepped) > 1:
        numbers = "、".join(f"第{index + 1}档" for index in stepped)
        if fined_reached == stepped and _heaviest_last(penalty.steps, fined_reached):
            notes.append(f"同时达到{numbers}，适用其中最重的第{applied_index + 1}档（罚则由轻到重排列）。")
        else:
            notes.append(
                f"同时达到{numbers}，适用条文排在最后的第{applied_index + 1}档（各档按条文顺序排列，不一定由轻到重）。"
            )

    fine_min = applied.fine.min if applied.fine else None
    fine_max = applied.fine.max if applied.fine else None
    mitigation_view: MitigationView | None = None
    mitigation = regulation.mitigation
    if mitigation is not None:
        basis = regulation.cite(mitigation.citation).chinese
        # applies_to is "fine" (the model allows nothing else): Article 41 bears where a fine is reached.
        applies = mitigation.applies_to == "fine" and applied.fine is not None
        if social_service and applied.fine is not None:
            fine_min, fine_max = mitigation.fine_floor, applied.fine.max
            note = (
                f"依{basis}，{mitigation.effect}：罚款可在{fine_min}元至{fine_max}元之间"
                f"（低于{applied.fine.min}元即为减轻，{fine_min} 元即不予罚款）"
            )
            if mitigation.discretionary:
                note += f"；是否从轻、减轻或者不予，由{mitigation.decided_by}决定"
            notes.append(note + "。")
            if mitigation.depends_on_rules:
                notes.append(mitigation.depends_on_rules)
        elif social_service:
            notes.append(f"{basis}只适用于{mitigation.applies_when}情形；本档没有罚款，{basis}不起作用。")
        elif applies:
            notes.append(
                f"违法行为人参加并完成社会服务、经认定的，依{basis}{mitigation.effect}（见 --social-service）。"
            )
        mitigation_view = MitigationView(
            citation=basis,
            effect=mitigation.effect,
            conditions=list(mitigation.conditions),
            implementing_rules=mitigation.implementing_rules,
            requested=social_service,
            applies=applies,
            fine_min=fine_min if social_service and applies else None,
            fine_max=fine_max if social_service and applies else None,
            statutory_min=applied.fine.min if applied.fine else None,
            statutory_max=applied.fine.max if applied.fine else None,
            depends_on_rules=mitigation.depends_on_rules,
        )
    names = regulation.agency_names(penalty.agencies)
    if len(names) > 1:
        notes.append(f"执法机关：{penalty.agency_text}（原文）。")
    elif not names:
        notes.append(f"{provision.chinese}没有写明执法机关。")
    notes += _variant_notes(variants)
    notes += _referral_notes(regulation)
    national: dict[str, Any] = {}
    unanswered = unanswered_measures(applied) if book is not None else []
    if book is not None and unanswered:
        if amount is not None or reduce is not None:
            raise BadInput(
                f"本档有{'、'.join(unanswered)}，行政处罚法程序的资料不涵盖，--amount、--reduce 无法核对",
                suggestion="去掉 --amount、--reduce",
            )
        notes.append(
            f"本档有{'、'.join(unanswered)}：行政处罚法程序的资料只涵盖警告、以元计的罚款和责令改正，本答复不含程序部分。"
        )
    elif book is not None:
        written = chosen.party if chosen is not None else None  # the party a ladder of its own is for (对单位…)
        national = _national(
            regulation,
            penalty,
            provision.chinese,
            applied_index,
            given,
            social_service,
            book,
            party,
            written,
            amount,
            reduce,
        )
        notes += _procedure_notes(book, applied)
    deadline = national.get("deadline")
    ground = national.get("reduction")
    if isinstance(ground, GroundView):  # the ground given, in its own words: 不予 where it says so
        notes.append(f"依《{ground.law}》{ground.citation}：{ground.words.rstrip('；。')}。")
    # Readings about what every view shows (the decision's deadline, the ladder's undefined
    # circumstances) go with the notes, so that no view shows them unlabelled.
    if isinstance(deadline, DeadlineView):
        notes.append(f"解读（第{deadline.given_at_step}档的期限）：{deadline.reading}")
    discretion = national.get("discretion")
    if isinstance(discretion, DiscretionView):
        notes.append(f"《{discretion.law}》{discretion.citation}：{discretion.text}{discretion.reading}")
    decision, label = _decision(
        regulation,
        behaviour,
        provision,
        applied,
        social_service,
        amount=amount,
        grounds=[ground] if isinstance(ground, GroundView) and applied.fine is not None else [],
        order_wording=deadline.wording
        if isinstance(deadline, DeadlineView) and deadline.given_at_step == applied_index + 1
        else None,
    )
    return PenalisedAnswer(
        **_answered(regulation, penalty, behaviour, provision, given, variants, notes),
        ignored_circumstances=_circumstance_names(regulation, ignored),
        steps=steps,
        applied_step=applied_index + 1,
        measures=_measures(regulation, penalty, applied),
        sanction=applied.sanction,
        fine_min=fine_min,
        fine_max=fine_max,
        mitigation=mitigation_view,
        decision=decision,
        decision_label=label,
        **national,
    )


def _answered(
    regulation: Regulation,
    penalty: Penalty,
    behaviour: Provision,
    provision: Provision,
    given: list[str],
    variants: list[VariantView],
    notes: list[str],
) -> dict[str, Any]:
    """What every answer for a penalty says, whatever step it reaches: the violation, its provisions and
    agencies, the circumstances given, the review mark (a draft's label first among the notes)."""
    return {
        "query": penalty.key,
        "violation": penalty.key,
        "violation_name": penalty.name,
        "violation_basis": behaviour.chinese,
        "behaviour": _behaviour_words(penalty, behaviour),
        "penalty_basis": provision.chinese,
        "penalty_text": provision.text,
        "agencies": regulation.agency_names(penalty.agencies),
        "agency_text": penalty.agency_text,
        "circumstances": _circumstance_names(regulation, given),
        "circumstance_descriptions": [c.description for c in regulation.circumstances if c.key in given],
        "notes": _review_notes(penalty.review, penalty.review_notes) + notes,
        "review": penalty.review,
        "review_notes": list(penalty.review_notes),
        "variants": variants,
    }


def _unreached(
    regulation: Regulation,
    penalty: Penalty,
    behaviour: Provision,
    provision: Provision,
    steps: list[StepView],
    given: list[str],
    variants: list[VariantView],
) -> PenalisedAnswer:
    """A provision whose every step needs a circumstance none given reaches: no step applies, and the
    answer says which circumstance the provision requires."""
    needed = "、".join(step.circumstances[0] for step in steps[:1] if step.circumstances)
    notes = [
        f"{provision.chinese}以「{needed}」为处罚条件：未给出该情形，不依本款处罚（如属此情形，用 --when {needed}）。",
        *_variant_notes(variants),
    ]
    return PenalisedAnswer(
        **_answered(regulation, penalty, behaviour, provision, given, variants, notes),
        ignored_circumstances=_circumstance_names(regulation, given),
        steps=steps,
        applied_step=0,
        measures=[],
        sanction="",
        fine_min=None,
        fine_max=None,
        mitigation=None,
        decision=None,
        decision_label=None,
    )


DRAFT_LABEL = "未经人工核对"


def _review_notes(review: str, doubts: Sequence[str]) -> list[str]:
    """A draft says so first, in every view that prints notes, with what the extractor was unsure of."""
    if review != "draft":
        return []
    said = f"{DRAFT_LABEL}：本罚则由程序按规则从条文中提取，尚未经人核对原文"
    return [said + (f"（存疑：{'；'.join(doubts)}）。" if doubts else "。")]


def _variant_notes(variants: Sequence[VariantView]) -> list[str]:
    if not variants:
        return []
    names = [v.role or v.party_name or v.party or "" for v in variants]
    chosen = next((v for v in variants if v.chosen), None)
    if chosen is None:
        return [f"本款对{'、'.join(names)}另有数额（见 --party）；以下按一般规定作答。"]
    if len(variants) == 1:
        return [f"本款只针对{names[0]}。"]
    return [f"本款按当事人分别规定数额（{'、'.join(names)}）；以下为{chosen.role or chosen.party_name}的规定。"]


def _ladder_for(
    regulation: Regulation, penalty: Penalty, party: str | None, book: "LawBook | None"
) -> tuple[Penalty, list[VariantView]]:
    """The penalty with the ladder for `party` (a party kind's key, name or alias, or a role as written):
    a variant's own where the provision sets one, else the ladder for anyone. Without a party where
    every party has its own ladder: an error listing them (exit 2), never a guess."""
    if not penalty.variants:
        return penalty, []
    kinds = book.parties.kinds if book is not None else {}

    def name_of(key: Literal["person", "organisation"] | None) -> str | None:
        return kinds[key].name if key is not None and key in kinds else key

    def fits(variant: Variant) -> bool:
        if party is None:
            return False
        wanted = party.strip()
        if wanted == variant.role:
            return True
        kind = kinds.get(variant.party) if variant.party is not None else None
        return variant.party is not None and (
            wanted == variant.party or (kind is not None and wanted in (kind.name, *kind.aliases))
        )

    chosen = next((variant for variant in penalty.variants if fits(variant)), None)
    only = penalty.variants[0] if len(penalty.variants) == 1 and not penalty.steps else None
    # A provision that penalises one party or role only (机动车驾驶人, 经营管理单位) answers for it; a kind
    # of party given for a role that names no kind (组织者) is answered for with that role's ladder.
    given_kind = party is not None and any(
        party.strip() in (key, kind.name, *kind.aliases) for key, kind in kinds.items()
    )
    if only is not None and chosen is None and (party is None or (only.party is None and given_kind)):
        chosen = only
    views = [
        VariantView(party=v.party, party_name=name_of(v.party), role=v.role, chosen=v is chosen)
        for v in penalty.variants
    ]
    if only is not None and chosen is None:
        whom = only.role or name_of(only.party)
        raise BadInput(
            f"{penalty.provision}只针对{whom}（没有「{party}」）",
            suggestion=f"去掉 --party，或用 --party {whom}",
            choices=[{"party": v.party, "name": v.party_name, "role": v.role} for v in views],
        )
    if chosen is None and not penalty.steps:
        listed = [f"{v.party or v.role}（{v.role or v.party_name}）" for v in views]
        raise BadInput(
            f"{penalty.provision}按当事人分别规定罚则，须指明当事人" + (f"（没有「{party}」）" if party else ""),
            suggestion=f"加 --party：{'、'.join(listed)}",
            choices=[{"party": v.party, "name": v.party_name, "role": v.role} for v in views],
        )
    if chosen is None:
        return penalty, views
    return penalty.replace(steps=chosen.steps, variants=[]), views


def _behaviour_words(penalty: Penalty, behaviour: Provision) -> str:
    """The words of the behaviour: the part or conduct of the cited provision it is, or (a behaviour only
    described) the liability provision's own description, else the cited provision's text."""
    ref = penalty.behaviour
    described = ref.words if ref.link == "description" else None
    return ref.part or ref.conduct or described or behaviour.text


def _heaviest_last(steps: Sequence[Step], indexes: Sequence[int]) -> bool:
    """Whether the last of these fined steps is at least as heavy as each before it, at both ends."""
    fines = [steps[index].fine for index in indexes]
    last = fines[-1]
    return last is not None and all(
        fine is not None and fine.floor <= last.floor and fine.max <= last.max for fine in fines[:-1]
    )


def _lowered_to(
    regulation: Regulation, applied: Step, social_service: bool, ground: "ReduceGround | None"
) -> int | None:
    """The least amount a ground allows on a fined step: Article 41's floor; above nothing (1) under a
    从轻或者减轻 ground — reduce_grounds reads 减轻 as a fine below the minimum, not none."""
    if applied.fine is None:
        return None
    floors = []
    if social_service and regulation.mitigation is not None:
        floors.append(regulation.mitigation.fine_floor)
    if ground is not None and ground.effect == "lighter-or-reduced" and applied.fine.min is not None:
        floors.append(min(1, applied.fine.min))
    return min(floors) if floors else None


def _social_service_ground(regulation: Regulation) -> GroundView | None:
    mitigation = regulation.mitigation
    if mitigation is None:
        return None
    provision = regulation.cite(mitigation.citation)
    return GroundView(
        key="social-service",
        law=regulation.meta.title,
        citation=provision.chinese,
        words=mitigation.effect,
        effect="lighter-reduced-or-none" if mitigation.fine_floor == 0 else "lighter-or-reduced",
        shall=not mitigation.discretionary,
        text=provision.text,
    )


def _procedure_notes(book: "LawBook", applied: Step) -> list[str]:
    """Where the procedure is answered on an assumption the step leaves open: a fine it may (可以) or may
    not impose, or a warning it may give instead of the fine (警告或者罚款)."""
    fine = applied.fine_measure
    if fine is None:
        return []
    notes = []
    if fine.optional:
        notes.append(f"本档的罚款是“可以”处的（{fine.text}）：以下程序按处以罚款作答。")
    if applied.connector == "or" and "警告" in applied.measure_names:
        spot = book.laws.procedure.on_the_spot.warning
        notes.append(
            f"本档是警告或者罚款择一：以下程序按处以罚款作答；只给予警告的，"
            f"依{spot.citation}（{spot.words}）同样可以当场作出。"
        )
    return notes


def _national(
    regulation: Regulation,
    penalty: Penalty,
    provision: str,
    applied_index: int,
    given: list[str],
    social_service: bool,
    book: "LawBook",
    party: str | None,
    written: str | None,
    amount: int | None,
    reduce: str | None,
) -> dict[str, Any]:
    """The fields of 行政处罚法 for the step reached (wenming.procedure), by name; `written` is the party
    the penalty's own ladder is for, where it has one."""
    from wenming import procedure as law

    applied = penalty.steps[applied_index]
    ground = law.resolve_ground(book, reduce) if reduce is not None else None
    if ground is not None and ground.effect == "no-penalty" and law.is_penalty(book, applied.measure_names):
        # 不予行政处罚 is no lighter fine: the step's sanction and decision must not be offered with it.
        raise law.AmountRefused(
            "no-penalty",
            f"依《{book.laws.law(ground.law).title}》{ground.citation}（{ground.words}），"
            f"本档的行政处罚（{applied.sanction}）不予作出",
            suggestion="--reduce 只用于从轻或者减轻的依据；不予行政处罚的，依该条处理",
        )
    given_party = law.resolve_party(book, party) if party is not None else None
    entry = law.penalty_parties(book, regulation, penalty)
    written_party = law.resolve_party(book, written) if written is not None else None
    parties, party_view = law.parties_for(book, entry, provision, given_party, ground, written_party)
    reduction = law.ground_view(book, ground) if ground is not None else None
    lowered_to = _lowered_to(regulation, applied, social_service, ground)
    amount_view = None
    if amount is not None:
        # The ground named for an amount below the minimum: --reduce's where it is given, else Article 41.
        named = reduction if reduction is not None and amount > 0 else None
        if named is None and social_service and applied.fine is not None:
            named = _social_service_ground(regulation)
        amount_view = law.check_amount(
            book,
            applied,
            applied_index + 1,
            amount,
            parties,
            lowered_to,
            named or reduction,
            ground_effect_none=ground is not None and ground.effect == "no-penalty",
        )
    if amount is not None:
        low: int | None = amount
        high: int | None = amount
    elif applied.fine is not None:
        low = applied.fine.min if lowered_to is None else min(applied.fine.floor, lowered_to)
        high = applied.fine.max
    else:
        low = high = None
    facts = StepFacts(
        measures=tuple(applied.measure_names), fine_min=low, fine_max=high, circumstances=frozenset(given)
    )
    entries = law.procedure_entries(book, regulation, facts, parties)
    return {
        "administrative_penalty": law.is_penalty(book, applied.measure_names),
        "procedure_law": book.laws.law(book.laws.procedure.law).title,
        "procedure": entries,
        "deadline": law.deadline_view(book, regulation, penalty, applied_index),
        "discretion": law.discretion_view(book, regulation, penalty),
        "tell_the_party": law.tell_the_party(book, entries, applied.fine is not None),
        "party": party_view,
        "amount": amount_view,
        "reduction": reduction,
    }


def _measures(regulation: Regulation, penalty: Penalty, applied: Step) -> list[str]:
    """The measures of the step reached; a fined step keeps the ladder's order to correct.

    The provisions word it "责令改正；拒不改正的，处…罚款": the fine does not replace the order
    (the data's decision_wording says why), so the first step's order goes with it.
    """
    wording = regulation.decision_wording
    if wording is None or applied.fine is None:
        return list(applied.measure_names)
    orders = [
        m for m in penalty.steps[0].measure_names if m == wording.order_measure and m not in applied.measure_names
    ]
    return [*orders, *applied.measure_names]


def _yuan(amount: int) -> str:
    return to_chinese(amount) if amount else "零"


def _decision(
    regulation: Regulation,
    behaviour: Provision,
    provision: Provision,
    applied: Step,
    social_service: bool,
    amount: int | None = None,
    grounds: Sequence[GroundView] = (),
    order_wording: str | None = None,
) -> tuple[str | None, str | None]:
    """The sentence for the step reached, from the data's template pieces, and its document's label.

    `amount`: the fine chosen, filled in; `grounds`: grounds of national law among the bases;
    `order_wording`: the order's words where it sets the deadline a later step presupposes.
    """
    wording = regulation.decision_wording
    # The templates write a range's two figures; a step they cannot word (no wording, no lower figure,
    # an order with its alternatives, an optional fine) gets no sentence rather than a wrong one.
    fine_measure = applied.fine_measure
    if wording is None or (fine_measure is not None and (fine_measure.min is None or fine_measure.optional)):
        return None, None
    if applied.connector == "or" or (fine_measure is not None and fine_measure.per is not None):
        return None, None
    provisions = [provision.chinese]
    refusal_possible = False
    fine = applied.fine
    mitigation = regulation.mitigation
    mitigated = social_service and fine is not None and mitigation is not None
    if mitigated and mitigation is not None:
        provisions.append(regulation.cite(mitigation.citation).chinese)
    if wording.other_law_basis is not None:
        provisions += [wording.other_law_basis.format(title=g.law, citation=g.citation) for g in grounds]
    if fine is None:
        sanction = order_wording if order_wording is not None else applied.sanction
    elif amount is not None and wording.amount_fine is not None:
        sanction = wording.ordered_fine.format(sanction=wording.amount_fine.format(amount=_yuan(amount)))
    elif mitigated:
        options = wording.mitigation_options
        if fine.floor == fine.max:  # a fixed amount: nothing to lighten within, only 减轻 or 不予
            options = wording.fixed_mitigation_options
            fixed = wording.fixed_range.format(amount=_yuan(fine.max))
            said = wording.mitigated_fixed.format(options="／".join(options), range=fixed)
        else:
            amounts = wording.span_range.format(min=_yuan(fine.floor), max=_yuan(fine.max))
            said = wording.mitigated.format(options="／".join(options), range=amounts)
        sanction = wording.ordered_mitigated.format(sanction=said)
        if wording.mitigation_refusal_option in options:
            refusal_possible = True
    elif fine.min == fine.max:
        sanction = wording.ordered_fine.format(sanction=applied.sanction)  # fixed: 处五十元罚款 as written
    else:
        sanction = wording.ordered_fine.format(
            sanction=wording.range_fine.format(min=_yuan(fine.floor), max=_yuan(fine.max))
        )
    sentence = (
        wording.violated.format(title=regulation.meta.title, behaviour=behaviour.chinese)
        + wording.basis.format(provisions="、".join(provisions))
        + sanction
        + "。"
    )
    only_order = fine is None and set(applied.measure_names) <= {wording.order_measure}
    if only_order:
        return sentence, wording.order_label
    return sentence, wording.mitigated_label if refusal_possible else wording.penalty_label


def _liability_answer(regulation: Regulation, unit: Unpenalised) -> ProvisionAnswer | None:
    """The answer for a liability provision with no ladder (35, 39, 40) or the mitigation (41), cited
    directly: the kind of provision it is and its own words. None for any other provision."""
    provision = regulation.resolve(unit.at)
    entry = next(
        (e for e in regulation.liability if regulation.cite(e.citation).citation.overlaps(provision.citation)), None
    )
    if entry is not None:
        follows = ""
        if entry.external_law:
            follows = f"，依{entry.external_law}" + (f"由{entry.agency}" if entry.agency else "") + "处理"
        return ProvisionAnswer(
            query=unit.citation,
            provision_kind=entry.kind,
            citation=unit.citation,
            text=provision.text,
            summary=entry.summary,
            agency=entry.agency,
            external_law=entry.external_law,
            laws=list(entry.laws),
            review=entry.review,
            notes=[
                *_review_notes(entry.review, entry.review_notes),
                f"{unit.citation}是法律责任条款，没有本条例的罚款阶梯{follows}。",
            ],
        )
    mitigation = regulation.mitigation
    if mitigation is not None and regulation.cite(mitigation.citation).citation.overlaps(provision.citation):
        return ProvisionAnswer(
            query=unit.citation,
            provision_kind="mitigation",
            citation=unit.citation,
            text=provision.text,
            agency=mitigation.decided_by,
            notes=[
                f"{unit.citation}不规定违法行为，而是违法行为人完成社会服务后{mitigation.effect}的规定；"
                "查某一违法行为时加 --social-service 即可看到它的效果。"
            ],
        )
    return None


def _unpenalised_view(regulation: Regulation, unit: Unpenalised) -> UnpenalisedView:
    """What one unpenalised unit is, and what the regulation says of it.

    Only a governed behaviour is "not penalised here" (Article 35's referral bears on it): an
    encouraged or advocated one is no violation at all, and a general article describes no behaviour.
    """
    provision = regulation.resolve(unit.at)

    def view(kind: ProvisionKind, note: str) -> UnpenalisedView:
        return UnpenalisedView(citation=unit.citation, text=unit.text, provision_kind=kind, note=note)

    kind = regulation.behaviour_kind(unit.at)
    if kind in ENCOURAGING_KINDS:
        verb = regulation.behaviour_kind_words[kind]
        # Reached by a word for the opposite (插队 -> 依次排队): say what is advocated, and that not
        # doing it carries no penalty, rather than "this behaviour is not penalised".
        # A whole list (第八条): 所列行为.
        what = f"{verb}「{unit.text.rstrip('；。，')}」" if unit.at.item is not None else f"{verb}所列行为"
        note = f"{unit.citation}{what}，是{verb}性规定，不是禁止性规定；本条例对不这样做的行为未设罚则。"
        return view("encouraged" if kind == "encouraged" else "advocated", note)
    if kind == "list-system":  # Article 27: a system of lists, not a behaviour
        return view("list-system", f"{unit.citation}规定治理清单制度，不是规定某一行为的条款，本条例未就此设定罚则。")
    duty = next(
        (d for d in regulation.duties if regulation.cite(d.citation).citation.overlaps(provision.citation)), None
    )
    if duty is not None and not unit.part_of_penalised:
        return view("duty", f"{unit.citation}规定{duty.bearer}的义务；本条例未设罚则。")
    # A liability provision that names this behaviour (依照治安管理处罚法处罚, a text-only one): its words.
    concerning = regulation.liability_concerning(provision.citation)
    if concerning and not unit.part_of_penalised:
        said = "；".join(
            f"{regulation.cite(entry.citation).chinese}：{entry.summary.rstrip('。；')}" for entry in concerning
        )
        return view("governed", f"本条例未对{unit.citation}规定的行为设定罚款阶梯；{said}。")
    if kind is None and not unit.part_of_penalised and not regulation.classifies_behaviours:
        # The data does not say which articles state behaviours: say only what is certain.
        return view("governed", f"本条例未对{unit.citation}设定罚则。")
    if kind is None and not unit.part_of_penalised:
        chapter = regulation.chapter_of(provision.article.number)
        where = " ".join(filter(None, [chapter_citation(chapter.number), chapter.title])) if chapter else ""
        place = f"（{where}）" if where else ""  # a chapterless regulation has no chapter to name
        return view("general", f"{unit.citation}{place}不是规定某一行为的条款，本条例未就此设定罚则。")
    if unit.part_of_penalised:
        others = [p.key for p in regulation.penalties_citing(provision.citation)]
        note = (
            f"本条例未对{unit.citation}中「{unit.text}」规定的行为设定罚则；"
            f"{unit.citation}的其他部分另有罚则：{'、'.join(others)}。"
        )
        return view("governed", note)
    return view("governed", f"本条例未对{unit.citation}规定的行为设定罚则。")


def not_penalised(
    regulation: Regulation,
    units: Sequence[Unpenalised],
    circumstances: Iterable[str] = (),
    social_service: bool = False,
) -> UnpenalisedAnswer | ProvisionAnswer:
    """The honest answer for what this regulation does not penalise: a liability provision without a
    ladder as the kind of provision it is; behaviours (one, or several a word names) as not penalised here."""
    given = _check_circumstances(regulation, list(circumstances))
    if len(units) == 1 and (provision := _liability_answer(regulation, units[0])) is not None:
        return provision
    views = [_unpenalised_view(regulation, unit) for unit in units]
    notes = [view.note for view in views]
    if given or social_service:
        notes.append("没有罚则，所给情形不影响结果。")
    governed = any(view.provision_kind == "governed" for view in views)
    return UnpenalisedAnswer(
        query=units[0].citation,
        violation_basis="、".join(unit.citation for unit in units),
        behaviour="；".join(unit.text for unit in units) if len(units) > 1 else units[0].text,
        unpenalised=views,
        circumstances=_circumstance_names(regulation, given),
        referral=_referral_notes(regulation) if governed else [],
        notes=notes,
    )


def _see_also_entry(regulation: Regulation, target: Match) -> SeeAlso:
    if isinstance(target, Penalty):
        return SeeAlso(
            key=target.key,
            citation=behaviour_of(regulation, target).chinese,
            name=target.name,
            penalty_basis=provision_of(regulation, target).chinese,
        )
    return SeeAlso(key=None, citation=target.citation, name=target.text.rstrip("；。，"))


def _target(regulation: Regulation, pointer: str) -> Match | None:
    """A see_also pointer of the data (a penalty's key or a citation) as what `fine` answers with."""
    penalty = regulation.penalty(pointer)
    if penalty is not None:
        return penalty
    cited = regulation.cite(pointer).citation
    return next((unit for unit in unpenalised_units(regulation) if unit.at == cited), None)


def _see_also(regulation: Regulation, resolved: Resolved, chosen: Sequence[Match]) -> list[SeeAlso]:
    """The data's pointers of the chosen behaviours first, then what else came near the phrase."""
    from wenming.matcher import MAX_SEE_ALSO, behaviours, see_also

    found: list[Match] = []
    for behaviour in behaviours(regulation):
        if behaviour.target in chosen:
            found += [t for pointer in behaviour.see_also if (t := _target(regulation, pointer)) is not None]
    if resolved.reading is not None:
        chosen_fits = [fit for fit in resolved.reading.fits if fit.behaviour.target in chosen]
        found += [behaviour.target for behaviour in see_also(resolved.reading, chosen_fits)]
    unique: list[Match] = []
    for target in found:
        if target not in unique and target not in chosen:
            unique.append(target)
    return [_see_also_entry(regulation, target) for target in unique[:MAX_SEE_ALSO]]


def _as(word: str, concept: str) -> str:
    return word if word == concept else f"{word}→{concept}"


def _phrase_reading(regulation: Regulation, fit: "Fit") -> PhraseReading:
    """What the phrase was answered as, its words as concepts, and the conditions it leaves open."""
    target = fit.behaviour.target
    name = target.name if isinstance(target, Penalty) else f"{target.citation}{target.text.rstrip('；。，')}"
    words: list[str] = []
    direct: dict[str, list[str]] = {}  # 遛狗→出户、犬只: one line per word
    for item in fit.accounted:
        if item.how == "direct" and item.word != item.concept:
            direct.setdefault(item.word, []).append(item.concept)
        if item.how == "direct" and item.word in direct:
            words.append(f"{item.word}→{'、'.join(direct.pop(item.word))}")
        elif item.how == "implied":
            words.append(f"{_as(item.word, item.concept)}（属{item.reached}）")
        elif item.how == "may-be":
            words.append(f"{_as(item.word, item.concept)}（可能是{item.reached}，须认定；这是一种解读）")
        elif item.how == "excluded":
            words.append(f"{_as(item.word, item.concept)}（不是{item.reached}）")
    stated = {item.reached for item in fit.accounted if item.how == "direct"}
    established = [words_ for words_, concept in fit.behaviour.conditions if concept and concept in stated]
    to_establish = [words_ for words_, concept in fit.behaviour.conditions if not (concept and concept in stated)]
    read_as = f"按「{name}」作答"
    words = list(dict.fromkeys(words))
    return PhraseReading(read_as=read_as, words=words, to_establish=to_establish, established=established)


SEE_ALSO_WIDTH = 30  # characters of a provision's words in the see-also note; the JSON has them whole


def _see_also_note(also: list[SeeAlso]) -> str:
    def entry(item: SeeAlso) -> str:
        basis = f"（{item.citation}，罚则{item.penalty_basis}）" if item.penalty_basis else ""
        name = item.name if len(item.name) <= SEE_ALSO_WIDTH else item.name[: SEE_ALSO_WIDTH - 1] + "…"
        return f"{item.key or item.citation} {name}{basis}"

    return "另见：" + "；".join(entry(item) for item in also) + "。"


def _reading_notes(reading: PhraseReading | None, also: list[SeeAlso]) -> list[str]:
    """The reading as sentences, for the views that print notes."""
    notes: list[str] = []
    if reading is not None:
        read = f"{reading.read_as}（{'；'.join(reading.words)}）" if reading.words else reading.read_as
        notes.append(read + "。")
        notes += [f"须认定：{condition}。" for condition in reading.to_establish]
    if also:
        notes.append(_see_also_note(also))
    return notes


def _not_met(regulation: Regulation, query: str, penalty: Penalty, fit: "Fit", also: list[SeeAlso]) -> NotMetAnswer:
    behaviour = behaviour_of(regulation, penalty)
    reading = _phrase_reading(regulation, fit)
    conditions = [words for words, _ in fit.behaviour.conditions] or [penalty.steps[0].condition]
    basis = provision_of(regulation, penalty).chinese
    notes = [
        f"{reading.read_as}：短语所述与{basis}的条件不符，不属该项违法行为，不依该款处罚。",
        *[f"依据：{reason}" for reason in fit.contradictions],
    ]
    if also:
        notes.append(_see_also_note(also))
    return NotMetAnswer(
        query=query,
        violation=penalty.key,
        violation_name=penalty.name,
        violation_basis=behaviour.chinese,
        behaviour=penalty.behaviour.part or behaviour.text,
        penalty_basis=basis,
        conditions=conditions,
        because=list(fit.contradictions),
        reading=reading,
        see_also=also,
        notes=notes,
    )


def fine(
    regulation: Regulation,
    query: str,
    circumstances: Iterable[str] = (),
    social_service: bool = False,
    *,
    laws: "Callable[[], LawBook] | None" = None,
    party: str | None = None,
    amount: int | None = None,
    reduce: str | None = None,
) -> PenalisedAnswer | UnpenalisedAnswer | NotMetAnswer | ProvisionAnswer | OtherLawAnswer:
    """`wenming fine QUERY`: read the query (a key, name, citation, or a phrase by its concepts), then
    assess what it names under the circumstances.

    `laws` reads the national law (wenming.lawbook.load_lawbook); it is called only for an answer
    that needs it: a penalised step's procedure, or an onward pointer to another law's penalty.
    """
    resolved = resolve_query(regulation, query)
    match = resolved.found
    fit = resolved.fit
    chosen: list[Match] = [match] if isinstance(match, Penalty) else list(match)
    also = _see_also(regulation, resolved, chosen) if fit is not None or resolved.reading is not None else []
    reading = _phrase_reading(regulation, fit) if fit is not None else None
    if isinstance(match, Penalty) and fit is not None and fit.not_met:
        _check_circumstances(regulation, list(circumstances))
        return _not_met(regulation, query, match, fit, also)
    if isinstance(match, Penalty):
        book = laws() if laws is not None else None
        penalised = assess(
            regulation, match, circumstances, social_service, book=book, party=party, amount=amount, reduce=reduce
        )
        if reading is not None or also:
            notes = _reading_notes(reading, also) + penalised.notes
            return penalised.replace(query=query, reading=reading, see_also=also, notes=notes)
        return penalised.replace(query=query)
    answer = _unpenalised_answer(regulation, match, circumstances, social_service, laws)
    if party is not None or amount is not None or reduce is not None:
        answer.notes.append("本条例对此未设罚则：--party、--amount、--reduce 不起作用。")
    if isinstance(answer, UnpenalisedAnswer) and (reading is not None or also):
        notes = _reading_notes(reading, also) + answer.notes
        return answer.replace(query=query, reading=reading, see_also=also, notes=notes)
    return answer.replace(query=query)


def _unpenalised_answer(
    regulation: Regulation,
    units: Sequence[Unpenalised],
    circumstances: Iterable[str],
    social_service: bool,
    laws: "Callable[[], LawBook] | None",
) -> UnpenalisedAnswer | ProvisionAnswer | OtherLawAnswer:
    """Another law's penalty where the data points on to one with certainty; else what the regulation says."""
    circumstances = list(circumstances)
    if laws is not None and len(units) == 1 and regulation.behaviour_kind(units[0].at) == "governed":
        from wenming.onward import find_onward, other_law_answer

        book = laws()
        onward = find_onward(book, units[0])
        if onward is not None:
            _check_circumstances(regulation, circumstances)
            return other_law_answer(book, regulation, units[0], onward, circumstances)
    return not_penalised(regulation, units, circumstances, social_service)


# --- the schedule ------------------------------------------------------------------------


def schedule(regulation: Regulation) -> Schedule:
    """Every penalty, one row per ladder: the one for anyone, then each party's or role's own."""
    rows = []
    for penalty in regulation.penalties:
        text = provision_of(regulation, penalty).text
        for variant, steps in penalty.ladders():
            fines = [step.fine for step in steps if step.fine is not None]
            floors = [fine.min for fine in fines]
            rows.append(
                ScheduleRow(
                    violation=penalty.key,
                    violation_name=penalty.name,
                    violation_basis=behaviour_of(regulation, penalty).chinese,
                    penalty_basis=provision_of(regulation, penalty).chinese,
                    agencies=regulation.agency_names(penalty.agencies),
                    agency_short_names=regulation.agency_names(penalty.agencies, short=True),
                    agency_text=penalty.agency_text,
                    party=variant.party if variant is not None else None,
                    role=variant.role if variant is not None else None,
                    review=penalty.review,
                    steps=[_step_view(regulation, n, step, text) for n, step in enumerate(steps, start=1)],
                    # An upper limit only, anywhere in the ladder, leaves the least amount unstated.
                    fine_min=None if not fines or None in floors else min(f for f in floors if f is not None),
                    fine_max=max(fine.max for fine in fines) if fines else None,
                )
            )
    notes: list[str] = []
    if regulation.mitigation is not None:
        m = regulation.mitigation
        notes.append(f"{regulation.cite(m.citation).chinese}：参加并完成社会服务、经认定的，{m.effect}。")
    notes += _referral_notes(regulation)
    provisions = [
        ScheduleProvision(
            citation=regulation.cite(entry.citation).chinese,
            kind=entry.kind,
            summary=entry.summary,
            review=entry.review,
        )
        for entry in regulation.liability
    ]
    return Schedule(title=regulation.meta.title, penalties=rows, provisions=provisions, notes=notes)
