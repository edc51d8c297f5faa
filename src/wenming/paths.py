"""Where the regulation file is: kept apart from the loader so that finding it needs no YAML."""

from __future__ import annotations

from pathlib import Path


def default_data_path() -> Path:
    """The regulation shipped in the package (wheel), else the repository's data/ (source tree)."""
    packaged = Path(__file__).parent / "data" / "regulation.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "regulation.yaml"
