"""What keeps a command's start-up short, checked by behaviour (the timings are benchmarks/startup.py's)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RUN_ARTICLE_22 = (
    "import sys; from wenming.__main__ import main; sys.argv = ['wenming', 'article', '22', '--json']\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
)


def test_cached_command_imports_no_yaml(tmp_path: Path) -> None:
    """A look-up answered from the cache imports neither PyYAML, nor the loader, nor rich."""
    code = RUN_ARTICLE_22 + (
        "print(sorted(m for m in ('yaml', 'wenming.loader', 'wenming.validation', 'rich') if m in sys.modules))"
    )
    env = {**os.environ, "WENMING_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert first.stdout.splitlines()[-1] == "['wenming.loader', 'wenming.validation', 'yaml']"  # filled it
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert again.stdout.splitlines()[-1] == "[]"


def test_command_runs_without_cyclic_gc_but_library_keeps_it() -> None:
    code = RUN_ARTICLE_22 + "import gc; print(gc.isenabled())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "False"
    code = "import gc, wenming, wenming.cli; wenming.load_regulation(); print(gc.isenabled())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"
