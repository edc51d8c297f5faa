"""Matching what a person types to a penalised provision, or to a behaviour no ladder penalises.

A key, an exact name or alias, a citation, or words found in the names, aliases and provision
texts. Input that fits several is listed, never guessed (exit 2); input naming nothing gets
suggestions (exit 1). The assessment of a match is `wenming.penalty`'s business.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from wenming.citation import Citation, CitationSyntaxError, parse_citation
from wenming.errors import BadInput, NotFound
from wenming.lookup import behaviour_list
from wenming.model import Penalty, Provision, Regulation, UnknownProvision
from wenming.search import expansions

# How many candidates or suggestions a message lists before it says "and N more".
MAX_LISTED = 12
MAX_SUGGESTIONS = 5
MAX_QUERY = 100  # characters


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
        if any(unit.citation.overlaps(ladder) for ladder in ladders):
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
        if penalty in regulation.penalties_citing(cited, overlapping=True)
        or penalty in regulation.penalties_under(cited, overlapping=True)
    ]
    for unit in unpenalised_units(regulation):
        if cited.contains(unit.at) or (unit.at.contains(cited) and not unit.part_of_penalised):
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
    return {entry.citation for entry in behaviour_list(regulation).root}


def _by_colloquial_words(regulation: Regulation, query: str) -> list[Match]:
    """Words people say (乱停车) through the data's colloquial terms to the statute's (不按规定停放车辆).

    Only penalties and Chapter 3's governed behaviours are candidates: a colloquial word
    asked of `fine` is about a behaviour, not about, say, the facilities of Article 33.
    """
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
