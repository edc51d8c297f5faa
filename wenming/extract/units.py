"""Where a regulation's liability provisions are, one per paragraph, item or penalty sentence, and
which behaviour each names (the citation, relative citation, carried citation or description).

The numbering grammar of a citation (第十三条第一款、第二款, 第（二）项) is here, as the grammar of
amounts is wenming.amounts'; the words that introduce a citation are the rules file's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from wenming.citation import Citation
from wenming.extract.found import LinkKind
from wenming.extract.rules import Rules, longest_first
from wenming.extract.sanctions import circumstance_of, has_sanction, or_behaviour, segments
from wenming.numerals import from_chinese
from wenming.reader.document import ReadRegulation
from wenming.reader.structure import Article

_N = "[一二三四五六七八九十百零]+"
_TOKEN = re.compile(rf"第[（(]?(?P<n>{_N})[）)]?(?P<level>[条款项])")
_RUN = rf"(?:第[（(]?{_N}[）)]?[条款项])(?:[、和]?第[（(]?{_N}[）)]?[条款项])*"
_ARTICLE_RUN = rf"第{_N}条(?:[、和]?第[（(]?{_N}[）)]?[条款项])*"
_ITEM_RUN = rf"第[（(]?{_N}[）)]?项(?:[、和]?第[（(]?{_N}[）)]?项)*"


def _introduced(words: list[str], run: str) -> re.Pattern[str]:
    """A citation run after one of `words` (违反本条例第十条第七项), the run as group `run`."""
    return re.compile("(?:" + "|".join(re.escape(w) for w in longest_first(words)) + f")(?P<run>{run})")


@dataclass
class Unit:
    """The words of one liability provision (or one penalty sentence of one)."""

    article: Article
    paragraph: int
    item: int | None
    sentence: int | None
    line: int
    text: str
    lead_in: str | None
    sanction_in_lead_in: bool


Cite = tuple[int, int | None, int | None]


def chinese(article: Article, paragraph: int | None, item: int | None) -> str:
    """The statute's form: 款 only where the article has several paragraphs."""
    several = len(article.paragraphs) > 1
    return Citation(article.number, paragraph if several else None, item).chinese()


def citation_text(read: ReadRegulation, cite: Cite) -> str | None:
    """第十条第七项: 款 only where the article has several; None where the regulation has no such provision."""
    article = next((a for a in read.articles if a.number == cite[0]), None)
    if article is None:
        return None
    paragraph = None
    number = cite[1]
    if number is not None:
        if number > len(article.paragraphs):
            return None
        paragraph = article.paragraphs[number - 1]
    if cite[2] is not None and paragraph is None:
        # 第七条第八项 where 第七条 has several paragraphs: the item of the one paragraph that has items
        # (第七条第一款第八项); where several have items, the citation does not say which.
        holders = [p for p in article.paragraphs if p.items]
        if len(holders) == 1:
            paragraph = holders[0]
            number = paragraph.number
    if cite[2] is not None and (paragraph is None or cite[2] > len(paragraph.items)):
        return None
    return chinese(article, number, cite[2])


def parse_run(run: str, article: int | None = None, paragraph: int | None = None) -> list[Cite]:
    """第十三条第一款、第二款 -> [(13, 1, None), (13, 2, None)]; a run without 条 is relative to `article`."""
    cites: list[Cite] = []
    a, p, i = article, paragraph, None
    started = False
    for token in _TOKEN.finditer(run):
        number = from_chinese(token.group("n"))
        if number is None:
            continue
        level = "条款项".index(token.group("level"))
        # A token at a level already filled (or above a filled item) starts the next citation.
        if started and a is not None and ((a, p, i)[level] is not None or (level < 2 and i is not None)):
            cites.append((a, p, i))
        if level == 0:
            a, p, i = number, None, None
        elif level == 1:
            p, i = number, None
        else:
            i = number
        started = True
    if started and a is not None:
        cites.append((a, p, i))
    return cites


def _in_liability_chapter(read: ReadRegulation, article: Article, rules: Rules) -> bool:
    chapter = next((c for c in read.chapters if article in c.articles), None)
    return chapter is not None and any(word in (chapter.title or "") for word in rules.liability_chapter)


def _penalising(text: str, in_chapter: bool, rules: Rules) -> bool:
    if not has_sanction(text, rules):
        return False
    if not in_chapter and not any(word in text for word in rules.liability_marks) and not _standalone(text, rules):
        return False
    core = any(word in text for word in rules.referral) or re.search(rules.fine_pattern, text) is not None
    core = core or any(
        w in text for r in rules.measures if r.kind in ("order", "warning", "confiscation") for w in r.words
    )
    return core or not any(word in text for word in rules.not_penalty)


def _standalone(text: str, rules: Rules) -> bool:
    """A sanction outside the chapter that names no breach (对…不文明行为予以曝光): one of its words, on an
    uncivil act, in a sentence that does not set up the means (建立公共信用信息平台)."""
    return (
        any(word in text for word in rules.standalone_sanctions)
        and any(word in text for word in rules.standalone_objects)
        and not any(word in text for word in rules.standalone_not)
    )


def _new_behaviour(clause: str, rules: Rules) -> bool:
    """A clause after ；that describes a behaviour of its own and sanctions it."""
    segs = segments(clause)
    if not segs or not segs[0].text.endswith(rules.condition_end) or len(segs[0].text) < rules.new_behaviour_min_chars:
        return False
    if circumstance_of(segs[0].text, rules) or re.search(rules.role_pattern, segs[0].text):
        return False
    return has_sanction(clause[segs[0].end :], rules)


