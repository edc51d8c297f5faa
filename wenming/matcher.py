"""Reading a phrase the way a person means it: its words name concepts, and a behaviour fits when it
bears every concept the phrase names.

The words and concepts are the shared vocabulary's (data/vocabulary.yaml); the behaviours' concepts
are the regulation's (`behaviour_concepts`), and any provision also bears the concepts whose statute
words its text holds. Nothing here knows a word, a provision or a city: it is logic over that data.

- A phrase is read as the set of concepts its words name: word order never matters. Words the
  vocabulary does not know, its `ignored` words and question words are passed over.
- Each concept the phrase names must be accounted for by a behaviour: the behaviour bears it, or a
  broader concept it implies, or a concept a place may be (a lift may be a 禁止吸烟场所: a reading,
  the condition to be established). A person or thing the behaviour does not name counts against it
  only where the behaviour names its own (a pedestrian is not a cyclist). A behaviour also needs one
  of its identifying (core) concepts named, never a place alone.
- Contradictions are not ignored: a concept that excludes one the behaviour bears (a home is no
  禁止吸烟场所), or a phrase saying a duty was done (牵了绳), makes a penalty's condition not met; an
  unpenalised provision is simply not the answer then.
- The behaviours that fit are ranked by how much of the phrase they account for (a concept borne
  directly counts more than one reached through another), then penalties before governed behaviours
  before the rest. One at the top is the answer; several are listed (wenming.resolve decides how).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from wenming.citation import Citation
from wenming.concepts import Concept, Vocabulary
from wenming.model import BehaviourConcepts, Penalty
from wenming.regulation import Regulation
from wenming.units import Match, behaviour_of, provision_of, unpenalised_units
from wenming.vocabulary import holds, per_regulation

# What a concept of the phrase counts for the behaviour that accounts for it.
DIRECT = 4  # the behaviour bears it itself
REACHED = 2  # through a broader concept, or a contradiction
DIRECT_PLACE = 2  # a place the behaviour names
PLACE = 1  # a place it may be, or the place of a condition
MAX_SEE_ALSO = 5
MAX_RELATED = 5

# How a word's concept was accounted for by a behaviour.
How = Literal["direct", "implied", "may-be", "excluded", "tolerated"]

# Penalties first, then what Chapter 3 governs, then duties, then the encouraged and advocated.
_KIND_RANK = {"governed": 1, "list-system": 4, "encouraged": 3, "advocated": 3}


# --- the vocabulary ----------------------------------------------------------------------------


def shared_vocabulary(regulation: Regulation) -> Vocabulary:
    """The shared vocabulary as its file is now: from the disk cache (keyed on the file's text, so an
    edit is never served stale), else parsed and validated through the loader, which is imported only
    then. The regulation is cached with the vocabulary's text in its key (wenming.cache), so it was
    validated against this same file."""
    from wenming import cache
    from wenming.paths import vocabulary_path

    texts = cache.read_texts([vocabulary_path()])
    vocabulary = cache.fetch_record(texts, Vocabulary) if texts is not None else None
    if vocabulary is not None:
        return vocabulary
    from wenming.errors import BadInput
    from wenming.loader import DataError, load_vocabulary

    try:
        vocabulary = load_vocabulary()[0]
    except DataError as error:  # edited into an unusable file since: say so, as for the regulation
        first = error.report().splitlines()[0]
        raise BadInput(f"共用词表无法使用：{first}", suggestion="改正 data/vocabulary.yaml 后重试") from None
    if texts is not None:
        cache.store_record(texts, vocabulary)
    return vocabulary


class Lexicon(NamedTuple):
    """The vocabulary's words, longest first, each with the concepts it names and those it says done."""

    words: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # word, concepts named, concepts done
    negations: tuple[str, ...]
    question_words: tuple[str, ...]
    concepts: dict[str, Concept]
    # The statute words by their first character, each with its concept: a text is checked only
    # for the words that can start in it.
    statute_by_first: dict[str, tuple[tuple[str, str], ...]]


_lexicons: dict[int, tuple[Vocabulary, Lexicon]] = {}


