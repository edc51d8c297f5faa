"""What keeps a command's start-up short, checked by behaviour (the timings are benchmarks/startup.py's)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

RUN_ARTICLE_22 = (
    "import sys; from wenming.__main__ import main; sys.argv = ['wenming', 'article', '22', '--json']\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
)


def test_cached_command_imports_no_yaml(tmp_path: Path) -> None:
    """A look-up answered from the cache imports neither PyYAML, nor the loader, nor rich; nor the json
    module where typer and pydantic do not (pydantic-core reads and writes the JSON: wenming.jsonio)."""
    code = RUN_ARTICLE_22 + (
        "print(sorted(m for m in ('yaml', 'wenming.loader', 'wenming.validation', 'rich', 'json') if m in sys.modules))"
    )
    env = {**os.environ, "WENMING_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert first.stdout.splitlines()[-1] == "['json', 'wenming.loader', 'wenming.validation', 'yaml']"  # filled it
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    # pydantic before 2.5 imports json itself (pydantic.main); then wenming's reading it is no cost.
    theirs = "import sys, typer.main, pydantic.main, pydantic.type_adapter; print('json' in sys.modules)"
    json_is_theirs = subprocess.run([sys.executable, "-c", theirs], capture_output=True, text=True, check=True)
    assert again.stdout.splitlines()[-1] == ("['json']" if json_is_theirs.stdout.strip() == "True" else "[]")


def test_command_runs_without_cyclic_gc_but_library_keeps_it() -> None:
    # The command: the collector off while it runs, and what it made frozen when it has answered, so
    # that the exit does not collect it all; the library changes neither.
    code = RUN_ARTICLE_22 + "import gc; print(gc.isenabled(), gc.get_freeze_count() > 0)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "False True"
    code = "import gc, wenming, wenming.cli; wenming.load_regulation(); print(gc.isenabled(), gc.get_freeze_count())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True 0"


RICH_MODULES = "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.')))"


def _run_main(arguments: list[str], env: dict[str, str]) -> list[str]:
    """Run wenming's main() with `arguments` in a new process; its output, then the rich modules it imported."""
    code = (
        "import sys; from wenming.__main__ import main\n"
        f"sys.argv = ['wenming', *{arguments!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n" + RICH_MODULES
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return out.stdout.splitlines()


JSON_COMMANDS = [
    ["article", "22.9"],
    ["chapter", "3"],
    ["contents"],
    ["behaviours"],
    ["search", "犬只"],
    ["fine", "smoking", "--repeat"],
    ["fine", "41"],
    ["fines"],
    ["agency", "公安"],
    ["validate"],
    ["compare", "dog-leash"],
    ["article", "99"],  # an error: not found
]


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=" ".join)
def test_json_runs_import_no_rich(tmp_path: Path, command: list[str]) -> None:
    """--json output (and its errors) is written without importing rich, filling the cache or from it."""
    data = Path(__file__).resolve().parents[1] / "data" / "regulation.yaml"
    env = {**os.environ, "WENMING_CACHE_DIR": str(tmp_path / "cache"), "FORCE_COLOR": "1"}
    for _ in range(2):
        lines = _run_main(["--data", str(data), *command, "--json"], env)
        assert lines[0] in ("{", "[") and lines[-1] == "[]", lines[-1]


def test_a_command_line_imports_only_its_commands_module(tmp_path: Path) -> None:
    """`article` needs wenming.cli.lookup: the penalty, cities and data commands' modules stay unimported."""
    code = (
        "import sys; from wenming.__main__ import main\n"
        "sys.argv = ['wenming', 'article', '22', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('wenming.cli.') and m.count('.') == 2))"
    )
    env = {**os.environ, "WENMING_CACHE_DIR": str(tmp_path / "cache"), "WENMING_DATA": "", "WENMING_CITY": ""}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    loaded = out.stdout.splitlines()[-1]
    assert "wenming.cli.lookup" in loaded
    assert not any(f"wenming.cli.{name}'" in loaded for name in ("penalty", "cities", "data")), loaded


def test_human_views_are_drawn_by_rich(tmp_path: Path) -> None:
    """A human view, coloured in a terminal or plain in a pipe, is drawn by rich (wenming.render)."""
    data = Path(__file__).resolve().parents[1] / "data" / "regulation.yaml"
    for force in ("1", ""):
        env = {**os.environ, "WENMING_CACHE_DIR": str(tmp_path / "cache"), "FORCE_COLOR": force, "NO_COLOR": ""}
        lines = _run_main(["--data", str(data), "article", "22.9"], env)
        output = "\n".join(lines[:-1])
        assert "在禁止吸烟场所" in output and ("\x1b[" in output) is bool(force)
        assert "'rich.console'" in lines[-1]


