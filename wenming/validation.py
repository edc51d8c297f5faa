"""Checks that span the whole regulation: numbering and cross-references.

Each problem carries the path of the field it concerns (("penalties", 0,
"behaviour", "cites")), which the loader turns into a file line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from wenming.citation import CitationSyntaxError
from wenming.concepts import Vocabulary
from wenming.model import JOIN_REPAIRS, Article, FineRange, Penalty, Repair
from wenming.numerals import from_chinese
from wenming.regulation import Provision, Regulation, UnknownProvision

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str


def regulation_problems(regulation: Regulation, vocabulary: Vocabulary | None = None) -> list[Problem]:
    """Every numbering and reference problem in `regulation`; empty when it is sound.

    With the shared `vocabulary`, the concepts its behaviours name are checked to exist there."""
    return [
        *(behaviour_concept_problems(regulation, vocabulary) if vocabulary is not None else []),
        *_numbering(regulation),
        *_unique_keys(regulation),
        *_repairs(regulation),
        *_notes_and_facts(regulation),
        *_penalties(regulation),
        *_liability(regulation),
        *_colloquial_terms(regulation),
        *_wide_terms(regulation),
        *_duties(regulation),
        *_behaviour_articles(regulation),
    ]


def _wide_terms(regulation: Regulation) -> Iterator[Problem]:
    """Each meaning is a penalty's key or a citation of the regulation."""
    keys = {penalty.key for penalty in regulation.penalties}
    for index, term in enumerate(regulation.wide_terms):
        for m_index, meaning in enumerate(term.means):
            if meaning in keys:
                continue
            _, problem = _resolve(regulation, meaning, ("wide_terms", index, "means", m_index))
            if problem:
                yield problem


def _duties(regulation: Regulation) -> Iterator[Problem]:
    """Each duty resolves and names its bearer in the provision's own words."""
    for index, duty in enumerate(regulation.duties):
        provision, problem = _resolve(regulation, duty.citation, ("duties", index, "citation"))
        if problem:
            yield problem
        elif provision is not None and duty.bearer not in provision.text:
            yield Problem(("duties", index, "bearer"), f"「{duty.bearer}」不在{provision.chinese}中")


def _contiguous(numbers: Sequence[int], path: Path, what: str, start: int = 1) -> Iterator[Problem]:
    for index, number in enumerate(numbers):
        expected = start + index
        if number != expected:
            yield Problem((*path, index, "number"), f"{what}编号应为 {expected}，实为 {number}（编号须唯一且连续）")
            return


def _increasing(numbers: Sequence[int], path: Path, what: str, start: int = 1) -> Iterator[Problem]:
    """A regulation cut short (complete: false) may skip numbers where text is missing; never repeat them."""
    previous = start - 1
    for index, number in enumerate(numbers):
        if number <= previous:
            yield Problem((*path, index, "number"), f"{what}编号 {number} 不大于前一个 {previous}（编号须递增）")
            return
        previous = number


def _numbering(regulation: Regulation) -> Iterator[Problem]:
    check = _contiguous if regulation.complete else _increasing
    yield from check([c.number for c in regulation.chapters], ("chapters",), "章")
    groups: list[tuple[Path, list[Article]]] = [
        (("chapters", c_index, "articles"), chapter.articles) for c_index, chapter in enumerate(regulation.chapters)
    ] or [(("articles",), regulation.articles)]
    next_article = 1
    for path, articles in groups:
        yield from check([a.number for a in articles], path, "条", start=next_article)
        next_article = (articles[-1].number if articles else next_article - 1) + 1
        for a_index, article in enumerate(articles):
            a_path: Path = (*path, a_index, "paragraphs")
            yield from _contiguous([p.number for p in article.paragraphs], a_path, "款")
            for p_index, paragraph in enumerate(article.paragraphs):
                yield from check([i.number for i in paragraph.items], (*a_path, p_index, "items"), "项")


def _unique_keys(regulation: Regulation) -> Iterator[Problem]:
    for field in ("circumstances", "agencies", "penalties", "notes"):
        seen: set[str] = set()
        for index, entry in enumerate(getattr(regulation, field)):
            if entry.key in seen:
                yield Problem((field, index, "key"), f"键 {entry.key} 重复")
            seen.add(entry.key)


def _resolve(regulation: Regulation, text: str, path: Path) -> tuple[Provision | None, Problem | None]:
    try:
        return regulation.cite(text), None
    except (CitationSyntaxError, UnknownProvision) as error:
        return None, Problem(path, f"引用「{text}」无法解析：{error}")