def lexicon(vocabulary: Vocabulary) -> Lexicon:
    hit = _lexicons.get(id(vocabulary))
    if hit is not None and hit[0] is vocabulary:
        return hit[1]
    named: dict[str, list[str]] = {}
    done: dict[str, list[str]] = {}
    for concept in vocabulary.concepts:
        for word in (*concept.says, *concept.statute):
            if concept.key not in named.setdefault(word, []):
                named[word].append(concept.key)
        for word in concept.done:
            done.setdefault(word, []).append(concept.key)
    for word in vocabulary.ignored:
        named.setdefault(word, [])
    words = sorted(set(named) | set(done), key=lambda word: (-len(word), word))
    by_first: dict[str, list[tuple[str, str]]] = {}
    for concept in vocabulary.concepts:
        for word in concept.statute:
            by_first.setdefault(word[0], []).append((word, concept.key))
    built = Lexicon(
        words=tuple((word, tuple(named.get(word, ())), tuple(done.get(word, ()))) for word in words),
        negations=tuple(sorted(vocabulary.negations, key=len, reverse=True)),
        question_words=tuple(sorted(vocabulary.question_words, key=len, reverse=True)),
        concepts=vocabulary.by_key,
        statute_by_first={first: tuple(pairs) for first, pairs in by_first.items()},
    )
    _lexicons.clear()  # one vocabulary in use at a time, bar a test's
    _lexicons[id(vocabulary)] = (vocabulary, built)
    return built


class Word(NamedTuple):
    """A word of the phrase the vocabulary knows: the concepts it names, and whether it says one was done."""

    text: str
    start: int
    concepts: tuple[str, ...]
    done: tuple[str, ...]  # concepts it says were done (牵了绳), unless negated (没有禁烟标志)
    negated: bool


def without_questions(words: Lexicon, phrase: str) -> str:
    """The phrase without question words (anywhere), spaces and punctuation: 吸烟在医院被罚吗 -> 吸烟在医院."""
    text = "".join(char for char in phrase if char.isalnum())
    for question in words.question_words:
        shorter = text.replace(question, "")
        if shorter:  # a question word alone (罚款) is what is asked about
            text = shorter
    return text


def read_words(words: Lexicon, phrase: str) -> list[Word]:
    """The vocabulary's words in the phrase, longest first, none overlapping another, in its order."""
    text = without_questions(words, phrase)
    taken = [False] * len(text)
    found: list[tuple[int, str, tuple[str, ...], tuple[str, ...]]] = []
    for word, concepts, done in words.words:
        start = text.find(word)
        while start != -1:
            end = start + len(word)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(word)
                found.append((start, word, concepts, done))
            start = text.find(word, start + 1)
    read: list[Word] = []
    for start, word, concepts, done in sorted(found):
        negated = any(
            text[:start].endswith(negation) and not any(taken[start - len(negation) : start])
            for negation in words.negations
        )
        # A word saying a thing was done names that thing too (牵了绳: the leash).
        named = tuple(dict.fromkeys((*concepts, *done)))
        read.append(Word(word, start, named, () if negated else done, negated))
    return read


class PhraseWord(NamedTuple):
    text: str
    statute: tuple[str, ...]  # the statute words of the concepts it names
    place: bool  # it names only places


def phrase_words(regulation: Regulation, phrase: str) -> list[PhraseWord]:
    """The vocabulary's words in `phrase`, in its order, with the statute words of the concepts they
    name: how `search` splits a phrase that finds nothing whole (电动车不戴头盔), as `fine` reads it."""
    words = lexicon(shared_vocabulary(regulation))
    found: list[PhraseWord] = []
    for word in read_words(words, phrase):
        if word.concepts:
            named = [words.concepts[key] for key in word.concepts]
            statute = [s for concept in named for s in concept.statute if s != word.text]
            place = all(concept.kind == "place" for concept in named)
            found.append(PhraseWord(word.text, tuple(dict.fromkeys(statute)), place))
    return found


# --- the behaviours ----------------------------------------------------------------------------