def sentences(text: str, in_chapter: bool, rules: Rules) -> list[str]:
    """The penalty sentences of a paragraph or item, verbatim."""
    found: list[str] = []
    for sentence in re.findall("[^。]+。?", text):
        if not _penalising(sentence, in_chapter, rules) and not (found and has_sanction(sentence, rules)):
            continue
        clauses = re.findall("[^；]+；?", sentence)
        current = clauses[0]
        for clause in clauses[1:]:
            if _new_behaviour(clause, rules):
                found.append(current)
                current = clause
            else:
                current += clause
        found.append(current)
        found += _or_behaviours(current, rules)
    return [s for s in found if has_sanction(s, rules)]


def _or_behaviours(sentence: str, rules: Rules) -> list[str]:
    """The penalties of their own a sentence's later conditions hold: 警告后不改正的，或者放任犬只恐吓他人的，
    由…处…. Alternatives within the violation's own condition (…未束犬链，或者未及时清除排泄物的) are not."""
    segs = segments(sentence)
    return [
        sentence[seg.start :]
        for i, seg in enumerate(segs)
        if i
        and or_behaviour(seg.text, rules)
        and circumstance_of(segs[i - 1].text, rules)
        and segs[i - 1].text.endswith(rules.condition_end)
    ]


def units(read: ReadRegulation, rules: Rules) -> Iterator[Unit]:
    for article in read.articles:
        in_chapter = _in_liability_chapter(read, article, rules)
        for paragraph in article.paragraphs:
            if paragraph.items:
                lead_penalises = _penalising(paragraph.text, in_chapter, rules)
                for item in paragraph.items:
                    # An item that only describes a behaviour (…的；) takes its sanction from the lead-in.
                    described = item.text.rstrip("；;。. ").endswith(rules.condition_end)
                    own = [] if described else sentences(item.text, in_chapter or lead_penalises, rules)
                    if own:
                        for index, sentence in enumerate(own):
                            number = index + 1 if len(own) > 1 else None
                            yield Unit(
                                article,
                                paragraph.number,
                                item.number,
                                number,
                                item.line,
                                sentence,
                                paragraph.text,
                                False,
                            )
                    elif lead_penalises and has_sanction(paragraph.text, rules):
                        yield Unit(
                            article, paragraph.number, item.number, None, item.line, item.text, paragraph.text, True
                        )
                continue
            own = sentences(paragraph.text, in_chapter, rules)
            for index, sentence in enumerate(own):
                number = index + 1 if len(own) > 1 else None
                yield Unit(article, paragraph.number, None, number, paragraph.line, sentence, None, False)


# --- the behaviour a unit names ---------------------------------------------------------------


def _relative_at(text: str, rules: Rules) -> int:
    """Where `text` cites the paragraph before for its behaviour (违反前款…), or -1; 依照前款规定从重处罚
    names where the sanction is, not the behaviour."""
    for word in rules.relative_paragraph:
        for match in re.finditer(re.escape(word), text):
            if not any(text[: match.start()].endswith(w) for w in rules.relative_not_after):
                return match.start()
    return -1


def behaviour_cites(
    unit: Unit, read: ReadRegulation, rules: Rules, earlier: list[str]
) -> tuple[LinkKind, list[str], list[str]]:
    """(link, cites, notes) for `unit`; `earlier`: what the paragraph's earlier sentences cited."""
    notes: list[str] = []
    text = unit.text
    found: list[Cite] = []
    link: LinkKind = "citation"
    absolute_pattern = _introduced(rules.citing, _ARTICLE_RUN)
    item_pattern = _introduced(rules.citing_items, _ITEM_RUN)
    absolute = absolute_pattern.search(text)
    if absolute:
        found = parse_run(absolute.group("run"))
    elif (relative_at := _relative_at(text, rules)) >= 0 and unit.paragraph > 1:
        link = "relative"
        base = unit.paragraph - 1
        after = text[relative_at:]
        if any(word in after[:8] for word in rules.other_items):
            previous = unit.article.paragraphs[base - 1]
            taken = {c for c in earlier}
            found = [(unit.article.number, base, item.number) for item in previous.items]
            found = [c for c in found if citation_text(read, c) not in taken]
            notes.append("「其他规定」按前款中前文未引用的各项处理")
        else:
            run = re.match(_RUN, after[len(rules.relative_paragraph[0]) :])
            found = parse_run(run.group(), unit.article.number, base) if run else [(unit.article.number, base, None)]
    elif unit.lead_in is not None and item_pattern.search(text):
        lead = absolute_pattern.search(unit.lead_in)
        base_cites = parse_run(lead.group("run")) if lead else []
        match = item_pattern.search(text)
        if base_cites and match:
            link = "relative"
            article, paragraph, _ = base_cites[0]
            found = parse_run(match.group("run"), article, paragraph)
    cites = []
    for cite in found:
        chinese = citation_text(read, cite)
        if chinese is None:
            notes.append(f"所引条文 {cite} 在本条例中找不到，未予链接")
        else:
            cites.append(chinese)
    if cites:
        return link, cites, notes
    if unit.sentence is not None and unit.sentence > 1 and earlier:
        return "carried", list(earlier), notes
    return "description", [], notes
