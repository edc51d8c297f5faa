"""The penalty engine: which provision penalises a behaviour, which step given circumstances reach.

Everything legal comes from the data (`Regulation.penalties`, `.agencies`, `.liability`,
`.mitigation`): the ladder of steps, their conditions, sanctions, fines and agencies. This
module holds only the logic that reads them:

- Matching input to a penalised provision: a key, an exact name or alias, a citation, or
  words found in the names, aliases and provision texts. Input that fits several is listed,
  never guessed (exit 2); a behaviour the regulation does not penalise gets that answer
  with Article 35's referral (exit 0); input naming nothing gets suggestions (exit 1).
- Selecting the step: the first step is reached by the violation itself, a later one when
  any of its circumstances holds. The ladder is ordered lightest to heaviest in the data
  (validation checks it), so where several steps are reached the last one reached — the
  heaviest — applies. A circumstance no step of the provision names changes nothing.
- Article 41 (mitigation): only where the step reached carries a fine; with social service
  completed and recognised the fine may become anything from the floor (0) to the step's
  maximum.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from wenming.citation import Citation, CitationSyntaxError, parse_citation
from wenming.errors import BadInput, NotFound
from wenming.model import Agency, Penalty, Provision, Regulation, Step, UnknownProvision

# How many candidates or suggestions a message lists before it says "and N more".
MAX_LISTED = 12
MAX_SUGGESTIONS = 5
MAX_QUERY = 100  # characters


# --- result models -----------------------------------------------------------------------


class StepView(BaseModel):
    """One rung of the ladder as the provision words it, and whether these circumstances reach it."""

    number: int
    condition: str
    circumstances: list[str]  # names of the circumstances that reach it; empty: the violation itself
    sanction: str
    measures: list[str]
    fine_min: int | None
    fine_max: int | None
    reached: bool = False
    applied: bool = False


class MitigationView(BaseModel):
    """Article 41 as it bears on this answer."""

    citation: str
    effect: str
    conditions: list[str]
    implementing_rules: str
    requested: bool  # --social-service given
    applies: bool  # the step reached carries a fine, so Article 41 can bear on it
    fine_min: int | None  # the range Article 41 allows, when requested and applicable
    fine_max: int | None


class FineAnswer(BaseModel):
    """The answer to `wenming fine`: for a penalised behaviour, or the honest "not penalised here"."""

    query: str
    penalised: bool
    violation: str | None  # the penalty's key
    violation_name: str | None
    violation_basis: str  # the provision governing the behaviour, e.g. 第二十二条第九项
    behaviour: str  # the words of that provision (or the part of it) the answer concerns
    penalty_basis: str | None  # the liability provision, e.g. 第三十六条第一款
    penalty_text: str | None
    agencies: list[str]
    agency_text: str | None
    circumstances: list[str]  # names of the circumstances given
    ignored_circumstances: list[str]  # given, but this provision has no tier for them
    steps: list[StepView]
    applied_step: int | None
    measures: list[str]
    sanction: str | None
    fine_min: int | None  # after Article 41 when it is requested and applies
    fine_max: int | None
    mitigation: MitigationView | None
    decision: str | None  # the sentence an enforcement officer writes in a decision
    notes: list[str]


class ScheduleRow(BaseModel):
    violation: str
    violation_name: str
    violation_basis: str
    penalty_basis: str
    agencies: list[str]
    agency_short_names: list[str]
    agency_text: str
    steps: list[StepView]
    fine_min: int | None  # the provision's statutory range over all its steps
    fine_max: int | None


class Schedule(BaseModel):
    """`wenming fines`: the whole penalty schedule."""

    title: str
    penalties: list[ScheduleRow]
    notes: list[str]


class Duty(BaseModel):
    """What an agency does under one provision."""

    provision: str
    kind: str  # penalty, or the liability kind (protection, referral ...)
    violation: str | None  # the penalty's key, for kind == penalty
    description: str
    violation_basis: str | None
    shared_with: list[str]  # other agencies named in the same provision


class AgencyView(BaseModel):
    key: str
    name: str
    short_name: str
    aliases: list[str]
    sources: list[str]
    duties: list[Duty]


class AgencyAnswer(BaseModel):
    """`wenming agency [NAME]`: the agencies (or the one named) and what each enforces."""

    query: str | None
    agencies: list[AgencyView]


# --- matching input to a provision ------------------------------------------------------------


@dataclass(frozen=True)
class Unpenalised:
    """A behaviour provision, or the part of one, that no ladder of this regulation penalises."""

    at: Citation
    citation: str  # the statute's form of `at`
    text: str
    part_of_penalised: bool  # the rest of a provision whose other parts are penalised


def _behaviour(regulation: Regulation, penalty: Penalty) -> Provision:
    return regulation.cite(penalty.behaviour.cites)


def _provision(regulation: Regulation, penalty: Penalty) -> Provision:
    return regulation.cite(penalty.provision)


def _units(regulation: Regulation) -> Iterator[Provision]:
    """Every item, and every paragraph without items: the smallest units a behaviour is written in."""
    for article in regulation.articles():
        if len(article.paragraphs) == 1 and not article.paragraphs[0].items:
            yield regulation.resolve(Citation(article.number))  # cited as 第三十九条, not 第一款
            continue
        for paragraph in article.paragraphs:
            if paragraph.items:
                for item in paragraph.items:
                    yield regulation.resolve(Citation(article.number, paragraph.number, item.number))
            else:
                yield regulation.resolve(Citation(article.number, paragraph.number))


def _residue(text: str, parts: Iterable[str]) -> str:
    """The words of `text` left when the penalised `parts` are taken out: 饲养犬只未按规定接种狂犬病疫苗."""
    for part in parts:
        text = text.replace(part, "")
    return "，".join(fragment for fragment in re.split("[，；。：]", text) if fragment.strip())


def _within(inner: Citation, outer: Citation) -> bool:
    return (
        inner.article == outer.article
        and (outer.paragraph is None or outer.paragraph == inner.paragraph)
        and (outer.item is None or outer.item == inner.item)
    )


def _overlaps(a: Citation, b: Citation) -> bool:
    return _within(a, b) or _within(b, a)


def unpenalised_units(regulation: Regulation) -> list[Unpenalised]:
    """Every provision unit no ladder penalises, with penalised parts of an item taken out.

    The liability provisions that carry a ladder (Articles 36-38) are left out: they are the
    penalties themselves.
    """
    by_behaviour: dict[Citation, list[Penalty]] = {}
    ladders: set[Citation] = set()
    for penalty in regulation.penalties:
        by_behaviour.setdefault(_behaviour(regulation, penalty).citation, []).append(penalty)
        ladders.add(_provision(regulation, penalty).citation)
    found: list[Unpenalised] = []
    for unit in _units(regulation):
        if any(_overlaps(unit.citation, ladder) for ladder in ladders):
            continue
        penalties = by_behaviour.get(unit.citation, [])
        if not penalties:
            found.append(Unpenalised(unit.citation, unit.chinese, unit.text, part_of_penalised=False))
            continue
        parts = [p.behaviour.part for p in penalties]
        if any(part is None for part in parts):
            continue  # a penalty covers the whole unit
        rest = _residue(unit.text, [part for part in parts if part is not None])
        if rest:
            found.append(Unpenalised(unit.citation, unit.chinese, rest, part_of_penalised=True))
    return found


Match = Penalty | Unpenalised


def _describe(regulation: Regulation, match: Match) -> str:
    if isinstance(match, Penalty):
        behaviour = _behaviour(regulation, match).chinese
        return f"{match.key}  {match.name}（{behaviour}，罚则{_provision(regulation, match).chinese}）"
    return f"（本条例未设罚则）{match.citation}：{_shorten(match.text)}"


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _ambiguous(regulation: Regulation, query: str, matches: list[Match]) -> BadInput:
    listed = [_describe(regulation, m) for m in matches[:MAX_LISTED]]
    if len(matches) > MAX_LISTED:
        listed.append(f"……另有{len(matches) - MAX_LISTED}处")
    first = matches[0]
    example = first.key if isinstance(first, Penalty) else regulation.citation_compact(first.at)
    return BadInput(
        f"「{query}」对应多处规定，请指明其中一处：",
        suggestion=f"用键或条文引用查询，例如 wenming fine {example}",
        candidates=listed,
    )


def _suggestions(regulation: Regulation, query: str) -> list[str]:
    names: dict[str, str] = {}
    for penalty in regulation.penalties:
        for word in (penalty.key, penalty.name, *penalty.aliases):
            names.setdefault(word, penalty.key)
    close = difflib.get_close_matches(query, list(names), n=MAX_SUGGESTIONS, cutoff=0.3)
    if not close:  # Chinese words are short: also offer any name sharing a character
        close = [word for word in names if set(word) & set(query)][:MAX_SUGGESTIONS]
    return [word if word == names[word] else f"{word}（{names[word]}）" for word in close]


def _by_citation(regulation: Regulation, provision: Provision) -> list[Match]:
    cited = provision.citation
    matches: list[Match] = [
        penalty
        for penalty in regulation.penalties
        if _overlaps(_behaviour(regulation, penalty).citation, cited)
        or _overlaps(_provision(regulation, penalty).citation, cited)
    ]
    for unit in unpenalised_units(regulation):
        if _within(unit.at, cited) or (_within(cited, unit.at) and not unit.part_of_penalised):
            matches.append(unit)
    return matches


def _penalty_words(regulation: Regulation, penalty: Penalty) -> tuple[list[str], list[str]]:
    """(names: matched either way round, texts: matched when they contain the query)."""
    names = [penalty.name, *penalty.aliases]
    texts = [_provision(regulation, penalty).text]
    if penalty.behaviour.part:
        texts.append(penalty.behaviour.part)
    else:
        texts.append(_behaviour(regulation, penalty).text)
    return names, texts


def _by_words(regulation: Regulation, query: str) -> list[Match]:
    matches: list[Match] = []
    for penalty in regulation.penalties:
        names, texts = _penalty_words(regulation, penalty)
        # "遛狗不牵绳罚多少" holds the alias 遛狗不牵绳; "吸烟" is part of a name.
        if any(query in name or (len(name) > 1 and name in query) for name in names) or any(
            query in text for text in texts
        ):
            matches.append(penalty)
    matches += [unit for unit in unpenalised_units(regulation) if query in unit.text]
    # Asked about a fine, 广场舞 means the governed 第二十四条第二项, not the advocated 第二十条第三项.
    governed = _governed_citations(regulation)
    if any(isinstance(m, Penalty) or m.citation in governed for m in matches):
        matches = [m for m in matches if isinstance(m, Penalty) or m.citation in governed]
    return matches or _by_colloquial_words(regulation, query)


def _governed_citations(regulation: Regulation) -> set[str]:
    """Chapter 3's governed behaviours, by citation."""
    from wenming.lookup import behaviour_list  # imported here: `fine smoking` needs neither module's models

    return {entry.citation for entry in behaviour_list(regulation).root}


