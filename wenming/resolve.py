"""Matching what a person types to a penalised provision, or to a behaviour no ladder penalises.

A key, an exact name or alias, a citation, the words of a provision, or else a phrase read by its
concepts (wenming.matcher), whatever its word order. Input that several provisions fit comparably
is listed, never guessed (exit 2); input nothing fits gets the provisions its words touch as
suggestions (exit 1). The assessment of a match is `wenming.penalty`'s business.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from wenming.citation import CITATION_FORMS_HELP, CitationSyntaxError, looks_like_citation, parse_citation
from wenming.declared import Value
from wenming.errors import BadInput, NotFound, WenmingError
from wenming.model import Penalty, WideTerm
from wenming.regulation import Provision, Regulation, UnknownProvision
from wenming.units import Match, Unpenalised, behaviour_of, governed, provision_of, unpenalised_units
from wenming.vocabulary import holds, is_cjk, strip_question

if TYPE_CHECKING:  # the matcher is imported when a phrase is read: a key or citation needs none of it
    from wenming.matcher import Fit, Reading

__all__ = [
    "Match",
    "Resolved",
    "Unpenalised",
    "behaviour_of",
    "find_violation",
    "provision_of",
    "resolve_query",
    "unpenalised_units",
]

# How many candidates or suggestions a message lists before it says "and N more".
MAX_LISTED = 12
MAX_SUGGESTIONS = 5
MAX_QUERY = 100  # characters


# --- matching input to a provision ------------------------------------------------------------


def _describe(regulation: Regulation, match: Match) -> str:
    if isinstance(match, Penalty):
        behaviour = behaviour_of(regulation, match).chinese
        return f"{match.key}  {match.name}（{behaviour}，罚则{provision_of(regulation, match).chinese}）"
    return f"（本条例未设罚则）{match.citation}：{_shorten(match.text)}"


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _listed(regulation: Regulation, matches: Sequence[Match]) -> list[str]:
    listed = [_describe(regulation, m) for m in matches[:MAX_LISTED]]
    if len(matches) > MAX_LISTED:
        listed.append(f"……另有{len(matches) - MAX_LISTED}处")
    return listed


def _example(regulation: Regulation, match: Match) -> str:
    return match.key if isinstance(match, Penalty) else regulation.citation_compact(match.at)


def _choice(regulation: Regulation, match: Match) -> dict[str, str | None]:
    """A candidate as fields, for scripts reading the JSON error."""
    if isinstance(match, Penalty):
        return {
            "key": match.key,
            "name": match.name,
            "violation_basis": behaviour_of(regulation, match).chinese,
            "penalty_basis": provision_of(regulation, match).chinese,
        }
    return {"key": None, "name": match.text, "violation_basis": match.citation, "penalty_basis": None}


def _choices(regulation: Regulation, matches: Sequence[Match]) -> list[dict[str, str | None]]:
    return [_choice(regulation, match) for match in matches]


def _listing(regulation: Regulation, message: str, matches: list[Match], how: str = "") -> BadInput:
    """A usage error that lists the candidates, for people and (as `choices`) for scripts."""
    return BadInput(
        message,
        suggestion=f"{how}例如 wenming fine {_example(regulation, matches[0])}",
        candidates=_listed(regulation, matches),
        choices=_choices(regulation, matches),
    )


def _ambiguous(regulation: Regulation, query: str, matches: list[Match]) -> BadInput:
    return _listing(regulation, f"「{query}」对应多处规定，请指明其中一处：", matches, how="用键或条文引用查询，")


def _wide(regulation: Regulation, query: str, term: WideTerm) -> BadInput:
    """宠物 holds dogs and other pets; 共享单车 its riders and its operator: list each, never pick one."""
    matches: list[Match] = []
    for meaning in term.means:
        penalty = regulation.penalty(meaning)
        if penalty is not None:
            matches.append(penalty)
        else:
            provision = regulation.cite(meaning)
            matches.append(_whole(provision))
    message = f"「{query}」可能指下列不同规定，请指明其中一处："
    error = _listing(regulation, message, matches, how="用键或条文引用查询，")
    if term.rest:
        error.candidates.append(term.rest)
        error.choices.append({"key": None, "name": term.rest, "violation_basis": None, "penalty_basis": None})
    return error


def close_words(query: str, pool: dict[str, str], *, cutoff: float = 0.3, shared: int = 1) -> list[str]:
    """Words of `pool` (word -> key) close to `query`, written 「word（key）」 where they differ.

    `cutoff`: difflib's similarity needed; else a word sharing `shared` consecutive Chinese
    characters with the query (never -, % or a letter). Names of bodies share 市 and 管 by the
    way they are formed (市场监管, 城市管理局): there, ask more.
    """
    close = difflib.get_close_matches(query, list(pool), n=MAX_SUGGESTIONS, cutoff=cutoff)
    if not close:
        # Chinese words are short: also offer any word sharing Chinese characters with the query.
        pieces = {
            query[start : start + shared]
            for start in range(len(query) - shared + 1)
            if all(is_cjk(char) for char in query[start : start + shared])
        }
        close = [word for word in pool if any(piece in word for piece in pieces)][:MAX_SUGGESTIONS]
    return [word if word == pool[word] else f"{word}（{pool[word]}）" for word in close]


def _suggestions(regulation: Regulation, query: str) -> list[str]:
    names: dict[str, str] = {}
    for penalty in regulation.penalties:
        for word in (penalty.key, penalty.name, *penalty.aliases):
            names.setdefault(word, penalty.key)
    return close_words(query, names)


def _by_citation(regulation: Regulation, provision: Provision) -> list[Match]:
    cited = provision.citation
    citing = regulation.penalties_citing(cited, overlapping=True)
    under = regulation.penalties_under(cited, overlapping=True)
    matches: list[Match] = [penalty for penalty in regulation.penalties if penalty in citing or penalty in under]
    for unit in unpenalised_units(regulation):
        if cited.contains(unit.at) or (unit.at.contains(cited) and not unit.part_of_penalised):
            matches.append(unit)
    return matches


def _penalty_texts(regulation: Regulation, penalty: Penalty) -> list[str]:
    texts = [provision_of(regulation, penalty).text]
    if penalty.behaviour.part:
        texts.append(penalty.behaviour.part)
    else:
        texts.append(behaviour_of(regulation, penalty).text)
    return texts


def _whole(provision: Provision) -> Unpenalised:
    """A provision no penalty touches, as a whole unit."""
    return Unpenalised(at=provision.citation, citation=provision.chinese, text=provision.text, part_of_penalised=False)


def _add(matches: list[Match], more: Iterable[Match]) -> None:
    for match in more:
        if match not in matches:
            matches.append(match)


def _plain(text: str) -> str:
    """Text without its bracketed asides: 在非禁止吸烟场所（区域）吸烟 -> 在非禁止吸烟场所吸烟."""
    return re.sub(r"（[^（）]*）", "", text)


# A shorter query found in a provision's text (企业, 逾期) is a word of it, not a description of it.
MIN_TEXT_QUERY = 4


def _described_by_text(regulation: Regulation, query: str) -> list[Match]:
    """Provisions whose words, asides left out, hold the query: it quotes them (在非禁止吸烟场所)."""
    if len(query) < MIN_TEXT_QUERY:
        return []
    matches: list[Match] = [
        p for p in regulation.penalties if any(holds(_plain(t), query) for t in _penalty_texts(regulation, p))
    ]
    _add(matches, [unit for unit in unpenalised_units(regulation) if holds(_plain(unit.text), query)])
    if any(governed(regulation, m) for m in matches):
        matches = [m for m in matches if governed(regulation, m)]
    return matches


Found = Penalty | tuple[Unpenalised, ...]


class Resolved(Value):
    """What a query was resolved to, and, for a phrase, how it was read (wenming.matcher)."""

    found: Found
    fit: Fit | None = None  # the reading that chose it; not_met: the phrase contradicts a condition
    reading: Reading | None = None


def _not_found(regulation: Regulation, text: str, reading: Reading | None) -> NotFound:
    """Nothing fits: the provisions the phrase's words touch, as suggestions, never as an answer."""
    related = list(reading.related[:MAX_SUGGESTIONS]) if reading is not None else []
    matches = [behaviour.target for behaviour in related]
    suggestions = [_example(regulation, match) for match in matches] or _suggestions(regulation, text)
    understood = ""
    if reading is not None and any(word.concepts for word in reading.words):
        known = "、".join(f"「{word.text}」" for word in reading.words if word.concepts)
        understood = f"（读到{known}，但本条例没有同时涉及这些的规定）"
    return NotFound(
        f"没有找到「{text}」对应的违法行为{understood}",
        suggestion="用 wenming fines 查看全部罚则" + (f"；相关的有：{'、'.join(suggestions)}" if suggestions else ""),
        candidates=_listed(regulation, matches),
        choices=_choices(regulation, matches),
    )


