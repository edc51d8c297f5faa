"""The data file the global options chose, and the regulation read from it.

Exit codes: an unusable data file is a usage error (2), reported by the caller.
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING

from wenming.corpus import read
from wenming.errors import BadInput, WenmingError
from wenming.registry import ALL, default_data_path, registry
from wenming.regulation import Regulation

if TYPE_CHECKING:
    from wenming.loader import DataError


class _State:
    data_path: Path | None = None  # --data, or WENMING_DATA where no --city is given
    city: str | None = None  # --city, or WENMING_CITY where neither --data nor WENMING_DATA is given
    both_given: bool = False  # --data and --city on one command line: which is meant cannot be told


state = _State()

ALL_CITIES_COMMANDS = ("search", "behaviours", "compare")


def choose(data: Path | None, city: str | None) -> None:
    """The data the global options choose: an option beats the environment; WENMING_DATA beats WENMING_CITY;
    --data and --city together are refused when a command reads the data (exit 2)."""
    env_data = os.environ.get("WENMING_DATA") or None
    env_city = os.environ.get("WENMING_CITY") or None
    state.both_given = data is not None and city is not None
    if data is not None or city is not None:
        state.data_path, state.city = data, (city if data is None else None)
    elif env_data is not None:
        state.data_path, state.city = Path(env_data), None
    else:
        state.data_path, state.city = None, env_city


def all_cities() -> bool:
    """Whether --city all (or WENMING_CITY=all) was given, for the commands that read every regulation."""
    return state.city is not None and state.city.strip() == ALL and not state.both_given


def data_path() -> Path:
    """The data file chosen: --data, the city's, or the default regulation (BadInput, exit 2, for a city
    that is ambiguous, unknown or `all`, and for --data with --city)."""
    if state.both_given:
        raise BadInput("--data 与 --city 不能同时使用", suggestion="只用其中一个：--data 给数据文件，--city 给城市")
    if state.city is not None:
        if state.city.strip() == ALL:
            names = "、".join(ALL_CITIES_COMMANDS)
            hint = "给出一个城市，如 --city 江门；wenming cities 列出全部"
            raise BadInput(f"--city all 只用于 {names}", suggestion=hint)
        chosen = registry()
        return chosen.path(chosen.choose(state.city))
    return state.data_path or default_data_path()


def default_regulation() -> Regulation:
    """The default regulation, whose words `--city all` reads a query with (see regulation())."""
    return regulation(default_data_path())


def regulation(path: Path | None = None) -> Regulation:
    """The regulation (the chosen one, or the one at `path`), from the cache when it is fresh, else
    parsed and validated (wenming.corpus.read); an unusable file is a user error (exit 2)."""
    return read(path or data_path(), data_error)


SHOWN_DATA_PROBLEMS = 5  # in a look-up's message; `wenming validate` lists them all


def data_error(error: "DataError") -> WenmingError:
    """An unusable data file as a user error: the first problems, and where to see the rest."""
    import shlex

    from wenming.loader import DataFileMissing

    if isinstance(error, DataFileMissing):  # nothing to validate: the path is wrong
        return WenmingError(f"数据文件不存在：{error.source}", suggestion="检查 --data 或 WENMING_DATA 给出的路径")
    lines = error.report().splitlines()[:SHOWN_DATA_PROBLEMS]
    if len(error.problems) > SHOWN_DATA_PROBLEMS:
        lines.append(f"……（共 {len(error.problems)} 个问题）")
    return WenmingError(
        "数据文件无效：\n" + "\n".join(lines),
        suggestion=f"用 wenming validate {shlex.quote(error.source)} 查看全部问题",
    )
