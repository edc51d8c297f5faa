"""The `wenming` command and `python -m wenming`: settings for a one-shot process, then the typer app.

A look-up lives about 150 ms. These settings are the command's, not the library's: `import wenming`
changes nothing in the caller's process. Only public settings of the interpreter and pydantic: no
dependency's internals are patched.
"""

from __future__ import annotations

import gc
import os


def prepare_process() -> None:
    """Settings for a one-shot command, made before typer and pydantic are imported."""
    # Importing typer, pydantic and the models allocates enough to run the cyclic garbage collector
    # some 75 times, freeing a few hundred objects in all: 12 ms of a 150 ms run (benchmarks/startup.py).
    # Reference counting still frees everything else; a one-shot command can leave cycles to exit.
    gc.disable()
    # Like typer itself, do not look for pydantic plugins: the search reads every installed package's
    # metadata for plugins with nothing to observe here. An explicit PYDANTIC_DISABLE_PLUGINS wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def end_process() -> None:
    """Settings for the end of a one-shot command, made when it has answered (or failed)."""
    # At exit the interpreter runs the cyclic collector over everything still alive, all that the command
    # imported and built: some 20 ms of a 150 ms run, to free memory the operating system takes back
    # anyway (benchmarks/startup.py). Frozen objects are left out of that collection (gc.freeze, public);
    # the modules are still torn down, atexit handlers run and files flushed as at any exit.
    gc.freeze()


def main() -> None:
    prepare_process()
    from wenming.cli import main as run_command

    try:
        run_command()
    finally:
        end_process()


if __name__ == "__main__":
    main()