def _by_colloquial_words(regulation: Regulation, query: str) -> list[Match]:
    """Words people say (乱停车) through the data's colloquial terms to the statute's (不按规定停放车辆).

    Only penalties and Chapter 3's governed behaviours are candidates: a colloquial word
    asked of `fine` is about a behaviour, not about, say, the facilities of Article 33.
    """
    from wenming.search import expansions

    statute_words = [word for word in expansions(regulation, query) if word != query]
    if not statute_words:
        return []
    governed = _governed_citations(regulation)
    matches: list[Match] = []
    for penalty in regulation.penalties:
        _, texts = _penalty_words(regulation, penalty)
        if any(word in text for word in statute_words for text in texts):
            matches.append(penalty)
    matches += [
        unit
        for unit in unpenalised_units(regulation)
        if unit.citation in governed and any(word in unit.text for word in statute_words)
    ]
    return matches


def find_violation(regulation: Regulation, query: str) -> Match:
    """The penalty (or unpenalised behaviour) `query` names; BadInput if several, NotFound if none."""
    text = query.strip()
    if not text:
        raise BadInput("请给出违法行为：键、名称、俗称或条文引用", suggestion="例如 wenming fine smoking")
    if len(text) > MAX_QUERY:  # a pasted page is not a name; keep the fuzzy match cheap
        raise BadInput(f"输入过长（{len(text)} 字），请只写违法行为的名称或条文", suggestion="例如 wenming fine 22.9")
    for penalty in regulation.penalties:
        if text.lower() == penalty.key:
            return penalty
    exact: list[Match] = [p for p in regulation.penalties if text == p.name or text in p.aliases]
    if not exact:
        try:
            citation = parse_citation(text)
        except CitationSyntaxError:
            exact = _by_words(regulation, text)
        else:
            try:
                provision = regulation.resolve(citation)
            except UnknownProvision as error:
                raise NotFound(str(error)) from None
            exact = _by_citation(regulation, provision)
            if not any(isinstance(match, Penalty) for match in exact):
                # Nothing in the cited provision is penalised: one answer, whatever its size.
                return Unpenalised(provision.citation, provision.chinese, provision.text, part_of_penalised=False)
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise _ambiguous(regulation, text, exact)
    suggestions = _suggestions(regulation, text)
    raise NotFound(
        f"没有找到「{text}」对应的违法行为",
        suggestion="用 wenming fines 查看全部罚则" + (f"；相近的有：{'、'.join(suggestions)}" if suggestions else ""),
    )


