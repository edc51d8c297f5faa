"""The command line: `wenming` and `python -m wenming`.

Modules, each importing only those before it: state (the data file chosen, the regulation),
output (printing results and errors), help (wenming's help pages), usage (click's usage errors in
Chinese, command lines as people type them), options (what commands share), lookup, penalty and
data (the commands), app (the global options, make_app and the whole app), startup (main).
"""

from __future__ import annotations

from wenming.cli.app import app
from wenming.cli.startup import main

__all__ = ["app", "main"]
