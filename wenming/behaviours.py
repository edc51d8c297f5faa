"""Look-up: the governed behaviours, or the encouraged ones, with their penalties (`wenming behaviours`).

Which articles list governed, encouraged or advocated behaviours, in which domain, is the data's
(`behaviour_articles`).
"""

from typing import Any, Literal

from wenming.answer import Answer, field
from wenming.citation import Citation, chapter_citation
from wenming.errors import BadInput
from wenming.lookup import PenaltyLink, penalty_link
from wenming.model import ENCOURAGING_KINDS, Article, BehaviourArticle, BehaviourKind
from wenming.regulation import Regulation

# What `wenming behaviours` lists, and with --encouraged; the data says which article is which kind.
_GOVERNED_KINDS = ("governed", "list-system")


class BehaviourEntry(Answer):
    citation: str  # 第二十二条第九项; for a provision without items, the article
    article_citation: str  # 第二十二条: the article it is in
    # governed 治理 | encouraged 鼓励 | advocated 倡导 | list-system 清单制度 | duty: a penalised
    # provision outside the behaviour lists (第三十二条第四款, a venue's duty; domain: its chapter).
    kind: BehaviourKind | Literal["duty"]
    domain: str
    heading: str  # the article's opening words, which name the domain
    text: str
    penalised: bool  # some penalty cites it (perhaps only a part: see unpenalised_part)
    penalties: list[PenaltyLink]
    # The words no penalty covers, when the penalties cover only parts (第二十二条第十项's rabies vaccination).
    unpenalised_part: str | None = None
    # Where the regulation sets no penalty, for all or part of it: the referral to other laws (第三十五条).
    otherwise: str | None


class BehaviourList(Answer):
    """The behaviours of one kind, in the order of the regulation; in JSON, a bare list of them."""

    entries: list[BehaviourEntry]

    def _json(self, data: dict[str, Any]) -> Any:
        return data["entries"]

    def json_data_with(self, extra: dict[str, Any]) -> Any:
        # Beside the regulation it comes from (--city), the list goes under its name, as in --city all's.
        return {**extra, "behaviours": self.json_data()} if extra else self.json_data()


def _referral(regulation: Regulation) -> str | None:
    # The provision's own words, as `fine` quotes them; its summary in the data is for `agency`.
    referral = next(iter(regulation.referrals()), None)
    return None if referral is None else f"本条例未设罚则；{referral.text}（{referral.chinese}）"


def _behaviour_articles(regulation: Regulation, kinds: tuple[str, ...]) -> list[tuple[Article, BehaviourArticle]]:
    found = [
        (regulation.cite(entry.article).article, entry)
        for entry in regulation.behaviour_articles
        if entry.kind in kinds
    ]
    return sorted(found, key=lambda pair: pair[0].number)


def behaviour_list(regulation: Regulation, domain: str | None = None, encouraged: bool = False) -> BehaviourList:
    """Chapter 3's governed behaviours (or Chapter 2's encouraged ones), optionally of one domain."""
    listed = _behaviour_articles(regulation, ENCOURAGING_KINDS if encouraged else _GOVERNED_KINDS)
    with_items = [(article, entry) for article, entry in listed if entry.kind != "list-system"]
    domains = [entry.domain for _, entry in with_items]
    if domain is not None:
        wanted = domain.strip()
        if not wanted:
            raise BadInput("方面为空", suggestion="用 --domain 选其中之一（可写一部分，如“交通”）", candidates=domains)
        # A domain is a list of items: the list system belongs to none.
        listed = [(article, entry) for article, entry in with_items if _domain_matches(entry, wanted)]
        if not listed:
            other = _behaviour_articles(regulation, _GOVERNED_KINDS if encouraged else ENCOURAGING_KINDS)
            there = [
                entry.domain for _, entry in other if entry.kind != "list-system" and _domain_matches(entry, wanted)
            ]
            where = (
                f"；“{wanted}”是{'治理的不文明行为' if encouraged else '鼓励和倡导的文明行为'}中的一类："
                f"{'、'.join(there)}（{'去掉' if encouraged else '加上'} --encouraged）"
                if there
                else ""
            )
            raise BadInput(
                f"没有“{wanted}”这一类{where}",
                suggestion="用 --domain 选其中之一（可写一部分，如“交通”）",
                candidates=domains,
            )
    referral = _referral(regulation)
    entries: list[BehaviourEntry] = []
    for article, listing in listed:
        heading = article.paragraphs[0].text
        if listing.kind == "list-system":
            entries.append(
                BehaviourEntry(
                    citation=regulation.citation_text(Citation(article.number)),
                    article_citation=Citation(article.number).chinese(),
                    kind=listing.kind,
                    domain=listing.domain,
                    heading=heading,
                    text="\n".join(p.text for p in article.paragraphs),
                    penalised=False,
                    penalties=[],
                    otherwise=None,
                )
            )
            continue
        for paragraph in article.itemised_paragraphs:
            for item in paragraph.items:
                at_item = Citation(article.number, paragraph.number, item.number)
                penalties = regulation.penalties_citing(at_item)
                rest = regulation.unpenalised_part(at_item)
                entries.append(
                    BehaviourEntry(
                        citation=regulation.citation_text(at_item),
                        article_citation=Citation(article.number).chinese(),
                        kind=listing.kind,
                        domain=listing.domain,
                        heading=heading,
                        text=item.text,
                        penalised=bool(penalties),
                        penalties=[penalty_link(regulation, p) for p in penalties],
                        unpenalised_part=rest,
                        otherwise=referral if listing.kind == "governed" and (rest or not penalties) else None,
                    )
                )
    if not encouraged and domain is None:
        entries += _penalised_outside_lists(regulation, referral)
    return BehaviourList(entries=entries)


