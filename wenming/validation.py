"""Checks that span the whole regulation: numbering and cross-references.

Each problem carries the path of the field it concerns (("penalties", 0,
"behaviour", "cites")), which the loader turns into a file line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from wenming.amounts import fine_amounts
from wenming.citation import CitationSyntaxError
from wenming.concepts import Vocabulary
from wenming.model import FINE_KINDS, JOIN_REPAIRS, Article, Penalty, Repair, Step
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
        provision, problem = _resolve(regulation, penalty.provision, (*path, "provision"))
        if problem:
            yield problem
        yield from _behaviour_link(regulation, penalty, provision, path)
        if provision is not None:
            # The agency may be named in the provision, or in the lead-in of the article it is an item of.
            own = [provision.text, provision.lead_in or ""]
            if penalty.agency_text is not None and not any(penalty.agency_text in text for text in own):
                yield Problem((*path, "agency_text"), f"「{penalty.agency_text}」不在{provision.chinese}原文及其引语中")
            for ladder_path, steps in _ladders(penalty, path):
                yield from _ladder(steps, provision, ladder_path)
        for a_index, key in enumerate(penalty.agencies):
            agency = agencies.get(key)
            if agency is None:
                yield Problem((*path, "agencies", a_index), f"未定义的执法机关 {key}")
            elif penalty.provision not in agency.source:
                yield Problem((*path, "agencies", a_index), f"执法机关 {key} 的 source 未列出{penalty.provision}")
        for ladder_path, steps in _ladders(penalty, path):
            for s_index, step in enumerate(steps):
                for w_index, key in enumerate(step.when_any):
                    if key not in circumstances:
                        yield Problem((*ladder_path, s_index, "when_any", w_index), f"未定义的情形 {key}")
                # Each step names its condition: the first is the violation itself (or, where the provision
                # penalises only with a circumstance — 不听劝阻的 — that circumstance), each later one a circumstance.
                if s_index > 0 and not step.when_any:
                    yield Problem((*ladder_path, s_index, "when_any"), "第二级起须写明触发它的情形")


def _ladders(penalty: Penalty, path: Path) -> Iterator[tuple[Path, list[Step]]]:
    if penalty.steps:
        yield (*path, "steps"), penalty.steps
    for v_index, variant in enumerate(penalty.variants):
        yield (*path, "variants", v_index, "steps"), variant.steps


def _behaviour_link(
    regulation: Regulation, penalty: Penalty, provision: Provision | None, path: Path
) -> Iterator[Problem]:
    """The behaviour resolves, its parts are its own words, and the liability provision names it as
    the link says: citing it (in the provision, or carried from elsewhere in the article), or in words
    of its own."""
    ref = penalty.behaviour
    b_path: Path = (*path, "behaviour")
    behaviour: Provision | None = None
    if ref.cites is not None:
        behaviour, problem = _resolve(regulation, ref.cites, (*b_path, "cites"))
        if problem:
            yield problem
    if behaviour is not None:
        for field in ("part", "conduct"):
            words = getattr(ref, field)
            if words and words not in behaviour.text:
                yield Problem((*b_path, field), f"「{words}」不是{behaviour.chinese}原文的一部分")
    if provision is None:
        return
    own = provision.text + "\n" + (provision.lead_in or "")
    if ref.words is not None and ref.words not in own:
        yield Problem((*b_path, "words"), f"「{ref.words}」不在{provision.chinese}原文及其引语中")
    if behaviour is None:
        return
    if ref.link == "citation" and behaviour.chinese not in own:
        yield Problem((*path, "provision"), f"{provision.chinese}没有引用{behaviour.chinese}")
    for a_index, cited in enumerate(ref.also):
        _, problem = _resolve(regulation, cited, (*b_path, "also", a_index))
        if problem:
            yield problem
    if ref.link == "carried" and behaviour.chinese not in provision.article_text:
        yield Problem((*path, "provision"), f"{provision.chinese}所在条文没有引用{behaviour.chinese}")


def _ladder(steps: Sequence[Step], provision: Provision, path: Path) -> Iterator[Problem]:
    """Each step's condition and sanction are the provision's words, the sanction following the
    condition; each measure's words are there too, and every amount is the one its words spell.

    The ladder's order is the provision's: each step names its condition, and where several are
    reached the engine applies the one the provision ranks last. It need not get heavier (a
    confiscation may follow a fine)."""
    text = provision.text
    context = text + "\n" + (provision.lead_in or "")
    for s_index, step in enumerate(steps):
        s_path: Path = (*path, s_index)
        # An item's later condition may stand in its article's lead-in (…予以处罚；拒不履行处罚决定的，…：).
        where = text if step.condition in text else (provision.lead_in or "")
        start = where.find(step.condition)
        if start < 0:
            yield Problem((*s_path, "condition"), f"「{step.condition}」不在{provision.chinese}原文及其引语中")
        else:
            clause = re.split("[；。]", where[start:], maxsplit=1)[0]
            # An item's sanction may stand in its article's lead-in (有下列行为之一的，依照…处理：).
            if step.sanction not in clause and step.sanction not in (provision.lead_in or ""):
                yield Problem((*s_path, "sanction"), f"「{step.sanction}」不在{provision.chinese}「{clause}」一句中")
        for m_index, measure in enumerate(step.measures):
            m_path: Path = (*s_path, "measures", m_index)
            words = measure.text
            if words is not None and words not in step.sanction and words not in context:
                yield Problem((*m_path, "text"), f"「{words}」不在{provision.chinese}原文中")
            if measure.kind not in FINE_KINDS:
                continue
            try:
                written = fine_amounts(words or step.sanction)
            except ValueError as error:
                yield Problem((*m_path, "text"), str(error))
                continue
            stated = (measure.min, measure.max)
            if written is None or (written.low, written.high) != stated:
                found = (written.low, written.high) if written else None
                yield Problem((*m_path, "max"), f"数额 {stated} 与原文「{words or step.sanction}」所写 {found} 不符")
            elif (written.per, written.of) != (measure.per, measure.of):
                yield Problem((*m_path, "per"), f"单位或基数与原文「{words}」不符：{written.per or written.of}")


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
    for index, behaviour in enumerate(vocabulary.behaviours):
        for field, listed in (
            ("concepts", behaviour.concepts),
            ("omits", behaviour.omits),
            ("context", behaviour.context),
        ):
            for c_index, key in enumerate(listed):
                if key not in seen:
                    problems.append(Problem(("behaviours", index, field, c_index), f"未定义的概念「{key}」"))
                elif field == "omits" and key not in behaviour.concepts:
                    problems.append(Problem(("behaviours", index, field, c_index), f"「{key}」须同时列在 concepts 中"))
    return problems


def _shared_kinds(regulation: Regulation, vocabulary: Vocabulary) -> Iterator[Problem]:
    """Agency kinds and behaviour keys are the shared vocabulary's, so that cities compare."""
    kinds = {kind.key for kind in vocabulary.agency_kinds}
    behaviours = {behaviour.key for behaviour in vocabulary.behaviours}
    for index, agency in enumerate(regulation.agencies):
        if agency.kind is not None and agency.kind not in kinds:
            yield Problem(
                ("agencies", index, "kind"), f"执法机关种类「{agency.kind}」不在共用词表（vocabulary.yaml）中"
            )
    keyed: list[tuple[Path, str | None]] = [
        (("penalties", i, "taxonomy"), p.taxonomy) for i, p in enumerate(regulation.penalties)
    ]
    keyed += [(("liability", i, "taxonomy"), entry.taxonomy) for i, entry in enumerate(regulation.liability)]
    keyed += [
        (("behaviour_taxonomy", i, "taxonomy"), link.taxonomy) for i, link in enumerate(regulation.behaviour_taxonomy)
    ]
    for path, key in keyed:
        if key is not None and key not in behaviours:
            yield Problem(path, f"行为类别「{key}」不在共用词表（vocabulary.yaml）的 behaviours 中")
    for index, link in enumerate(regulation.behaviour_taxonomy):
        provision, problem = _resolve(regulation, link.cites, ("behaviour_taxonomy", index, "cites"))
        if problem:
            yield problem
        elif provision is not None and link.part is not None and link.part not in provision.text:
            yield Problem(("behaviour_taxonomy", index, "part"), f"「{link.part}」不是{provision.chinese}原文的一部分")


def behaviour_concept_problems(regulation: Regulation, vocabulary: Vocabulary) -> Iterator[Problem]:
    """Each described behaviour exists, every concept it names is in the shared vocabulary, what it
    omits is among its core concepts, a condition's words are the provisions' own, and what it points
    to (see_also) is a penalty's key or a citation of the regulation."""
    keys = {penalty.key for penalty in regulation.penalties}
    known = vocabulary.by_key
    yield from _shared_kinds(regulation, vocabulary)
    for index, entry in enumerate(regulation.behaviour_concepts):
        path: Path = ("behaviour_concepts", index)
        texts: list[str] = []
        if entry.penalty is not None:
            penalty = regulation.penalty(entry.penalty)
            if penalty is None:
                yield Problem((*path, "penalty"), f"未定义的罚则 {entry.penalty}")
            else:
                for cited in (penalty.behaviour_cites, penalty.provision):
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