def test_errors_import_no_rich(tmp_path: Path) -> None:
    env = {**os.environ, "WENMING_CACHE_DIR": str(tmp_path / "cache")}
    assert _run_main(["article", "99"], env)[-1] == "[]"


def test_a_command_line_naming_a_command_builds_only_that_one() -> None:
    from wenming.cli.startup import named_command

    names = ["article", "fine", "toc", "validate"]
    assert named_command(["article", "22", "--json"], names) == "article"
    assert named_command(["--data", "x.yaml", "toc"], names) == "toc"
    assert named_command(["--data=x.yaml", "fine", "--help"], names) == "fine"
    # The whole app answers these: its help, its version, its suggestions for a misspelt command.
    for arguments in ([], ["--help"], ["--version"], ["--data"], ["artcle", "22"], ["--json", "article"], ["22"]):
        assert named_command(arguments, names) is None, arguments


def test_a_command_runs_alone_with_global_options_and_shell_completion_still_lists_all(tmp_path: Path) -> None:
    data = Path(__file__).resolve().parents[1] / "data" / "regulation.yaml"
    env = {**os.environ, "WENMING_CACHE_DIR": str(tmp_path / "cache")}
    run = [sys.executable, "-m", "wenming", "--data", str(data), "fine", "smoking", "--repeat", "--json"]
    out = subprocess.run(run, capture_output=True, text=True, check=True, env=env)
    assert '"applied_step": 3' in out.stdout
    misspelt = subprocess.run(
        [sys.executable, "-m", "wenming", "fin", "smoking"], capture_output=True, text=True, env=env
    )
    assert misspelt.returncode == 2 and "wenming fine" in misspelt.stderr
    # The installed script, as the shell runs it for completions (`wenming fi<TAB>`).
    script = Path(sys.executable).with_name("wenming")
    if not script.exists():  # pragma: no cover - an environment without the installed script
        pytest.skip("the wenming script is not installed beside this interpreter")
    completion = {**env, "_WENMING_COMPLETE": "complete_bash", "COMP_WORDS": "wenming fi", "COMP_CWORD": "1"}
    listed = subprocess.run([str(script), "fine"], capture_output=True, text=True, env=completion, check=False)
    assert {"fine", "fines"} <= set(listed.stdout.split())


def test_main_builds_an_app_of_its_own_and_the_shared_one_stays_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    from wenming.cli import app, main
    from wenming.cli.build import commands, make_app

    COMMANDS = commands()

    before = list(app.registered_commands)
    monkeypatch.setattr("sys.argv", ["wenming", "article", "22.9", "--json"])
    monkeypatch.setenv("WENMING_DATA", "")
    with pytest.raises(SystemExit):
        main()
    assert app.registered_commands == before and len(before) == len(COMMANDS) > 1
    assert [info.name for info in make_app("fine").registered_commands] == ["fine"]
    assert [info.name for info in make_app().registered_commands] == [command.name for command in COMMANDS]


# No dependency's internals: a pydantic or typer release must not be able to break every command.
PRIVATE_PATCHES = re.compile(r"pydantic\.plugin\._loader|typer\._click|sys\.modules\[[^]]*\] *=")


def test_wenming_names_no_private_module_of_a_dependency_nor_assigns_into_sys_modules() -> None:
    package = Path(__file__).resolve().parents[1] / "wenming"
    found = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE_PATCHES.search(line)
    ]
    assert found == []


def test_the_command_turns_pydantic_plugins_off_by_its_public_setting_and_the_user_may_turn_them_on() -> None:
    code = RUN_ARTICLE_22 + "import os; print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'))"
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.splitlines()[-1] == "__all__"
    env["PYDANTIC_DISABLE_PLUGINS"] = "some-plugin"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert '"citation": "第二十二条"' in out.stdout and out.stdout.splitlines()[-1] == "some-plugin"


def test_the_command_line_modules_import_no_circle() -> None:
    """wenming.cli's modules, each importing only those before it (functions' imports included)."""
    import ast

    folder = Path(__file__).resolve().parents[1] / "wenming" / "cli"
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        if path.stem == "__init__":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        named |= {
            f"{node.module}.{alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "wenming.cli"
            for alias in node.names
        }
        graph[path.stem] = {name.removeprefix("wenming.cli.") for name in named if name.startswith("wenming.cli.")}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join([*path, module])
        if module in done:
            return
        for imported in graph.get(module, ()):
            visit(imported, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())
    assert {"build", "usage", "output", "state", "startup", "help"} <= set(graph)