def _domain_matches(entry: BehaviourArticle, wanted: str) -> bool:
    return wanted in entry.domain or any(wanted in word for word in entry.also)


def _penalised_outside_lists(regulation: Regulation, referral: str | None) -> list[BehaviourEntry]:
    """Penalised behaviours cited outside the behaviour lists (第三十二条第四款), from the penalties."""
    entries: list[BehaviourEntry] = []
    for cited in regulation.penalised_behaviours():
        if regulation.behaviour_kind(cited) is not None:  # in an article that lists behaviours
            continue
        provision = regulation.resolve(cited)
        chapter = regulation.chapter_of(cited.article)
        penalties = regulation.penalties_citing(cited)
        entries.append(
            BehaviourEntry(
                citation=provision.chinese,
                article_citation=Citation(cited.article).chinese(),
                kind="duty",
                domain=(chapter.title or "") if chapter else "",
                heading=f"{chapter_citation(chapter.number)} {chapter.title}" if chapter else "",
                text=provision.text,
                penalised=True,
                penalties=[penalty_link(regulation, p) for p in penalties],
                unpenalised_part=None,
                otherwise=None,
            )
        )
    return entries


# --- --city all: every regulation's lists ---------------------------------------------------------

NOT_ANNOTATED = "未标注：本条例的数据没有标注哪些条文列举行为（behaviour_articles），无法按治理、鼓励、倡导分列"


class CityBehaviours(Answer):
    """One regulation's behaviours, as `wenming --city NAME behaviours` lists them."""

    city: str
    title: str
    notice: str | None = None  # the regulation is cut short: what every answer from it says
    # False where the data does not say which articles list behaviours (the imported drafts): no kinds
    # are guessed, `lacks` says so and `behaviours` is empty.
    annotated: bool
    lacks: str | None = None
    behaviours: list[BehaviourEntry]


class AllCitiesBehaviours(Answer):
    """Every shipped regulation's behaviours, grouped by city (the default first, then registry order)."""

    cities: list[CityBehaviours]
    # With --domain: the annotated regulations that have no such domain, left out of `cities`.
    without_domain: list[str] = field(default_factory=list)


def behaviours_all(domain: str | None = None, encouraged: bool = False) -> AllCitiesBehaviours:
    """behaviour_list for every shipped regulation; BadInput when a --domain is in none of them."""
    from wenming.corpus import regulations
    from wenming.regulation import incomplete_notice

    cities: list[CityBehaviours] = []
    without: list[str] = []
    domains: list[str] = []
    for entry, regulation in regulations():
        notice = incomplete_notice(regulation)
        if not regulation.behaviour_articles:
            cities.append(
                CityBehaviours(
                    city=entry.city,
                    title=entry.title,
                    notice=notice,
                    annotated=False,
                    lacks=NOT_ANNOTATED,
                    behaviours=[],
                )
            )
            continue
        try:
            listed = behaviour_list(regulation, domain, encouraged)
        except BadInput as error:  # no such domain here
            if domain is None or not domain.strip():
                raise
            without.append(entry.city)
            domains += [name for name in error.candidates if name not in domains]
            continue
        cities.append(
            CityBehaviours(city=entry.city, title=entry.title, notice=notice, annotated=True, behaviours=listed.entries)
        )
    if domain is not None and not any(city.annotated for city in cities):
        raise BadInput(
            f"没有一个城市的条例有“{domain.strip()}”这一类",
            suggestion="用 --domain 选其中之一（可写一部分，如“交通”）",
            candidates=domains,
        )
    return AllCitiesBehaviours(cities=cities, without_domain=without)