def _check_citations(regulation: Regulation, texts: Sequence[str], path: Path) -> Iterator[Problem]:
    for index, text in enumerate(texts):
        _, problem = _resolve(regulation, text, (*path, index))
        if problem:
            yield problem


def _repairs(regulation: Regulation) -> Iterator[Problem]:
    """Each repair names a provision there is; a join's printed lines, run together, are the line as read,
    which ends in the provision's text (after its marker)."""
    for index, repair in enumerate(regulation.repairs):
        if repair.citation is None:
            continue
        provision, problem = _resolve(regulation, repair.citation, ("repairs", index, "citation"))
        if problem:
            yield problem
        elif provision is not None and repair.kind in JOIN_REPAIRS and not _joined(repair, provision):
            yield Problem(("repairs", index, "printed"), f"原文各行连起来与{provision.chinese}的文本不符")


def _joined(repair: Repair, provision: Provision) -> bool:
    return "".join(repair.printed) == "".join(repair.read) and repair.read[0].endswith(provision.text)


def _notes_and_facts(regulation: Regulation) -> Iterator[Problem]:
    for index, note in enumerate(regulation.notes):
        yield from _check_citations(regulation, note.concerns, ("notes", index, "concerns"))
    for index, fact in enumerate(regulation.meta.external_facts):
        yield from _check_citations(regulation, fact.concerns, ("meta", "external_facts", index, "concerns"))
    circumstances = {c.key for c in regulation.circumstances}
    for index, circumstance in enumerate(regulation.circumstances):
        for r_index, key in enumerate(circumstance.related):
            if key not in circumstances or key == circumstance.key:
                yield Problem(("circumstances", index, "related", r_index), f"related 须为另一情形的键，未定义：{key}")
    keys = {agency.key for agency in regulation.agencies}
    for index, agency in enumerate(regulation.agencies):
        yield from _check_citations(regulation, agency.source, ("agencies", index, "source"))
        if agency.part_of is not None and (agency.part_of not in keys or agency.part_of == agency.key):
            yield Problem(("agencies", index, "part_of"), f"part_of 须为另一执法机关的键，未定义：{agency.part_of}")


def _penalties(regulation: Regulation) -> Iterator[Problem]:
    circumstances = {c.key for c in regulation.circumstances}
    agencies = {a.key: a for a in regulation.agencies}
    for index, penalty in enumerate(regulation.penalties):
        path: Path = ("penalties", index)
        behaviour, problem = _resolve(regulation, penalty.behaviour.cites, (*path, "behaviour", "cites"))
        if problem:
            yield problem
        elif behaviour is not None:
            for field in ("part", "conduct"):
                words = getattr(penalty.behaviour, field)
                if words and words not in behaviour.text:
                    yield Problem((*path, "behaviour", field), f"「{words}」不是{behaviour.chinese}原文的一部分")
        provision, problem = _resolve(regulation, penalty.provision, (*path, "provision"))
        if problem:
            yield problem
        if provision is not None:
            # The liability provision must cite the behaviour and word what the data says it words.
            if behaviour is not None and behaviour.chinese not in provision.text:
                yield Problem((*path, "provision"), f"{provision.chinese}没有引用{behaviour.chinese}")
            if penalty.agency_text not in provision.text:
                yield Problem((*path, "agency_text"), f"「{penalty.agency_text}」不在{provision.chinese}原文中")
            for s_index, step in enumerate(penalty.steps):
                if step.condition not in provision.text:
                    yield Problem(
                        (*path, "steps", s_index, "condition"), f"「{step.condition}」不在{provision.chinese}原文中"
                    )
            yield from _ladder(penalty, provision, regulation.fine_measure, path)
        for a_index, key in enumerate(penalty.agencies):
            agency = agencies.get(key)
            if agency is None:
                yield Problem((*path, "agencies", a_index), f"未定义的执法机关 {key}")
            elif penalty.provision not in agency.source:
                yield Problem((*path, "agencies", a_index), f"执法机关 {key} 的 source 未列出{penalty.provision}")
        for s_index, step in enumerate(penalty.steps):
            for w_index, key in enumerate(step.when_any):
                if key not in circumstances:
                    yield Problem((*path, "steps", s_index, "when_any", w_index), f"未定义的情形 {key}")
            if s_index == 0 and step.when_any:
                yield Problem((*path, "steps", 0, "when_any"), "第一级由违法行为本身触发，不应有情形")
            if s_index > 0 and not step.when_any:
                yield Problem((*path, "steps", s_index, "when_any"), "第二级起须写明触发它的情形")


