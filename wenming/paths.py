"""Where the regulation file is: kept apart from the loader so that finding it needs no YAML."""

from __future__ import annotations

import functools
import os
from pathlib import Path

# The largest regulation file wenming reads: the loader refuses a larger one, and the cache reads no
# more than this to name an entry. One number, so that the two cannot drift apart.
MAX_DATA_BYTES = 1024 * 1024

# Not for normal use: a folder holding a registry.json and the regulation files it names, read instead
# of the shipped ones (the scale study's synthetic corpora, tools/synthesise_corpus.py, and tests).
# The vocabulary, the national laws and the rest still come from the package.
CORPUS_DIR_ENV = "WENMING_CORPUS_DIR"


def _in_corpus(name: str) -> bool:
    return name in ("registry.json", "regulation.yaml") or name.startswith("regulations/")


def shipped(name: str) -> Path:
    """A data file shipped in the package (wheel), else the repository's data/ (source tree)."""
    corpus = os.environ.get(CORPUS_DIR_ENV)
    if corpus and _in_corpus(name):
        return Path(corpus) / name
    return _data_folder() / name


@functools.cache  # once per process: --city all asks for forty files
def _data_folder() -> Path:
    """The package's data folder (a wheel ships one), else the repository's data/ (source tree)."""
    packaged = Path(__file__).parent / "data"
    if (packaged / "registry.json").is_file():
        return packaged
    return Path(__file__).resolve().parents[1] / "data"


def vocabulary_path() -> Path:
    """The vocabulary every regulation shares: people's words and the concepts they name."""
    return shipped("vocabulary.yaml")
