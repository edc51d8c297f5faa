"""The regulation as the program asks it things: the data (wenming.model) with its indexes and queries.

- Indexes: articles by number, penalties and agencies by key, the behaviour articles.
- Citations resolved to provisions (article, paragraph, item), in the statute's forms.
- The penalties under a liability provision or citing a behaviour, and what of a behaviour no
  penalty covers.

A Regulation is frozen, so every index is computed once, when first asked for.
"""

from collections.abc import Iterable, Iterator
from functools import cached_property

from wenming.citation import Citation, parse_citation
from wenming.model import (
    Agency,
    Article,
    BehaviourArticle,
    BehaviourKind,
    Chapter,
    Item,
    LiabilityProvision,
    Paragraph,
    Penalty,
    RegulationData,
)
from wenming.numerals import to_chinese as _cn

# The marks that end a clause of a provision, each read as a comma (the rest of a behaviour provision).
_CLAUSE_BREAKS = str.maketrans("；。：", "，，，")


class Regulation(RegulationData):
    """A validated regulation and the look-ups over it (the library's `load_regulation()` returns one)."""

    @cached_property
    def _articles(self) -> dict[int, tuple[Chapter | None, Article]]:
        """Every article by number, with its chapter (None in a regulation without chapters)."""
        if not self.chapters:
            return {article.number: (None, article) for article in self.articles}
        return {article.number: (chapter, article) for chapter in self.chapters for article in chapter.articles}

    @property
    def article_count(self) -> int:
        return len(self._articles)

    def article(self, number: int) -> Article | None:
        found = self._articles.get(number)
        return found[1] if found else None

    def chapter_of(self, article_number: int) -> Chapter | None:
        found = self._articles.get(article_number)
        return found[0] if found else None

    def chapter(self, number: int) -> Chapter | None:
        # By number, not place: a regulation cut short may lack a chapter (see `complete`).
        return next((chapter for chapter in self.chapters if chapter.number == number), None)

    def all_articles(self) -> list[Article]:
        return [article for _, article in self._articles.values()]

    def penalty(self, key: str) -> Penalty | None:
        return next((penalty for penalty in self.penalties if penalty.key == key), None)

    def agency(self, key: str) -> Agency | None:
        return next((agency for agency in self.agencies if agency.key == key), None)

    @cached_property
    def _behaviour_articles(self) -> dict[int, BehaviourArticle]:
        return {self.cite(entry.article).citation.article: entry for entry in self.behaviour_articles}

    def behaviour_kind(self, citation: Citation) -> BehaviourKind | None:
        """The kind of behaviour the provision at `citation` states, from `behaviour_articles`: an
        article listing behaviours, or any part of it, has the article's kind. None for any other."""
        entry = self._behaviour_articles.get(citation.article)
        return entry.kind if entry is not None else None

    @property
    def classifies_behaviours(self) -> bool:
        """Whether the data says which articles state behaviours and of what kind (behaviour_articles):
        without it, an article of no known kind is unknown, not "no behaviour"."""
        return bool(self._behaviour_articles)

    def liability_concerning(self, citation: Citation) -> list[LiabilityProvision]:
        """The liability provisions (referrals, text-only …) that name this provision's behaviour."""
        found = []
        for entry in self.liability:
            ref = entry.behaviour
            cited = [ref.cites, *ref.also] if ref is not None and ref.cites is not None else []
            if any(self.cite(c).citation.overlaps(citation) for c in cited):
                found.append(entry)
        return found

    def referrals(self) -> list["Provision"]:
        """The provisions that refer every behaviour to other laws (Article 35), for their own words; a
        referral for one behaviour (依照治安管理处罚法 for retaliation) is that behaviour's, not these."""
        return [
            self.cite(entry.citation)
            for entry in self.liability
            if entry.kind == "referral" and entry.behaviour is None and entry.taxonomy is None
        ]

    @property
    def fine_measure(self) -> str | None:
        """The word for a fine among a step's measures (罚款), from decision_wording; validation
        requires it where a step has a fine."""
        return self.decision_wording.fine_measure if self.decision_wording is not None else None

    def agency_names(self, keys: Iterable[str], *, short: bool = False) -> list[str]:
        """The names of the agencies `keys` name, in that order (short: their short names)."""
        found = [agency for key in keys if (agency := self.agency(key)) is not None]
        return [agency.short_name if short else agency.name for agency in found]

    def canonical(self, citation: Citation) -> Citation:
        """The citation with its paragraph filled in, a sole paragraph standing for its article.

        第三十八条 and 第三十八条第一款 are the same provision where the article has one paragraph;
        comparisons between citations go through this form.
        """
        provision = self.resolve(citation)
        exact = provision.citation
        if exact.paragraph is None and len(provision.article.paragraphs) == 1:
            return Citation(exact.article, 1, exact.item)
        return exact

    @cached_property
    def _penalty_places(self) -> list[tuple[Penalty, Citation, Citation]]:
        """Each penalty with the canonical citations of each behaviour it cites and its liability provision."""
        return [
            (penalty, self.canonical(parse_citation(cited)), self.canonical(parse_citation(penalty.provision)))
            for penalty in self.penalties
            for cited in (penalty.behaviour_cites, *penalty.behaviour.also)
        ]

    def penalised_behaviours(self) -> list[Citation]:
        """The provisions whose behaviour some penalty cites, once each, in the order of the penalties."""
        return list(dict.fromkeys(behaviour for _, behaviour, _ in self._penalty_places))

    def penalties_citing(self, citation: Citation, *, overlapping: bool = False) -> list[Penalty]:
        """The penalties for the behaviour at `citation` (or, overlapping, in it or containing it)."""
        return self._penalties_at(citation, overlapping, behaviour=True)

    def penalties_citing_whole(self, citation: Citation) -> list[Penalty]:
        """The penalties whose behaviour is a larger provision holding this one, cited whole (违反本条例第十七条
        规定的 covers 第十七条第二款), not a part of it."""
        place = self.canonical(citation)
        return [
            penalty
            for penalty, cited, _ in self._penalty_places
            if cited != place and cited.contains(place) and penalty.behaviour.part is None
        ]

    def penalties_under(self, citation: Citation, *, overlapping: bool = False) -> list[Penalty]:
        """The penalties the liability provision at `citation` imposes (or, overlapping, in it or containing it)."""
        return self._penalties_at(citation, overlapping, behaviour=False)

    def _penalties_at(self, citation: Citation, overlapping: bool, *, behaviour: bool) -> list[Penalty]:
        place = self.canonical(citation)
        found: list[Penalty] = []
        for penalty, cited, provision in self._penalty_places:
            other = cited if behaviour else provision
            if (place.overlaps(other) if overlapping else place == other) and penalty not in found:
                found.append(penalty)  # once, though it cites several provisions (第十二条第二项至第五项)
        return found

    def unpenalised_part(self, citation: Citation) -> str | None:
        """The words of the behaviour at `citation` no penalty covers, where the penalties citing it
        each cover only a part of it (`behaviour.part`).

        第二十二条第十项 less the parts Article 37 penalises: 饲养犬只未按规定接种狂犬病疫苗. None when
        no penalty cites it, one covers all of it, or the parts leave no words.
        """
        penalties = self.penalties_citing(citation)
        parts = [penalty.behaviour.part for penalty in penalties]
        if not penalties or None in parts:
            return None
        text = self.resolve(citation).text
        for part in parts:
            text = text.replace(part or "", "")
        fragments = text.translate(_CLAUSE_BREAKS).split("，")
        rest = "，".join(fragment for fragment in fragments if fragment.strip())
        return rest or None

    def resolve(self, citation: Citation) -> "Provision":
        """The provision a citation points at; raise UnknownProvision (Chinese message) if none."""
        article = self.article(citation.article)
        if article is None:
            raise UnknownProvision(f"没有{citation.chinese()}：本条例共{_cn(self.article_count)}条")
        article_name = Citation(article.number).chinese()
        paragraph: Paragraph | None = None
        if citation.paragraph is not None:
            paragraph = article.paragraph(citation.paragraph)
            if paragraph is None:
                raise UnknownProvision(f"没有{citation.chinese()}：{article_name}共{_cn(len(article.paragraphs))}款")
        item: Item | None = None
        if citation.item is not None:
            if paragraph is None:
                itemised = article.itemised_paragraphs
                if not itemised:
                    message = f"没有{citation.chinese()}：{article_name}不分项"
                    if len(article.paragraphs) > 1 and citation.item <= len(article.paragraphs):  # 32.4 for 32-4
                        paragraph_meant = Citation(article.number, citation.item)
                        message += f"；{paragraph_meant.chinese()}写作 {paragraph_meant.compact()}"
                    raise UnknownProvision(message)
                if len(itemised) > 1:
                    raise UnknownProvision(
                        f"{article_name}有多款分项，请写明第几款，例如{article.number}-1.{citation.item}"
                    )
                paragraph = itemised[0]
            if not paragraph.items:
                named = Citation(article.number, paragraph.number).chinese()
                raise UnknownProvision(f"没有{citation.chinese()}：{named}不分项")
            if not 0 < citation.item <= len(paragraph.items):
                where = self.paragraph_citation(article.number, paragraph.number).chinese()
                raise UnknownProvision(f"没有{citation.chinese()}：{where}共{_cn(len(paragraph.items))}项")
            item = paragraph.items[citation.item - 1]
        exact = Citation(article.number, paragraph.number if paragraph else None, item.number if item else None)
        return Provision(citation=exact, article=article, paragraph=paragraph, item=item, regulation=self)

    def units(self) -> Iterator["Provision"]:
        """Every item, and every paragraph without items, in the order of the regulation: the
        smallest units a provision is written in. Each unit's `paragraph` is set; a sole paragraph
        is cited as its article (第三十八条), as the statute does."""
        for article in self.all_articles():
            for paragraph in article.paragraphs:
                if not paragraph.items:
                    cited = self.paragraph_citation(article.number, paragraph.number)
                    yield Provision(citation=cited, article=article, paragraph=paragraph, item=None, regulation=self)
                for item in paragraph.items:
                    cited = Citation(article.number, paragraph.number, item.number)
                    yield Provision(citation=cited, article=article, paragraph=paragraph, item=item, regulation=self)

    def paragraph_citation(self, article: int, paragraph: int) -> Citation:
        """A paragraph as the statute cites it: a sole paragraph as its article (第三十八条)."""
        found = self.article(article)
        if found is not None and len(found.paragraphs) == 1:
            return Citation(article)
        return Citation(article, paragraph)

    def citation_text(self, citation: Citation) -> str:
        """The statute's form of a citation: 款 shown only where the article has more than one."""
        article = self.article(citation.article)
        return citation.chinese(show_paragraph=article is None or len(article.paragraphs) > 1)

    def citation_compact(self, citation: Citation) -> str:
        """The Arabic form (29-1.3, 22.9), with the paragraph only where the article has more than one."""
        article = self.article(citation.article)
        if article is not None and len(article.paragraphs) == 1 and citation.item is not None:
            citation = Citation(citation.article, None, citation.item)
        return citation.compact()

    def cite(self, text: str) -> "Provision":
        """Parse and resolve a citation in any accepted form."""
        return self.resolve(parse_citation(text))