# --- selecting the step ---------------------------------------------------------------------


def _circumstance_names(regulation: Regulation, keys: Iterable[str]) -> list[str]:
    names = {c.key: c.name for c in regulation.circumstances}
    return [names.get(key, key) for key in keys]


def _check_circumstances(regulation: Regulation, given: Iterable[str]) -> list[str]:
    known = [c.key for c in regulation.circumstances]
    unknown = [key for key in given if key not in known]
    if unknown:
        raise BadInput(f"数据文件没有这些情形：{'、'.join(unknown)}", suggestion=f"已有的情形：{'、'.join(known)}")
    return [key for key in known if key in given]  # in the data's order, without duplicates


def _step_view(regulation: Regulation, number: int, step: Step) -> StepView:
    return StepView(
        number=number,
        condition=step.condition,
        circumstances=_circumstance_names(regulation, step.when_any),
        sanction=step.sanction,
        measures=list(step.measures),
        fine_min=step.fine.min if step.fine else None,
        fine_max=step.fine.max if step.fine else None,
    )


def _agency_names(regulation: Regulation, keys: Iterable[str]) -> list[str]:
    return [agency.name for key in keys if (agency := regulation.agency(key)) is not None]


def _referral_notes(regulation: Regulation) -> list[str]:
    """Article 35 (and its kind): where another law already penalises a behaviour, that law applies."""
    return [
        f"{regulation.cite(entry.citation).chinese}：{regulation.cite(entry.citation).text}"
        for entry in regulation.liability
        if entry.kind == "referral"
    ]