# 处五十元罚款 / 处一百元以上二百元以下罚款: the amounts a sanction writes, in yuan.
_AMOUNT = "[零一二三四五六七八九十百千万]+"
_FIXED_FINE = re.compile(rf"处(?P<amount>{_AMOUNT})元罚款")
_RANGE_FINE = re.compile(rf"处(?P<min>{_AMOUNT})元以上(?P<max>{_AMOUNT})元以下罚款")


def fine_in_words(sanction: str) -> tuple[int, int] | None:
    """The (min, max) fine a sanction's words state; None when they state no fine amount.

    Raises ValueError for an amount that is not a canonical Chinese numeral.
    """
    found = _RANGE_FINE.search(sanction)
    words = (found.group("min"), found.group("max")) if found else None
    if words is None:
        fixed = _FIXED_FINE.search(sanction)
        words = (fixed.group("amount"), fixed.group("amount")) if fixed else None
    if words is None:
        return None
    low, high = from_chinese(words[0]), from_chinese(words[1])
    if low is None or high is None:
        raise ValueError(f"无法识别的金额：{words[0]}、{words[1]}")
    return low, high


def _ladder(penalty: Penalty, provision: Provision, fine_measure: str | None, path: Path) -> Iterator[Problem]:
    """Each step's sanction follows its condition in the provision, and states its fine.

    The ladder is ordered lightest to heaviest (the engine applies the last step reached),
    so a step's fine may not be lighter than an earlier step's.
    """
    text = provision.text
    heaviest: FineRange | None = None
    for s_index, step in enumerate(penalty.steps):
        s_path: Path = (*path, "steps", s_index)
        start = text.find(step.condition)
        if start >= 0:
            clause = re.split("[；。]", text[start:], maxsplit=1)[0]
            if step.sanction not in clause:
                yield Problem((*s_path, "sanction"), f"「{step.sanction}」不在{provision.chinese}「{clause}」一句中")
        try:
            written = fine_in_words(step.sanction)
        except ValueError as error:
            yield Problem((*s_path, "sanction"), str(error))
            continue
        stated = (step.fine.min, step.fine.max) if step.fine else None
        if written != stated:
            yield Problem((*s_path, "fine"), f"罚款 {stated} 与原文「{step.sanction}」所写 {written} 不符")
        if fine_measure is None:
            if step.fine is not None:
                yield Problem((*s_path, "fine"), "有罚款数额的一级须有 decision_wording（fine_measure：罚款一词）")
        elif (step.fine is not None) != (fine_measure in step.measures):
            yield Problem((*s_path, "measures"), f"有罚款数额的一级，measures 须含「{fine_measure}」，反之亦然")
        if step.fine is None:
            if heaviest is not None:
                yield Problem((*s_path, "fine"), "阶梯须由轻到重：没有罚款的一级不能排在有罚款的一级之后")
            continue
        if heaviest is not None and (step.fine.min < heaviest.min or step.fine.max < heaviest.max):
            yield Problem((*s_path, "fine"), "阶梯须由轻到重：本级罚款轻于前一级")
        heaviest = step.fine


def _liability(regulation: Regulation) -> Iterator[Problem]:
    for index, entry in enumerate(regulation.liability):
        _, problem = _resolve(regulation, entry.citation, ("liability", index, "citation"))
        if problem:
            yield problem
    if regulation.mitigation is not None:
        _, problem = _resolve(regulation, regulation.mitigation.citation, ("mitigation", "citation"))
        if problem:
            yield problem


def _colloquial_terms(regulation: Regulation) -> Iterator[Problem]:
    """A statute word must occur literally in the text or the notes, or a search for it finds nothing."""
    searched = "\n".join(
        [
            *(paragraph.text for article in regulation.all_articles() for paragraph in article.paragraphs),
            *(item.text for article in regulation.all_articles() for p in article.paragraphs for item in p.items),
            *(f"{note.summary}\n{note.quote}" for note in regulation.notes),
        ]
    )
    seen: set[str] = set()
    for index, term in enumerate(regulation.colloquial_terms):
        for w_index, word in enumerate(term.statute):
            if word not in searched:
                yield Problem(("colloquial_terms", index, "statute", w_index), f"「{word}」不在条文或立法说明中")
        for w_index, word in enumerate(term.says):
            if word in seen:
                yield Problem(("colloquial_terms", index, "says", w_index), f"「{word}」重复")
            seen.add(word)


