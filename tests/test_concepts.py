"""The shared vocabulary (data/vocabulary.yaml) and the behaviours' concepts (regulation.yaml) are data,
validated like the rest: a broken copy is rejected with file, line, field and message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wenming.loader import DataError, load_vocabulary, regulation_from_text, vocabulary_from_text
from wenming.matcher import behaviours, read_phrase
from wenming.paths import vocabulary_path
from wenming.regulation import Regulation

VOCABULARY = Path(__file__).resolve().parents[1] / "data" / "vocabulary.yaml"


@pytest.fixture(scope="session")
def vocabulary_text() -> str:
    return VOCABULARY.read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_the_shipped_vocabulary_is_valid_and_is_the_one_loaded(vocabulary_text: str) -> None:
    vocabulary = vocabulary_from_text(vocabulary_text, "vocabulary.yaml")
    assert vocabulary_path().read_bytes() == VOCABULARY.read_bytes()
    assert {concept.key for concept in vocabulary.concepts} == set(load_vocabulary()[0].by_key)


def test_a_dangling_concept_is_rejected_with_its_line(data_text: str) -> None:
    old = "  core: [犬只, 系犬绳, 犬牌, 嘴套]\n"
    assert old in data_text
    with pytest.raises(DataError) as caught:
        regulation_from_text(data_text.replace(old, "  core: [犬只, 狗链子, 犬牌, 嘴套]\n", 1), "broken.yaml")
    problem = caught.value.problems[0]  # then: 系犬绳, which it omits, is no longer among its core
    assert problem.field == "behaviour_concepts[2].core[1]"
    assert problem.line == line_of(data_text, old)
    assert "狗链子" in problem.message and "vocabulary.yaml" in problem.message
    assert str(caught.value).startswith(f"broken.yaml:{problem.line}: behaviour_concepts[2].core[1]: ")


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        # What a behaviour leaves undone must be among what identifies it.
        ("  omits: [清理]\n", "  omits: [劝阻]\n", "behaviour_concepts[3].omits[0]", "core"),
        # A condition is in the provisions' own words.
        ("{words: 携带犬只出户时, concept: 出户}", "{words: 出门遛狗时, concept: 出户}", "conditions[0].words", "原文"),
        ("  see_also: [smoking-venue]\n", "  see_also: [smoking-vendor]\n", "see_also[0]", "无法解析"),
        ("- penalty: dog-waste\n", "- penalty: dog-poo\n", "behaviour_concepts[3].penalty", "dog-poo"),
    ],
)
def test_behaviour_concepts_are_checked(data_text: str, old: str, new: str, field: str, words: str) -> None:
    assert old in data_text, old
    with pytest.raises(DataError) as caught:
        regulation_from_text(data_text.replace(old, new, 1), "broken.yaml")
    assert any(field in (p.field or "") and words in p.message for p in caught.value.problems), caught.value


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("  implies: [宠物, 动物]\n", "  implies: [宠物, 动物们]\n", "implies[1]", "动物们"),
        ("  - concept: 犬只\n", "  - concept: 犬类\n", "excludes[0].concept", "犬类"),
        ("- key: 猫\n", "- key: 犬只\n", ".key", "重复"),
        ("schema_version: 1\n", "schema_version: 2\n", "schema_version", "取值"),
    ],
)
def test_a_broken_vocabulary_is_rejected_with_its_line(
    vocabulary_text: str, old: str, new: str, field: str, words: str
) -> None:
    assert old in vocabulary_text, old
    with pytest.raises(DataError) as caught:
        vocabulary_from_text(vocabulary_text.replace(old, new, 1), "vocabulary.yaml")
    problem = next(p for p in caught.value.problems if field in (p.field or ""))
    assert words in problem.message and problem.line is not None


def test_every_concept_a_behaviour_names_is_in_the_vocabulary(regulation: Regulation) -> None:
    known = set(load_vocabulary()[0].by_key)
    for behaviour in behaviours(regulation):
        assert behaviour.concepts <= known


def test_word_order_and_filler_never_matter(regulation: Regulation) -> None:
    def read(phrase: str) -> list[tuple[str, int, bool]]:
        return [(repr(fit.behaviour.target), fit.score, fit.not_met) for fit in read_phrase(regulation, phrase).fits]

    assert read("狗屎不捡") == read("不捡狗屎") == read("狗屎不捡罚多少吗")
    assert read("遛狗没牵绳") == read("没牵绳遛狗") == read("遛狗没牵绳怎么处罚")


def test_a_vocabulary_edited_since_the_regulation_was_cached_is_read_afresh(
    regulation: Regulation, vocabulary_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The regulation carries the vocabulary it was validated with (in the cache's pickle too); a
    # word added to the file since must still be understood, not answered from the stale copy.
    assert "汪星人" not in [word.text for word in read_phrase(regulation, "汪星人不拴绳").words]
    edited = tmp_path / "vocabulary.yaml"
    edited.write_text(vocabulary_text.replace("  says: [狗, 狗狗,", "  says: [汪星人, 狗, 狗狗,", 1), encoding="utf-8")
    monkeypatch.setattr("wenming.paths.vocabulary_path", lambda: edited)
    monkeypatch.setattr("wenming.loader.vocabulary_path", lambda: edited)
    reading = read_phrase(regulation, "汪星人不拴绳")
    assert ("汪星人", ("犬只",)) in [(word.text, word.concepts) for word in reading.words]
    assert getattr(reading.fits[0].behaviour.target, "key", None) == "dog-leash"


def test_search_splits_a_phrase_as_fine_reads_it() -> None:
    # The same vocabulary splits a phrase for search: 电梯 is a place, left out and said so.
    import json

    from typer.testing import CliRunner

    from wenming.cli import app

    result = CliRunner().invoke(app, ["search", "电梯抽烟", "--json"])
    answer = json.loads(result.stdout)
    assert result.exit_code == 0
    assert answer["split"][0]["places"] == ["电梯"] and "是地点" in answer["searched_as"]
    assert "第二十二条第九项" in [hit["citation"] for hit in answer["hits"]]


def test_a_regulation_without_descriptions_is_read_by_its_text(data_text: str) -> None:
    # Another city's file, before anyone describes its behaviours: the vocabulary's statute words in
    # each provision's text still carry a phrase to its provision. Describing a behaviour is what
    # tells the smoker (core 吸烟) from the manager (core 标识, 劝阻), whose texts both say 吸烟.
    from wenming.errors import BadInput
    from wenming.resolve import resolve_query

    described_by_taxonomy = data_text[: data_text.index("\nbehaviour_concepts:")] + "\n"
    bare = regulation_from_text(re.sub(r"\n  taxonomy: [a-z-]+", "", described_by_taxonomy), "other.yaml")
    assert bare.behaviour_concepts == [] and all(penalty.taxonomy is None for penalty in bare.penalties)
    found = resolve_query(bare, "狗屎不捡").found
    assert getattr(found, "key", None) == "dog-waste"
    assert [unit.citation for unit in resolve_query(bare, "随地吐痰").found] == ["第二十二条第一项"]  # type: ignore[union-attr]
    assert getattr(resolve_query(bare, "遛狗没牵绳").found, "key", None) == "dog-leash"
    with pytest.raises(BadInput):  # smoker or manager: listed, not guessed
        resolve_query(bare, "吸烟")
    # With its penalties' shared behaviours (taxonomy), the vocabulary describes them: the smoker is told
    # from the manager as the regulation's own descriptions would.
    shared = regulation_from_text(described_by_taxonomy, "other.yaml")
    assert getattr(resolve_query(shared, "吸烟").found, "key", None) == "smoking"
    assert getattr(resolve_query(shared, "不劝阻吸烟").found, "key", None) == "smoking-venue"


def test_a_vocabulary_broken_since_is_a_message_not_a_traceback(
    regulation: Regulation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wenming.errors import BadInput

    broken = tmp_path / "vocabulary.yaml"
    broken.write_text("schema_version: 1\nconcepts: []\n", encoding="utf-8")
    monkeypatch.setattr("wenming.paths.vocabulary_path", lambda: broken)
    monkeypatch.setattr("wenming.loader.vocabulary_path", lambda: broken)
    with pytest.raises(BadInput) as caught:
        read_phrase(regulation, "狗屎不捡")
    assert "共用词表" in caught.value.message and "concepts" in caught.value.message