def _read(regulation: Regulation, text: str) -> Resolved:
    """A phrase, read by its concepts: one fit answers; comparable fits with a penalty are listed."""
    from wenming.matcher import best, read_phrase

    reading = read_phrase(regulation, text)
    top = best(reading)
    if not top:
        raise _not_found(regulation, text, reading)
    if len(top) == 1:
        fit = top[0]
        target = fit.behaviour.target
        return Resolved(found=target if isinstance(target, Penalty) else (target,), fit=fit, reading=reading)
    targets = [fit.behaviour.target for fit in top]
    units = tuple(target for target in targets if isinstance(target, Unpenalised))
    if len(units) == len(targets):
        return Resolved(found=units, reading=reading)  # none of them is penalised: that is the answer
    raise _ambiguous(regulation, text, targets)


def resolve_query(regulation: Regulation, query: str) -> Resolved:
    """The penalty `query` names, or the unpenalised behaviours it names, and how it was read.

    A key, an exact name or alias (question words aside), a word wider than one behaviour, a
    citation, the words of a provision, and else the phrase read by its concepts (wenming.matcher).
    Comparable candidates with a penalty among them are listed (BadInput, exit 2); NotFound (exit 1)
    when nothing fits, with the provisions its words touch as suggestions.
    """
    text = query.strip()
    if not text:
        raise BadInput("请给出违法行为：键、名称、俗称或条文引用", suggestion="例如 wenming fine smoking")
    if len(text) > MAX_QUERY:  # a pasted page is not a name; keep the fuzzy match cheap
        raise BadInput(f"输入过长（{len(text)} 字），请只写违法行为的名称或条文", suggestion="例如 wenming fine 22.9")
    for penalty in regulation.penalties:
        if text.lower() == penalty.key:
            return Resolved(found=penalty)
    # A key no penalty has but a liability provision does (a referral for one behaviour, 依照治安管理
    # 处罚法处罚): the behaviour it names, answered as that provision's.
    referred = [entry for entry in regulation.liability if entry.taxonomy == text.lower()]
    if referred:
        ref = referred[0].behaviour
        cited = ref.cites if ref is not None and ref.cites is not None else referred[0].citation
        provision = regulation.cite(cited)
        return Resolved(found=(_whole(provision),))
    name = strip_question(regulation, text)
    named = [p for p in regulation.penalties if name == p.name or name in p.aliases]
    if len(named) == 1:
        return _with_reading(regulation, text, named[0])
    wide = next((term for term in regulation.wide_terms if name in term.says), None)
    if not named and wide is not None:
        raise _wide(regulation, text, wide)
    if named:
        raise _ambiguous(regulation, text, list(named))
    try:
        citation = parse_citation(text)
    except CitationSyntaxError as error:
        if looks_like_citation(text):  # 22.9.1, "22 9": a usage error, as for `article`
            raise BadInput(str(error), suggestion=error.suggestion or f"可用的写法：{CITATION_FORMS_HELP}") from None
    else:
        try:
            provision = regulation.resolve(citation)
        except UnknownProvision as error:
            raise NotFound(str(error)) from None
        matches = _by_citation(regulation, provision)
        if not any(isinstance(match, Penalty) for match in matches):
            # Nothing in the cited provision is penalised: one answer, whatever its size.
            return Resolved(found=(_whole(provision),))
        return _one_or_listed(regulation, text, matches)
    described = _described_by_text(regulation, name)
    if described:
        resolved = _one_or_listed(regulation, text, described)
        return _with_reading(regulation, text, resolved.found)
    return _read(regulation, text)