class UnknownProvision(LookupError):
    """A well-formed citation of a provision the regulation does not have."""


class Provision:
    """A resolved article, paragraph or item, with its canonical citation."""

    __slots__ = ("article", "citation", "item", "paragraph", "regulation")

    def __init__(
        self,
        citation: Citation,
        article: Article,
        paragraph: Paragraph | None,
        item: Item | None,
        regulation: Regulation,
    ) -> None:
        self.citation = citation
        self.article = article
        self.paragraph = paragraph
        self.item = item
        self.regulation = regulation

    @property
    def text(self) -> str:
        if self.item is not None:
            return self.item.text
        if self.paragraph is not None:
            return self.paragraph.text
        return "\n".join(paragraph.text for paragraph in self.article.paragraphs)

    @property
    def lead_in(self) -> str | None:
        """An item's paragraph words before its items (下列行政处罚由公安机关实施：); None otherwise."""
        return self.paragraph.text if self.item is not None and self.paragraph is not None else None

    @property
    def article_text(self) -> str:
        """The whole article's words, items included: where a citation or agency carried from an
        earlier sentence stands."""
        return "\n".join(
            "\n".join([paragraph.text, *(item.text for item in paragraph.items)])
            for paragraph in self.article.paragraphs
        )

    @property
    def chinese(self) -> str:
        """The statute's citation form: 款 only where the article has more than one."""
        return self.regulation.citation_text(self.citation)

    def __repr__(self) -> str:
        return f"Provision({self.chinese})"


def incomplete_notice(regulation: Regulation) -> str | None:
    """What every answer from a regulation cut short says (None for a whole one), with the reader's reasons."""
    if regulation.complete:
        return None
    reasons = "；".join(damage.message for damage in regulation.damage if damage.kind == "cut-short")
    return f"本条例文本不完整（来源被截断）：{reasons or '数据文件标明 complete: false'}"