def assess(
    regulation: Regulation, penalty: Penalty, circumstances: Iterable[str] = (), social_service: bool = False
) -> FineAnswer:
    """The answer for `penalty` under `circumstances` (circumstance keys) and Article 41's social service."""
    given = _check_circumstances(regulation, list(circumstances))
    behaviour = _behaviour(regulation, penalty)
    provision = _provision(regulation, penalty)
    steps = [_step_view(regulation, number, step) for number, step in enumerate(penalty.steps, start=1)]
    reached = [
        index for index, step in enumerate(penalty.steps) if not step.when_any or set(step.when_any) & set(given)
    ]
    applied_index = reached[-1]  # the ladder runs lightest to heaviest: the last reached is the heaviest
    for index in reached:
        steps[index].reached = True
    steps[applied_index].applied = True
    applied = penalty.steps[applied_index]

    notes: list[str] = []
    provided = {key for step in penalty.steps for key in step.when_any}
    ignored = [key for key in given if key not in provided]
    for name in _circumstance_names(regulation, ignored):
        notes.append(f"{provision.chinese}没有「{name}」这一档，该情形不影响结果。")
    fined_reached = [index for index in reached if penalty.steps[index].fine is not None]
    if len(fined_reached) > 1:
        numbers = "、".join(f"第{index + 1}档" for index in fined_reached)
        notes.append(f"同时达到{numbers}，适用其中最重的第{applied_index + 1}档（罚则由轻到重排列）。")

    fine_min = applied.fine.min if applied.fine else None
    fine_max = applied.fine.max if applied.fine else None
    mitigation_view: MitigationView | None = None
    mitigation = regulation.mitigation
    if mitigation is not None:
        basis = regulation.cite(mitigation.citation).chinese
        applies = applied.fine is not None
        if social_service and applied.fine is not None:
            fine_min, fine_max = mitigation.fine_floor, applied.fine.max
            notes.append(
                f"依{basis}，违法行为人参加并完成社会服务、经认定的，{mitigation.effect}："
                f"罚款可在{fine_min}元至{fine_max}元之间（低于{applied.fine.min}元即为减轻，{fine_min} 元即不予罚款）；"
                "是否从轻、减轻或者不予，由行政主管部门决定。"
            )
        elif social_service:
            notes.append(f"{basis}只适用于应当受到行政罚款处罚的情形；本档没有罚款，{basis}不起作用。")
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
        )
    agency_names = _agency_names(regulation, penalty.agencies)
    if len(agency_names) > 1:
        notes.append(f"执法机关：{penalty.agency_text}（原文）。")
    notes += _referral_notes(regulation)
    decision = (
        f"违反了《{regulation.meta.title}》{behaviour.chinese}的规定，"
        f"依据{provision.chinese}的规定，{applied.sanction}。"
    )
    return FineAnswer(
        query=penalty.key,
        penalised=True,
        violation=penalty.key,
        violation_name=penalty.name,
        violation_basis=behaviour.chinese,
        behaviour=penalty.behaviour.part or behaviour.text,
        penalty_basis=provision.chinese,
        penalty_text=provision.text,
        agencies=agency_names,
        agency_text=penalty.agency_text,
        circumstances=_circumstance_names(regulation, given),
        ignored_circumstances=_circumstance_names(regulation, ignored),
        steps=steps,
        applied_step=applied_index + 1,
        measures=list(applied.measures),
        sanction=applied.sanction,
        fine_min=fine_min,
        fine_max=fine_max,
        mitigation=mitigation_view,
        decision=decision,
        notes=notes,
    )