class Behaviour(NamedTuple):
    """A penalty or an unpenalised unit, by its concepts."""

    target: Match
    core: frozenset[str]
    context: frozenset[str]
    omits: frozenset[str]
    conditions: tuple[tuple[str, str | None], ...]  # (the statute's words, the concept meeting it)
    see_also: tuple[str, ...]
    rank: int  # 0 penalties, 1 governed, 2 duties, 3 encouraged and advocated, 4 the rest
    described: bool  # by the regulation's data, not only by its text

    @property
    def concepts(self) -> frozenset[str]:
        return self.core | self.context | {concept for _, concept in self.conditions if concept}


def _text_concepts(vocabulary: Vocabulary, text: str) -> set[str]:
    """The concepts whose statute words the text holds (not after 非)."""
    index = lexicon(vocabulary).statute_by_first
    return {key for char in set(text) for word, key in index.get(char, ()) if holds(text, word)}


def _behaviour(
    regulation: Regulation,
    vocabulary: Vocabulary,
    target: Match,
    texts: Sequence[str],
    rank: int,
    described_as: dict[object, BehaviourConcepts],
) -> Behaviour:
    described = described_as.get(target.key if isinstance(target, Penalty) else target.at)
    found = set().union(*(_text_concepts(vocabulary, text) for text in texts))
    places = {key for key in found if vocabulary.by_key[key].kind == "place"}
    core, context = found - places, places
    if described is None:
        return Behaviour(target, frozenset(core), frozenset(context), frozenset(), (), (), rank, False)
    conditions = tuple((condition.words, condition.concept) for condition in described.conditions)
    if isinstance(target, Penalty) and described.core:
        # A penalty described by its data is that description: its liability provision's words
        # (吸烟 in 36(2)'s text) do not make the smoker's concept the manager's.
        core, context = set(described.core), set(described.context)
    else:
        core, context = core | set(described.core), context | set(described.context)
    return Behaviour(
        target,
        frozenset(core),
        frozenset(context),
        frozenset(described.omits),
        conditions,
        tuple(described.see_also),
        rank,
        True,
    )


def behaviour_rank(regulation: Regulation, target: Match, duties: Sequence[Citation]) -> int:
    """0 penalties, 1 governed, 2 duties (`duties`: their citations), 3 encouraged and advocated,
    4 the list system, 5 the rest (general articles, which describe no behaviour)."""
    if isinstance(target, Penalty):
        return 0
    kind = regulation.behaviour_kind(target.at)
    if kind is not None:
        return _KIND_RANK[kind]
    if any(duty.overlaps(target.at) for duty in duties):
        return 2
    return 5


@per_regulation
def behaviours(regulation: Regulation) -> tuple[Behaviour, ...]:
    """The behaviours a phrase may mean: every penalty, and every unpenalised unit that states a
    behaviour or a duty (the general articles describe none)."""
    vocabulary = shared_vocabulary(regulation)
    # The data's descriptions, by penalty key or by the citation of the provision they describe.
    described_as: dict[object, BehaviourConcepts] = {}
    for entry in regulation.behaviour_concepts:
        if entry.penalty is not None:
            described_as[entry.penalty] = entry
        if entry.cites is not None:
            described_as[regulation.cite(entry.cites).citation] = entry
    # A penalty the data does not describe is described by its shared behaviour's concepts, where it has them.
    types = {behaviour.key: behaviour for behaviour in vocabulary.behaviours if behaviour.concepts}
    for penalty in regulation.penalties:
        shared = types.get(penalty.taxonomy or "")
        if penalty.key not in described_as and shared is not None:
            described_as[penalty.key] = BehaviourConcepts(
                penalty=penalty.key,
                core=list(shared.concepts),
                omits=list(shared.omits),
                context=list(shared.context),
            )
    found = [
        _behaviour(
            regulation,
            vocabulary,
            penalty,
            [penalty.behaviour.part or behaviour_of(regulation, penalty).text, provision_of(regulation, penalty).text],
            0,
            described_as,
        )
        for penalty in regulation.penalties
    ]
    duties = [regulation.cite(duty.citation).citation for duty in regulation.duties]
    for unit in unpenalised_units(regulation):
        rank = behaviour_rank(regulation, unit, duties)
        if rank < 5:
            found.append(_behaviour(regulation, vocabulary, unit, [unit.text], rank, described_as))
    return tuple(found)


# --- fitting -----------------------------------------------------------------------------------


