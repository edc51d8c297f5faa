"""The data file the global options chose, and the regulation read from it.

Exit codes: an unusable data file is a usage error (2), reported by the caller.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from wenming import cache
from wenming.errors import WenmingError
from wenming.registry import default_data_path
from wenming.regulation import Regulation

if TYPE_CHECKING:
    from wenming.loader import DataError


class _State:
    data_path: Path | None = None


state = _State()


def regulation() -> Regulation:
    """The regulation, from the cache when it is fresh, else parsed and validated (an unusable file: exit 2).

    The loader is imported only on a cache miss: PyYAML's import alone costs more than a cached look-up.
    """
    cached = cache.cached_regulation(state.data_path or default_data_path())
    if cached is not None:
        return cached
    from wenming.loader import DataError, load_regulation

    try:
        return load_regulation(state.data_path)
    except DataError as error:
        raise data_error(error) from None


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
