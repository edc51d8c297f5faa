"""Matching what a person types to a penalised provision, or to a behaviour no ladder penalises.

A key, an exact name or alias, a citation, or words found in the names, aliases and provision
texts. Input that fits several is listed, never guessed (exit 2); input naming nothing gets
suggestions (exit 1). The assessment of a match is `wenming.penalty`'s business.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from wenming.citation import CITATION_FORMS_HELP, Citation, CitationSyntaxError, looks_like_citation, parse_citation
from wenming.errors import BadInput, NotFound
from wenming.model import Penalty, WideTerm
from wenming.regulation import Provision, Regulation, UnknownProvision
from wenming.vocabulary import expansions, is_cjk, known_words, per_regulation, strip_question

# How many candidates or suggestions a message lists before it says "and N more".
MAX_LISTED = 12
MAX_SUGGESTIONS = 5
MAX_QUERY = 100  # characters


# --- matching input to a provision ------------------------------------------------------------


class Unpenalised(NamedTuple):
    """A behaviour provision, or the part of one, that no ladder of this regulation penalises.

    A NamedTuple rather than a frozen dataclass: a fifth of the cost to create at import. Being a
    tuple, it is told apart from a Penalty by isinstance(match, Penalty), never by tuple-ness.
    """

    at: Citation
    citation: str  # the statute's form of `at`
    text: str
    part_of_penalised: bool  # the rest of a provision whose other parts are penalised


def behaviour_of(regulation: Regulation, penalty: Penalty) -> Provision:
    """The provision of the governed behaviour a penalty is for (第二十二条第九项)."""
    return regulation.cite(penalty.behaviour.cites)


def provision_of(regulation: Regulation, penalty: Penalty) -> Provision:
    """The liability provision that imposes a penalty (第三十六条第一款)."""
    return regulation.cite(penalty.provision)


@per_regulation
def unpenalised_units(regulation: Regulation) -> tuple[Unpenalised, ...]:
    """Every provision unit no ladder penalises, with penalised parts of an item taken out.

    The liability provisions that carry a ladder (Articles 36-38) are left out: they are the
    penalties themselves.
    """
    found: list[Unpenalised] = []
    for unit in regulation.units():
        if regulation.penalties_under(unit.citation, overlapping=True):
            continue
        if not regulation.penalties_citing(unit.citation):
            found.append(Unpenalised(unit.citation, unit.chinese, unit.text, part_of_penalised=False))
            continue
        rest = regulation.unpenalised_part(unit.citation)  # None: the penalties cover it all
        if rest:
            found.append(Unpenalised(unit.citation, unit.chinese, rest, part_of_penalised=True))
    return tuple(found)


def _governed(regulation: Regulation, match: Match) -> bool:
    return isinstance(match, Penalty) or regulation.behaviour_kind(match.at) == "governed"


Match = Penalty | Unpenalised


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


def _only_in_text(regulation: Regulation, query: str, matches: list[Match]) -> BadInput:
    # 企业, 逾期: a word of a provision's text is not the name of the behaviour it penalises.
    message = f"「{query}」只是下列规定条文中的字词，不足以断定所问的违法行为，请核对后用键或条文查询："
    return _listing(regulation, message, matches)


def _wide(regulation: Regulation, query: str, term: WideTerm) -> BadInput:
    """宠物 holds dogs and other pets; 共享单车 its riders and its operator: list each, never pick one."""
    matches: list[Match] = []
    for meaning in term.means:
        penalty = regulation.penalty(meaning)
        if penalty is not None:
            matches.append(penalty)
        else:
            provision = regulation.cite(meaning)
            matches.append(Unpenalised(provision.citation, provision.chinese, provision.text, part_of_penalised=False))
    message = f"「{query}」可能指下列不同规定，请指明其中一处："
    error = _listing(regulation, message, matches, how="用键或条文引用查询，")
    if term.rest:
        error.candidates.append(term.rest)
        error.choices.append({"key": None, "name": term.rest, "violation_basis": None, "penalty_basis": None})
    return error


def _more_than_a_name(regulation: Regulation, query: str, matches: list[Match]) -> BadInput:
    # 在家抽烟, 狗绳断了: the name is there, but so are words that may take the conduct outside it.
    message = f"「{query}」不只是某一违法行为的名称，无法断定是否属于下列规定的行为，请核对后用键或条文查询："
    return _listing(regulation, message, matches)


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


def _add(matches: list[Match], more: Iterable[Match]) -> None:
    for match in more:
        if match not in matches:
            matches.append(match)


def _holds(text: str, words: str) -> bool:
    """`words` occur in `text` other than negated: 禁止吸烟场所 is not in 在非禁止吸烟场所."""
    start = text.find(words)
    while start != -1:
        if start == 0 or text[start - 1] != "非":
            return True
        start = text.find(words, start + 1)
    return False


def _named(regulation: Regulation, query: str, penalty: Penalty) -> bool:
    """The query is a name or alias of the penalty, or a colloquial word for its words (not just a
    word of an alias: 企业 is in 共享单车企业)."""
    if query in (penalty.name, *penalty.aliases):
        return True
    statute_words = [word for word in expansions(regulation, query, for_fine=True) if word != query]
    return any(_holds(text, word) for word in statute_words for text in _penalty_texts(regulation, penalty))


# A shorter query found only in a provision's text (企业, 逾期) is a word of it, not a name for its behaviour.
MIN_TEXT_QUERY = 4


def _within_words(regulation: Regulation, query: str) -> list[Match]:
    """Provisions whose names, aliases or text hold the whole query (遛狗 is in 遛狗不牵绳)."""
    matches: list[Match] = []
    for penalty in regulation.penalties:
        names = [penalty.name, *penalty.aliases]
        if any(_holds(word, query) for word in names + _penalty_texts(regulation, penalty)):
            matches.append(penalty)
    _add(matches, [unit for unit in unpenalised_units(regulation) if _holds(unit.text, query)])
    # People's words for the statute's (遛狗 -> 犬只): penalties and Chapter 3's governed behaviours.
    # A colloquial word asked of `fine` is about a behaviour, not about, say, Article 33's facilities.
    statute_words = [word for word in expansions(regulation, query, for_fine=True) if word != query]
    if statute_words:
        _add(
            matches,
            [
                p
                for p in regulation.penalties
                if any(_holds(t, w) for w in statute_words for t in _penalty_texts(regulation, p))
            ],
        )
        _add(
            matches,
            [
                unit
                for unit in unpenalised_units(regulation)
                if _governed(regulation, unit) and any(_holds(unit.text, word) for word in statute_words)
            ],
        )
    # Asked about a fine, 广场舞 means the governed 第二十四条第二项, not the advocated 第二十条第三项.
    if any(_governed(regulation, m) for m in matches):
        matches = [m for m in matches if _governed(regulation, m)]
    return matches


def _plain(text: str) -> str:
    """Text without its bracketed asides: 在非禁止吸烟场所（区域）吸烟 -> 在非禁止吸烟场所吸烟."""
    return re.sub(r"（[^（）]*）", "", text)


def _paraphrases(regulation: Regulation, query: str) -> set[str]:
    """The query with people's words replaced by the statute's: 在非禁止吸烟场所抽烟 -> …吸烟."""
    found = {query}
    for entry in regulation.colloquial_terms:
        if entry.search_only:
            continue
        for said in entry.says:
            for text in list(found):
                if said in text:
                    found.update(text.replace(said, word) for word in entry.statute)
    return found


def _described_by_text(regulation: Regulation, query: str) -> list[Match]:
    """Provisions whose words, asides left out, hold the query as a paraphrase: clearly this one."""
    variants = _paraphrases(regulation, query)
    matches: list[Match] = [
        p
        for p in regulation.penalties
        if any(_holds(_plain(t), v) for v in variants for t in _penalty_texts(regulation, p))
    ]
    _add(
        matches,
        [unit for unit in unpenalised_units(regulation) if any(_holds(_plain(unit.text), v) for v in variants)],
    )
    return matches


def _by_known_words(regulation: Regulation, query: str) -> list[Match]:
    """Provisions holding every colloquial or statute word the query holds (电动车逆行: 电动车 and
    逆行, both in 第二十三条第二项); governed behaviours first, as for a single word."""
    # A single character (狗 in 狗尿, 打狗) is too little to say what behaviour is meant.
    words = [word for word in known_words(regulation, query, for_fine=True) if len(word) > 1]
    if not words:
        return []
    alternatives = [expansions(regulation, word, for_fine=True) for word in words]

    def holds_all(texts: list[str]) -> bool:
        return all(any(_holds(text, word) for text in texts for word in words) for words in alternatives)

    matches: list[Match] = [p for p in regulation.penalties if holds_all(_penalty_texts(regulation, p))]
    _add(matches, [unit for unit in unpenalised_units(regulation) if holds_all([unit.text])])
    if any(_governed(regulation, m) for m in matches):
        matches = [m for m in matches if _governed(regulation, m)]
    return matches


def _holding_a_name(regulation: Regulation, query: str) -> list[Match]:
    """Penalties one of whose names or aliases is inside a longer query (在家抽烟 holds 抽烟)."""
    return [
        penalty
        for penalty in regulation.penalties
        if any(len(word) > 1 and word in query for word in (penalty.name, *penalty.aliases))
    ]


Found = Penalty | tuple[Unpenalised, ...]


def find_violation(regulation: Regulation, query: str) -> Found:
    """The penalty `query` names, or the unpenalised behaviours it names (one or several).

    Only a key, an exact name or alias (question words aside), a citation, or words that are
    part of a provision's names or text give an answer; a query holding a name and more
    lists the candidates (BadInput) rather than guess. NotFound when nothing is named.
    """
    text = query.strip()
    if not text:
        raise BadInput("请给出违法行为：键、名称、俗称或条文引用", suggestion="例如 wenming fine smoking")
    if len(text) > MAX_QUERY:  # a pasted page is not a name; keep the fuzzy match cheap
        raise BadInput(f"输入过长（{len(text)} 字），请只写违法行为的名称或条文", suggestion="例如 wenming fine 22.9")
    for penalty in regulation.penalties:
        if text.lower() == penalty.key:
            return penalty
    name = strip_question(regulation, text)
    matches: list[Match] = [p for p in regulation.penalties if name == p.name or name in p.aliases]
    wide = next((term for term in regulation.wide_terms if name in term.says), None)
    if not matches and wide is not None:
        raise _wide(regulation, text, wide)
    if not matches:
        try:
            citation = parse_citation(text)
        except CitationSyntaxError as error:
            if looks_like_citation(text):  # 22.9.1, "22 9": a usage error, as for `article`
                raise BadInput(
                    str(error), suggestion=error.suggestion or f"可用的写法：{CITATION_FORMS_HELP}"
                ) from None
            matches = _within_words(regulation, name) or _described_by_text(regulation, name)
            if not matches and (holding := _holding_a_name(regulation, name)):
                raise _more_than_a_name(regulation, text, list(holding)) from None
            if not matches:
                # Words the data knows inside a longer phrase: an unpenalised answer stands (电动车
                # 逆行), but a penalty is listed, not given: the rest may take the conduct outside it.
                matches = _by_known_words(regulation, name)
                if any(isinstance(match, Penalty) for match in matches):
                    raise _more_than_a_name(regulation, text, matches) from None
            only = matches[0] if len(matches) == 1 else None
            if isinstance(only, Penalty) and len(name) < MIN_TEXT_QUERY and not _named(regulation, name, only):
                raise _only_in_text(regulation, text, matches) from None
        else:
            try:
                provision = regulation.resolve(citation)
            except UnknownProvision as error:
                raise NotFound(str(error)) from None
            matches = _by_citation(regulation, provision)
            if not any(isinstance(match, Penalty) for match in matches):
                # Nothing in the cited provision is penalised: one answer, whatever its size.
                return (Unpenalised(provision.citation, provision.chinese, provision.text, part_of_penalised=False),)
    if len(matches) == 1 and isinstance(matches[0], Penalty):
        return matches[0]
    unpenalised = tuple(match for match in matches if isinstance(match, Unpenalised))
    if matches and len(unpenalised) == len(matches):
        return unpenalised  # none of them is penalised: that is the answer, however many there are
    if matches:
        raise _ambiguous(regulation, text, matches)
    suggestions = _suggestions(regulation, text)
    raise NotFound(
        f"没有找到「{text}」对应的违法行为",
        suggestion="用 wenming fines 查看全部罚则" + (f"；相近的有：{'、'.join(suggestions)}" if suggestions else ""),
    )