class Accounted(NamedTuple):
    """How a behaviour accounts for one concept a word of the phrase names."""

    word: str
    concept: str
    how: How
    reached: str | None  # the behaviour's concept it was reached as
    reading: str | None  # for an exclusion: why
    steps: int = 0  # for an implied concept: how far up (猫 is a 宠物 at one step, an 动物 at two)


class Fit(NamedTuple):
    behaviour: Behaviour
    score: int
    accounted: tuple[Accounted, ...]
    contradictions: tuple[str, ...]  # why a condition is not met; empty when it may be

    @property
    def not_met(self) -> bool:
        return bool(self.contradictions)


class Reading(NamedTuple):
    """What a phrase was read as: its words, the behaviours that fit (best first), and those near."""

    words: tuple[Word, ...]
    fits: tuple[Fit, ...]
    related: tuple[Behaviour, ...]  # behaviours accounting for some of it: suggestions, see-also


def _implied(concepts: dict[str, Concept], key: str) -> list[str]:
    """The broader concepts `key` is a case of, nearest first (implies, followed through)."""
    return [other for other, _ in _implied_at(concepts, key)]


def _implied_at(concepts: dict[str, Concept], key: str) -> list[tuple[str, int]]:
    """The broader concepts `key` is a case of, each with how many steps away."""
    reached: dict[str, int] = {}
    frontier = [key]
    steps = 0
    while frontier:
        steps += 1
        following: list[str] = []
        for current in frontier:
            concept = concepts.get(current)
            for other in concept.implies if concept is not None else ():
                if other not in reached and other != key:
                    reached[other] = steps
                    following.append(other)
        frontier = following
    return list(reached.items())


def _may_be(concepts: dict[str, Concept], key: str) -> list[str]:
    """What a place may be, itself or as a case of a broader one: one step, never a chain of readings."""
    found: list[str] = []
    for current in (key, *_implied(concepts, key)):
        concept = concepts.get(current)
        found += [other for other in (concept.may_be if concept is not None else ()) if other not in found]
    return found


def _account(concepts: dict[str, Concept], behaviour: Behaviour, word: str, key: str) -> Accounted | None:
    """How `behaviour` accounts for concept `key` of `word`; None when it cannot (it does not fit)."""
    bears = behaviour.concepts
    concept = concepts.get(key)
    if concept is None:
        return None
    for exclusion in concept.excludes:
        if exclusion.concept in bears:
            return Accounted(word, key, "excluded", exclusion.concept, exclusion.reading)
    if key in bears:
        return Accounted(word, key, "direct", key, None)
    implied = _implied_at(concepts, key)
    borne = [(other, steps) for other, steps in implied if other in bears]
    if borne:  # the nearest, and an identifying concept before one the behaviour merely bears
        other, steps = min(borne, key=lambda pair: (pair[1], pair[0] not in behaviour.core))
        return Accounted(word, key, "implied", other, None, steps)
    possible = [other for other in _may_be(concepts, key) if other in bears]
    if possible:
        reached = next((other for other in possible if other in behaviour.core), possible[0])
        return Accounted(word, key, "may-be", reached, None)
    if concept.kind == "who" and not any(concepts[c].kind == "who" for c in bears if c in concepts):
        return Accounted(word, key, "tolerated", None, None)
    return None


def _fit(concepts: dict[str, Concept], behaviour: Behaviour, words: Sequence[Word]) -> Fit | None:
    accounted: list[Accounted] = []
    contradictions: list[str] = []
    identified = False
    for word in words:
        for key in word.concepts:
            found = _account(concepts, behaviour, word.text, key)
            if found is None:
                return None
            if found.how == "excluded":
                if concepts[key].kind == "who":
                    return None  # a cat is not the dog the behaviour is about
                contradictions.append(found.reading or "")
            elif found.reached in behaviour.core and concepts[found.reached].kind != "place":
                identified = True
            accounted.append(found)
    if not identified:
        return None  # nothing it is identified by: a place never pulls a phrase onto it by itself
    # A duty the behaviour is the leaving undone of, said to be done (牵了绳, 捡走了).
    said = [key for word in words for key in word.concepts if key in behaviour.omits]
    done = [(word.text, key) for word in words for key in word.done if key in behaviour.omits]
    if done and len(done) == len(said):
        for text, key in done:
            contradictions.append(f"「{text}」读作已{key}，与未{key}这一违法情形不符。这是对短语的解读。")
    # A behaviour of doing something (smoking), said not to be done (不抽烟).
    for word in words:
        for key in word.concepts:
            if word.negated and behaviour.described and key in behaviour.core and key not in behaviour.omits:
                contradictions.append(f"「{word.text}」前有否定词，读作未{key}。这是对短语的解读。")
    if contradictions and not isinstance(behaviour.target, Penalty):
        return None
    score = sum(_weight(concepts, behaviour, item) for item in accounted)
    return Fit(behaviour, score, tuple(accounted), tuple(dict.fromkeys(contradictions)))