def not_penalised(
    regulation: Regulation, unit: Unpenalised, circumstances: Iterable[str] = (), social_service: bool = False
) -> FineAnswer:
    """The honest answer for a behaviour this regulation does not penalise."""
    given = _check_circumstances(regulation, list(circumstances))
    provision = regulation.resolve(unit.at)
    liability = [
        entry
        for entry in regulation.liability
        if _overlaps(regulation.cite(entry.citation).citation, provision.citation)
    ]
    if liability:  # a liability provision cited directly, e.g. Article 39
        notes = [f"本条例在{unit.citation}没有罚款阶梯。"]
    elif unit.part_of_penalised:
        notes = [f"本条例未对{unit.citation}中「{unit.text}」规定的行为设定罚则。"]
    else:
        notes = [f"本条例未对{unit.citation}规定的行为设定罚则。"]
    if unit.part_of_penalised:
        others = [p.key for p in regulation.penalties if _behaviour(regulation, p).citation == provision.citation]
        notes.append(f"{unit.citation}的其他部分另有罚则：{'、'.join(others)}。")
    # A liability provision cited directly (e.g. Article 39) says what follows instead of a ladder.
    for entry in liability:
        if entry.kind != "referral":
            notes.append(f"{regulation.cite(entry.citation).chinese}：{entry.summary}")
    if given or social_service:
        notes.append("没有罚则，所给情形不影响结果。")
    notes += _referral_notes(regulation)
    return FineAnswer(
        query=unit.citation,
        penalised=False,
        violation=None,
        violation_name=None,
        violation_basis=unit.citation,
        behaviour=unit.text,
        penalty_basis=None,
        penalty_text=None,
        agencies=[],
        agency_text=None,
        circumstances=_circumstance_names(regulation, given),
        ignored_circumstances=_circumstance_names(regulation, given),
        steps=[],
        applied_step=None,
        measures=[],
        sanction=None,
        fine_min=None,
        fine_max=None,
        mitigation=None,
        decision=None,
        notes=notes,
    )


def fine(
    regulation: Regulation, query: str, circumstances: Iterable[str] = (), social_service: bool = False
) -> FineAnswer:
    """`wenming fine QUERY`: match the query, then assess it under the circumstances."""
    match = find_violation(regulation, query)
    if isinstance(match, Penalty):
        answer = assess(regulation, match, circumstances, social_service)
    else:
        answer = not_penalised(regulation, match, circumstances, social_service)
    return answer.model_copy(update={"query": query})


