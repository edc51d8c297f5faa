"""`--city all` for search and behaviours: every shipped regulation, grouped by city; the index over
them all is one cache entry that an edit rebuilds; loading one regulation reads no other file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from wenming.cli import app
from wenming.registry import registry

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
runner = CliRunner()


def _invoke(*arguments: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(arguments), env={"WENMING_DATA": "", **(env or {})})
    return result.exit_code, result.stdout


def _json(*arguments: str, env: dict[str, str] | None = None) -> Any:
    code, out = _invoke(*arguments, "--json", env=env)
    assert code == 0, out
    return json.loads(out)


def _texts(node: Any) -> list[str]:
    """Every provision's and note's words in a data file, read from the YAML on its own."""
    found: list[str] = []
    for chapter in node.get("chapters") or [{"articles": node.get("articles", [])}]:
        for article in chapter.get("articles", []):
            for paragraph in article.get("paragraphs", []):
                found.append(paragraph.get("text", ""))
                found += [item.get("text", "") for item in paragraph.get("items", [])]
    for note in node.get("notes", []):
        found += [note.get("summary", ""), note.get("quote", "")]
    return found


def _order() -> list[str]:
    shipped = registry()
    return [shipped.default, *(entry.city for entry in shipped.cities if entry.city != shipped.default)]


def test_search_all_finds_every_city_whose_text_has_the_word() -> None:
    expected = set()
    for entry in registry().cities:
        data = yaml.safe_load((DATA / entry.file).read_text(encoding="utf-8"))
        if any("犬只" in text for text in _texts(data)):
            expected.add(entry.city)
    assert len(expected) > 10  # the corpus is what this test is about
    result = _json("--city", "all", "search", "犬只")
    assert {hit["city"] for hit in result["hits"]} == expected
    assert [city["city"] for city in result["cities"]] == [city for city in _order() if city in expected]
    assert result["searched"] == len(registry().cities)
    titles = {entry.city: entry.title for entry in registry().cities}
    for hit in result["hits"]:
        assert hit["title"] == titles[hit["city"]] and "犬只" in hit["text"]
    # Grouped by city, in the order of `cities`, each city's count its hits.
    cities = [hit["city"] for hit in result["hits"]]
    assert cities == sorted(cities, key=_order().index)
    assert all(city["hits"] == cities.count(city["city"]) for city in result["cities"])


def test_environment_chooses_all_too() -> None:
    assert _json("search", "犬只", env={"WENMING_CITY": "all"}) == _json("--city", "all", "search", "犬只")


def test_single_city_search_is_unchanged() -> None:
    single = _json("search", "犬只")
    assert "city" not in single and "cities" not in single
    whole = _json("--city", "all", "search", "犬只")
    default = [hit for hit in whole["hits"] if hit["city"] == registry().default]
    assert [{key: hit[key] for key in single["hits"][0]} for hit in default] == single["hits"]


def test_hits_of_a_regulation_cut_short_say_so() -> None:
    result = _json("--city", "all", "search", "文明行为")
    incomplete = {entry.city for entry in registry().cities if not entry.complete}
    assert incomplete, "the corpus has regulations cut short"
    for hit in result["hits"]:
        assert hit["incomplete"] is (hit["city"] in incomplete)
    for city in result["cities"]:
        assert (city["notice"] is not None) is (city["city"] in incomplete)
        if city["notice"]:
            assert city["notice"].startswith("本条例文本不完整")
    code, view = _invoke("--city", "all", "search", "文明行为")
    assert code == 0
    for city in incomplete & {city["city"] for city in result["cities"]}:
        after = view.split(f"■ {city}", 1)[1]
        assert after.split("\n", 2)[1].startswith("注意：本条例文本不完整")


def test_search_all_view_groups_by_city() -> None:
    code, view = _invoke("--city", "all", "search", "犬只")
    assert code == 0
    headings = [line.split()[1] for line in view.splitlines() if line.startswith("■ ")]
    assert headings == [city["city"] for city in _json("--city", "all", "search", "犬只")["cities"]]
    assert headings[0] == registry().default
    assert "个城市的条例" in view.splitlines()[-2] and "--json" in view.splitlines()[-1]


@pytest.mark.parametrize("width", [20, 44, 80])
@pytest.mark.parametrize(
    "text",
    [
        "饲养犬只应当依法办理登记" * 20,  # a long paragraph: cut, with …
        "犬只" + "\u200b" * 300 + "登记",  # zero-width characters: more characters than cells, still cut
        "犬只登记",  # short: whole
    ],
)
def test_a_hit_is_one_line_cut_to_the_width_with_an_ellipsis(width: int, text: str) -> None:
    from rich.cells import cell_len
    from rich.text import Text

    from wenming.corpus_search import CityHit
    from wenming.render.corpus_search import _append_hit
    from wenming.search import Span

    hit = CityHit(
        citation="第九条",
        kind="paragraph",
        article=9,
        text=text,
        matched=["犬只"],
        spans=[Span(start=0, end=2)],
        city="甲市",
        title="甲市条例",
    )
    out = Text()
    _append_hit(out, hit, width)
    line = out.plain
    shown = line.split("第九条  ", 1)[1]
    assert cell_len(line) <= width and "\n" not in line
    assert shown == text if cell_len("    第九条  " + text) <= width else shown.endswith("…")
    assert text.startswith(shown.rstrip("…"))


def test_search_all_errors() -> None:
    code, out = _invoke("--city", "all", "search", "外星人飞船", "--json")
    assert code == 1 and json.loads(out)["error"]["message"].startswith("没有找到")
    code, out = _invoke("--city", "all", "search", " ", "--json")
    assert code == 2


def test_behaviours_all() -> None:
    result = _json("--city", "all", "behaviours")
    assert [city["city"] for city in result["cities"]] == _order()
    default = result["cities"][0]
    assert default["annotated"] and default["behaviours"] == _json("behaviours")
    for city in result["cities"][1:]:
        data = yaml.safe_load((DATA / registry().entry(city["city"]).file).read_text(encoding="utf-8"))
        if not data.get("behaviour_articles"):  # no kinds invented: it says what it lacks
            assert not city["annotated"] and city["behaviours"] == [] and city["lacks"].startswith("未标注")
    code, view = _invoke("--city", "all", "behaviours")
    assert code == 0 and view.startswith(f"■ {registry().default}") and "未标注" in view


def test_behaviours_all_filters() -> None:
    result = _json("--city", "all", "behaviours", "-d", "交通")
    annotated = [city for city in result["cities"] if city["annotated"]]
    assert annotated and all(entry["domain"] == "交通出行" for city in annotated for entry in city["behaviours"])
    encouraged = _json("--city", "all", "behaviours", "--encouraged")
    assert encouraged["cities"][0]["behaviours"] == _json("behaviours", "--encouraged")
    code, out = _invoke("--city", "all", "behaviours", "-d", "外星", "--json")
    assert code == 2 and "没有一个城市" in json.loads(out)["error"]["message"]


def test_yongzhou_behaviours_unchanged() -> None:
    code, view = _invoke("behaviours")
    assert code == 0 and not view.startswith("■")


# --- the index: one cache entry, rebuilt by an edit ----------------------------------------------------


def _corpus_copy(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "regulations", corpus / "regulations")
    shutil.copy(DATA / "registry.json", corpus / "registry.json")
    shutil.copy(DATA / "regulation.yaml", corpus / "regulation.yaml")
    return corpus


def _run(arguments: list[str], env: dict[str, str], hook: str = "") -> subprocess.CompletedProcess[str]:
    code = (
        f"import sys\n{hook}\nfrom wenming.__main__ import main\nsys.argv = ['wenming', *{arguments!r}]\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    sys.exit(stop.code)\n"
    )
    full = {**os.environ, "WENMING_DATA": "", **env}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full, check=False)


def test_index_is_one_entry_rebuilt_by_an_edit(tmp_path: Path) -> None:
    corpus = _corpus_copy(tmp_path)
    env = {"WENMING_CORPUS_DIR": str(corpus), "WENMING_CACHE_DIR": str(tmp_path / "cache")}
    first = _run(["--city", "all", "search", "犬只", "--json"], env)
    assert first.returncode == 0, first.stderr
    entries = list((tmp_path / "cache").glob("searchindex-*.json"))
    assert len(entries) == 1
    assert _run(["--city", "all", "search", "犬只", "--json"], env).stdout == first.stdout
    # An edit to one file (a word added to a provision) is seen: the index is built again.
    found = {city["city"] for city in json.loads(first.stdout)["cities"]}
    other = next(entry for entry in registry().cities if entry.city not in found)
    edited = corpus / other.file
    text = edited.read_text(encoding="utf-8")
    assert "犬只" not in text and "text: 为了" in text
    edited.write_text(text.replace("text: 为了", "text: 犬只为了", 1), encoding="utf-8")
    again = json.loads(_run(["--city", "all", "search", "犬只", "--json"], env).stdout)
    assert other.city in {hit["city"] for hit in again["hits"]}
    assert len(list((tmp_path / "cache").glob("searchindex-*.json"))) == 2


OPENS_HOOK = """
import os
opened = []
def _audit(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.fsdecode(args[0]))
sys.addaudithook(_audit)
import atexit
atexit.register(lambda: sys.stderr.write("OPENED " + repr(opened) + "\\n"))
"""


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_one_regulation_reads_no_other(tmp_path: Path, warm: bool) -> None:
    """`--city 江门 article 1` opens its own data file and no other regulation's, cold or from the cache;
    the other files are made unreadable, and every file opened is counted (an audit hook)."""
    corpus = _corpus_copy(tmp_path)
    env = {"WENMING_CORPUS_DIR": str(corpus), "WENMING_CACHE_DIR": str(tmp_path / "cache")}
    for path in (corpus / "regulations").iterdir():
        if path.name != "江门市.yaml":
            path.write_text("not: [a regulation", encoding="utf-8")
            path.chmod(0)
    (corpus / "regulation.yaml").write_text("not: [a regulation", encoding="utf-8")
    if warm:
        assert _run(["--city", "江门", "article", "1", "--json"], env).returncode == 0
    done = _run(["--city", "江门", "article", "1", "--json"], env, OPENS_HOOK)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)
    opened = eval(done.stderr.split("OPENED ", 1)[1])  # the hook's repr of a list of str
    regulations = {Path(path).name for path in opened if Path(path).parent == corpus / "regulations"}
    assert regulations == {"江门市.yaml"}
    assert not any(Path(path) == corpus / "regulation.yaml" for path in opened)


def test_synthesised_corpus(tmp_path: Path) -> None:
    """Every copy (a province's too) is a valid regulation: --city all validates them all."""
    tool = ROOT / "tools" / "synthesise_corpus.py"
    count = 2 * len(registry().cities)
    out = tmp_path / "corpus"
    subprocess.run([sys.executable, str(tool), str(count), str(out)], check=True, capture_output=True)
    cities = json.loads((out / "registry.json").read_text(encoding="utf-8"))["cities"]
    assert len(cities) == count and len({city["city"] for city in cities}) == count
    copy = cities[-1]
    assert copy["city"].endswith(f"-{count - 1:03d}") and (out / copy["file"]).is_file()
    env = {"WENMING_CORPUS_DIR": str(out), "WENMING_CACHE_DIR": str(tmp_path / "cache")}
    done = _run(["--city", copy["city"], "contents", "--json"], env)
    assert done.returncode == 0, done.stderr
    found = json.loads(_run(["--city", "all", "search", "犬只", "--json"], env).stdout)
    assert found["searched"] == count


@pytest.mark.parametrize("command", [["search", "犬只"], ["behaviours"]], ids=" ".join)
def test_all_cities_json_imports_no_rich(tmp_path: Path, command: list[str]) -> None:
    check = "import atexit\natexit.register(lambda: sys.stderr.write('RICH ' + str('rich' in sys.modules)))"
    for _ in range(2):  # filling the cache, then from it
        done = _run(["--city", "all", *command, "--json"], {"WENMING_CACHE_DIR": str(tmp_path / "cache")}, check)
        assert done.returncode == 0 and json.loads(done.stdout)["cities"]
        assert done.stderr.endswith("RICH False")


def test_one_city_s_behaviours_in_json_name_their_regulation() -> None:
    # The list goes under `behaviours` beside `regulation`, as each city's does in --city all's JSON.
    found = _json("--city", "江门", "behaviours")
    assert found["regulation"] == "江门市文明行为促进条例" and isinstance(found["behaviours"], list)
    assert isinstance(_json("behaviours"), list)  # the default regulation's: the list, as it always was