def _weight(concepts: dict[str, Concept], behaviour: Behaviour, item: Accounted) -> int:
    """A concept borne directly counts more than one reached through another; a place counts less
    than what is done there, and a condition's place once however it is reached: where a thing
    happens does not choose between behaviours (遛狗: out of doors, for the leash; a public area,
    for the droppings)."""
    if item.how == "tolerated":
        return 0
    if any(item.reached == concept for _, concept in behaviour.conditions):
        return PLACE
    place = item.reached is not None and item.reached in concepts and concepts[item.reached].kind == "place"
    if place:
        return DIRECT_PLACE if item.how == "direct" else PLACE
    if item.how == "implied" and item.steps > 1:
        return PLACE  # far up: a cat is an animal, but a pet first
    return DIRECT if item.how == "direct" else REACHED


@per_regulation
def _spread(regulation: Regulation) -> dict[str, int]:
    """How many behaviours bear each concept."""
    counts: dict[str, int] = {}
    for behaviour in behaviours(regulation):
        for concept in behaviour.concepts:
            counts[concept] = counts.get(concept, 0) + 1
    return counts


def read_phrase(regulation: Regulation, phrase: str) -> Reading:
    """The behaviours `phrase` fits, best first (by score, then penalties before the rest)."""
    vocabulary = shared_vocabulary(regulation)
    words = lexicon(vocabulary)
    concepts = words.concepts
    read = read_words(words, phrase)
    named = [word for word in read if word.concepts]
    if not named:
        return Reading(tuple(read), (), ())
    fits: list[Fit] = []
    related: list[tuple[float, Behaviour]] = []
    spread = _spread(regulation)
    for behaviour in behaviours(regulation):
        fit = _fit(concepts, behaviour, named)
        if fit is not None:
            fits.append(fit)
            continue
        # Near, not fitting: sharing a concept the phrase names, the rarer the concept the nearer
        # (共享交通工具 is said of three provisions, 非机动车 of many).
        partly = sum(
            1 / spread[found.reached]
            for word in named
            for key in word.concepts
            if (found := _account(concepts, behaviour, word.text, key)) is not None
            and (found.how == "direct" or (found.how == "implied" and found.steps == 1))
            and found.reached in behaviour.core
            and found.reached is not None
        )
        if partly:
            related.append((partly, behaviour))
    fits.sort(key=lambda fit: (-fit.score, fit.behaviour.rank))
    related.sort(key=lambda pair: (-pair[0], pair[1].rank))
    return Reading(tuple(read), tuple(fits), tuple(behaviour for _, behaviour in related))


def best(reading: Reading) -> list[Fit]:
    """The fits at the top: the highest score, and of those the highest-ranking kind."""
    if not reading.fits:
        return []
    top = reading.fits[0]
    return [fit for fit in reading.fits if fit.score == top.score and fit.behaviour.rank == top.behaviour.rank]


def see_also(reading: Reading, chosen: Iterable[Fit]) -> list[Behaviour]:
    """What else came near: the chosen behaviours' own pointers are the caller's; these are the other
    fits, then behaviours accounting for part of the phrase."""
    taken = {id(fit.behaviour) for fit in chosen}
    near = [fit.behaviour for fit in reading.fits if id(fit.behaviour) not in taken]
    near += [behaviour for behaviour in reading.related if id(behaviour) not in taken]
    return near[:MAX_SEE_ALSO]