def _with_reading(regulation: Regulation, text: str, found: Found) -> Resolved:
    """A name or a provision's words, with the phrase's reading where it reads as the same (抽烟: the
    condition to establish, and the manager's provision to see also)."""
    from wenming.matcher import read_phrase

    try:
        reading = read_phrase(regulation, text)
    except WenmingError:  # a vocabulary edited into an unusable one: the name still answers
        return Resolved(found=found)
    targets = [found] if isinstance(found, Penalty) else list(found)
    fits = [fit for fit in reading.fits if fit.behaviour.target in targets]
    fit = fits[0] if len(targets) == 1 and fits else None
    return Resolved(found=found, fit=fit, reading=reading)


def _one_or_listed(regulation: Regulation, text: str, matches: list[Match]) -> Resolved:
    if len(matches) == 1 and isinstance(matches[0], Penalty):
        return Resolved(found=matches[0])
    unpenalised = tuple(match for match in matches if isinstance(match, Unpenalised))
    if len(unpenalised) == len(matches):
        return Resolved(found=unpenalised)  # none of them is penalised: that is the answer, however many
    raise _ambiguous(regulation, text, matches)


def find_violation(regulation: Regulation, query: str) -> Found:
    """The penalty `query` names, or the unpenalised behaviours it names (see resolve_query)."""
    return resolve_query(regulation, query).found
