"""The `wenming` command and `python -m wenming`: settings for a one-shot process, then the typer app.

A look-up lives about 150 ms. These settings are the command's, not the library's: `import wenming`
changes nothing in the caller's process.
"""

from __future__ import annotations

import gc
import os
import sys
import types
from typing import Any

# pydantic's plugin loader: it imports importlib.metadata (to read entry points) whenever a validator
# is built, even when plugins are disabled and it will read none.
_PLUGIN_LOADER = "pydantic.plugin._loader"
_PLUGINS_OFF = ("__all__", "1", "true")  # the values with which pydantic loads no plugin at all


class _NoPluginSearch(types.ModuleType):
    """Stands in for pydantic's plugin loader while plugins are disabled; anything else, the real one."""

    def get_plugins(self) -> Any:
        if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in _PLUGINS_OFF:
            return ()
        return self._real().get_plugins()

    def __getattr__(self, name: str) -> Any:  # a name this stand-in lacks: a pydantic that needs more
        if name.startswith("__"):  # the import system asking whether it is a package (__path__)
            raise AttributeError(name)
        return getattr(self._real(), name)

    def _real(self) -> Any:
        import importlib

        if sys.modules.get(_PLUGIN_LOADER) is self:
            del sys.modules[_PLUGIN_LOADER]
        return importlib.import_module(_PLUGIN_LOADER)


def prepare_process() -> None:
    """Settings for a one-shot command, made before typer and pydantic are imported."""
    # Importing typer, pydantic and the models allocates enough to run the cyclic garbage collector
    # some 75 times, freeing a few hundred objects in all: 12 ms of a 150 ms run (benchmarks/startup.py).
    # Reference counting still frees everything else; a one-shot command can leave cycles to exit.
    gc.disable()
    # Like typer itself (typer._adapters.disabled_pydantic_plugins), do not look for pydantic plugins:
    # the search reads every installed package's metadata for plugins with nothing to observe here.
    # An explicit PYDANTIC_DISABLE_PLUGINS wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Disabled plugins still cost importing importlib.metadata when the first validator is built
    # (about 9 ms of CPU, the largest part of what wenming added to typer's floor): with them off,
    # a stand-in loader answers "no plugins" without it.
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in _PLUGINS_OFF and _PLUGIN_LOADER not in sys.modules:
        sys.modules[_PLUGIN_LOADER] = _NoPluginSearch(_PLUGIN_LOADER)


def main() -> None:
    prepare_process()
    from wenming.cli import main as run_command

    run_command()


if __name__ == "__main__":
    main()
