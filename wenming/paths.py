"""Where the regulation file is: kept apart from the loader so that finding it needs no YAML."""

from __future__ import annotations

from pathlib import Path

# The largest regulation file wenming reads: the loader refuses a larger one, and the cache reads no
# more than this to name an entry. One number, so that the two cannot drift apart.
MAX_DATA_BYTES = 1024 * 1024


def shipped(name: str) -> Path:
    """A data file shipped in the package (wheel), else the repository's data/ (source tree)."""
    packaged = Path(__file__).parent / "data" / name
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[1] / "data" / name


def vocabulary_path() -> Path:
    """The vocabulary every regulation shares: people's words and the concepts they name."""
    return shipped("vocabulary.yaml")