# --- the schedule and the agencies ------------------------------------------------------------


def schedule(regulation: Regulation) -> Schedule:
    rows = []
    for penalty in regulation.penalties:
        statutory = penalty.statutory_range
        rows.append(
            ScheduleRow(
                violation=penalty.key,
                violation_name=penalty.name,
                violation_basis=_behaviour(regulation, penalty).chinese,
                penalty_basis=_provision(regulation, penalty).chinese,
                agencies=_agency_names(regulation, penalty.agencies),
                agency_short_names=[a.short_name for key in penalty.agencies if (a := regulation.agency(key))],
                agency_text=penalty.agency_text,
                steps=[_step_view(regulation, n, step) for n, step in enumerate(penalty.steps, start=1)],
                fine_min=statutory.min if statutory else None,
                fine_max=statutory.max if statutory else None,
            )
        )
    notes: list[str] = []
    if regulation.mitigation is not None:
        m = regulation.mitigation
        notes.append(f"{regulation.cite(m.citation).chinese}：参加并完成社会服务、经认定的，{m.effect}。")
    notes += _referral_notes(regulation)
    return Schedule(title=regulation.meta.title, penalties=rows, notes=notes)


def _duties(regulation: Regulation, agency: Agency) -> list[Duty]:
    duties: list[Duty] = []
    for source in agency.source:
        cited = regulation.cite(source)
        for penalty in regulation.penalties:
            if agency.key in penalty.agencies and _provision(regulation, penalty).citation == cited.citation:
                others = [key for key in penalty.agencies if key != agency.key]
                duties.append(
                    Duty(
                        provision=cited.chinese,
                        kind="penalty",
                        violation=penalty.key,
                        description=penalty.name,
                        violation_basis=_behaviour(regulation, penalty).chinese,
                        shared_with=_agency_names(regulation, others),
                    )
                )
        for entry in regulation.liability:
            if regulation.cite(entry.citation).citation == cited.citation:
                description = entry.summary + (f"（{entry.external_law}）" if entry.external_law else "")
                duties.append(
                    Duty(
                        provision=cited.chinese,
                        kind=entry.kind,
                        violation=None,
                        description=description,
                        violation_basis=None,
                        shared_with=[],
                    )
                )
    return duties


def _agency_view(regulation: Regulation, agency: Agency) -> AgencyView:
    return AgencyView(
        key=agency.key,
        name=agency.name,
        short_name=agency.short_name,
        aliases=list(agency.aliases),
        sources=[regulation.cite(source).chinese for source in agency.source],
        duties=_duties(regulation, agency),
    )


def find_agency(regulation: Regulation, query: str) -> Agency:
    text = query.strip()[: MAX_QUERY + 1]
    if not text:
        raise BadInput("请给出执法机关的名称", suggestion="例如 wenming agency 公安机关；不带参数列出全部")

    def names(agency: Agency) -> list[str]:
        return [agency.key, agency.name, agency.short_name, *agency.aliases]

    exact = [a for a in regulation.agencies if text.lower() == a.key or text in names(a)]
    if not exact:
        exact = [
            a for a in regulation.agencies if any(text in name or (len(name) > 1 and name in text) for name in names(a))
        ]
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise BadInput(
            f"「{text}」对应多个执法机关，请指明其中一个：",
            suggestion=f"例如 wenming agency {exact[0].key}",
            candidates=[f"{a.key}  {a.name}" for a in exact],
        )
    pool = {name: a.key for a in regulation.agencies for name in names(a)}
    close = difflib.get_close_matches(text, list(pool), n=MAX_SUGGESTIONS, cutoff=0.3)
    listed = "、".join(name if name == pool[name] else f"{name}（{pool[name]}）" for name in close)
    raise NotFound(
        f"没有找到执法机关「{text}」",
        suggestion="用 wenming agency 列出全部" + (f"；相近的有：{listed}" if listed else ""),
    )


def agencies(regulation: Regulation, query: str | None = None) -> AgencyAnswer:
    """`wenming agency [NAME]`: every agency, or the one NAME names, with what it enforces."""
    chosen = regulation.agencies if query is None else [find_agency(regulation, query)]
    return AgencyAnswer(query=query, agencies=[_agency_view(regulation, agency) for agency in chosen])
