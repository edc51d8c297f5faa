"""The command line: `wenming` and `python -m wenming`.

Each command module registers its commands on the one typer app when imported.
"""

from __future__ import annotations

from wenming.cli import data as _data  # noqa: F401  (registers commands)
from wenming.cli import lookup as _lookup  # noqa: F401  (registers commands)
from wenming.cli import penalty as _penalty  # noqa: F401  (registers commands)
from wenming.cli.app import app, main

__all__ = ["app", "main"]