def _behaviour_articles(regulation: Regulation) -> Iterator[Problem]:
    """Each is a whole article, listed once, whose first paragraph names its domain and, unless it
    is a list system, lists items."""
    seen: set[int] = set()
    for index, entry in enumerate(regulation.behaviour_articles):
        path: Path = ("behaviour_articles", index)
        provision, problem = _resolve(regulation, entry.article, (*path, "article"))
        if problem:
            yield problem
        if provision is None:
            continue
        if provision.paragraph is not None:
            yield Problem((*path, "article"), f"应引用整条，而不是{provision.chinese}")
            continue
        article = provision.article
        if article.number in seen:
            yield Problem((*path, "article"), f"{provision.chinese}重复")
        seen.add(article.number)
        opening = article.paragraphs[0].text
        if entry.domain not in opening:
            yield Problem((*path, "domain"), f"「{entry.domain}」不在{provision.chinese}第一款原文中")
        # The kind is read off the opening words: 鼓励下列…, 倡导下列…, 重点治理下列….
        word = regulation.behaviour_kind_words.get(entry.kind)
        if entry.kind != "list-system" and not article.itemised_paragraphs:
            yield Problem((*path, "kind"), f"{provision.chinese}不分项，没有可列的行为（清单制度写作 list-system）")
        elif word is None:
            yield Problem((*path, "kind"), f"behaviour_kind_words 未给出 {entry.kind} 的用语")
        elif word not in opening:
            yield Problem((*path, "kind"), f"{entry.kind} 的用语「{word}」不在{provision.chinese}第一款原文中")


# --- concepts ------------------------------------------------------------------------------


def vocabulary_problems(vocabulary: Vocabulary) -> list[Problem]:
    """Each concept once; every concept a concept points to (implies, may_be, excludes) exists; a
    word names a concept once."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, concept in enumerate(vocabulary.concepts):
        if concept.key in seen:
            problems.append(Problem(("concepts", index, "key"), f"概念「{concept.key}」重复"))
        seen.add(concept.key)
    for index, concept in enumerate(vocabulary.concepts):
        pointers = [("implies", i, key) for i, key in enumerate(concept.implies)]
        pointers += [("may_be", i, key) for i, key in enumerate(concept.may_be)]
        pointers += [("excludes", i, e.concept) for i, e in enumerate(concept.excludes)]
        for field, f_index, key in pointers:
            if key not in seen:
                path: Path = ("concepts", index, field, f_index)
                problems.append(Problem((*path, "concept") if field == "excludes" else path, f"未定义的概念「{key}」"))
        words: set[str] = set()
        for field, listed in (("says", concept.says), ("done", concept.done)):
            for w_index, word in enumerate(listed):
                if word in words:
                    problems.append(Problem(("concepts", index, field, w_index), f"「{word}」重复"))
                words.add(word)
    return problems


def behaviour_concept_problems(regulation: Regulation, vocabulary: Vocabulary) -> Iterator[Problem]:
    """Each described behaviour exists, every concept it names is in the shared vocabulary, what it
    omits is among its core concepts, a condition's words are the provisions' own, and what it points
    to (see_also) is a penalty's key or a citation of the regulation."""
    keys = {penalty.key for penalty in regulation.penalties}
    known = vocabulary.by_key
    for index, entry in enumerate(regulation.behaviour_concepts):
        path: Path = ("behaviour_concepts", index)
        texts: list[str] = []
        if entry.penalty is not None:
            penalty = regulation.penalty(entry.penalty)
            if penalty is None:
                yield Problem((*path, "penalty"), f"未定义的罚则 {entry.penalty}")
            else:
                for cited in (penalty.behaviour.cites, penalty.provision):
                    provision, _ = _resolve(regulation, cited, (*path, "penalty"))
                    texts += [provision.text] if provision is not None else []
        if entry.cites is not None:
            provision, problem = _resolve(regulation, entry.cites, (*path, "cites"))
            if problem:
                yield problem
            elif provision is not None:
                texts.append(provision.text)
        for field, concepts in (("core", entry.core), ("context", entry.context), ("omits", entry.omits)):
            for c_index, key in enumerate(concepts):
                if key not in known:
                    yield Problem((*path, field, c_index), f"概念「{key}」不在共用词表（vocabulary.yaml）中")
        for c_index, key in enumerate(entry.omits):
            if key not in entry.core:
                yield Problem((*path, "omits", c_index), f"「{key}」须同时列在 core 中")
        for c_index, condition in enumerate(entry.conditions):
            c_path: Path = (*path, "conditions", c_index)
            if condition.concept is not None and condition.concept not in known:
                yield Problem((*c_path, "concept"), f"概念「{condition.concept}」不在共用词表（vocabulary.yaml）中")
            if texts and not any(condition.words in text for text in texts):
                yield Problem((*c_path, "words"), f"「{condition.words}」不在所述条文原文中")
        for s_index, target in enumerate(entry.see_also):
            if target not in keys:
                _, problem = _resolve(regulation, target, (*path, "see_also", s_index))
                if problem:
                    yield problem
