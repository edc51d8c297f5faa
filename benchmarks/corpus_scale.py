"""The scale study (docs/scale.md): sizes, and cold and warm times of the commands over every regulation.

    python tools/synthesise_corpus.py 300 /tmp/corpus-300
    .venv/bin/python benchmarks/corpus_scale.py /tmp/corpus-300 [/tmp/corpus-1000 ...] [--runs 5]

For each corpus folder (WENMING_CORPUS_DIR, see wenming/paths.py): the size of its data (registry and
regulation files, as installed) and of the cache a warm run leaves (its regulation entries and the
search index); each command in ALL_CITIES cold (a fresh cache: every regulation validated, the index
built; one run) and warm (median of --runs whole processes, beside the floor app's median); and where
a warm run's time goes inside the process (CPU ms): reading and hashing every file for the index's key,
reading the index entry, the search itself, and one regulation's data ready (the default city's).
benchmarks/startup.py --corpus DIR gives the full comparison with the floor, targets and all.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from startup import ALL_CITIES, FLOOR_APP, FLOOR_ARGS, child_env, run_process, wenming_argv  # noqa: E402

PARTS_SCRIPT = r"""
import json, os, sys, time
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
import gc; gc.disable()
clock = time.process_time
from wenming import cache, corpus
from wenming.cli import state
from wenming.corpus_search import SearchIndex, search_all
parts = {}
begun = clock(); default = state.default_regulation(); parts["one regulation ready"] = clock() - begun
begun = clock(); texts = corpus.corpus_texts(); key = cache.model_key(texts, SearchIndex)
parts["read and hash every file (the key)"] = clock() - begun
begun = clock(); cache.fetch_record(texts, SearchIndex); parts["read the index entry"] = clock() - begun
begun = clock(); search_all(default, ["犬只"])
parts["search_all (the two above, and the search)"] = clock() - begun
print(json.dumps({name: seconds * 1000 for name, seconds in parts.items()}))
"""


def folder_bytes(folder: Path, pattern: str = "**/*") -> int:
    return sum(path.stat().st_size for path in folder.glob(pattern) if path.is_file())


def study(corpus: Path, runs: int) -> None:
    count = len(json.loads((corpus / "registry.json").read_text(encoding="utf-8"))["cities"])
    print(f"{corpus}: {count} regulations, data {folder_bytes(corpus) / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory(prefix="wenming-scale-") as work:
        cache_dir = Path(work) / "cache"
        for command in ALL_CITIES:
            env = {**child_env(cache_dir, terminal=False), "WENMING_CORPUS_DIR": str(corpus)}
            argv = [*wenming_argv(), *command, "--json"]
            started = time.perf_counter()
            cold = run_process(argv, env, terminal=False)
            cold_ms = (time.perf_counter() - started) * 1000
            if cold.exit_code not in (0, 1):
                print(f"  {' '.join(command)}: not available ({cold.stderr.decode('utf-8', 'replace')[-100:]!r})")
                continue
            warm, floor = [], []
            for _ in range(runs):
                warm.append(run_process(argv, env, terminal=False).seconds * 1000)
                floor.append(run_process([sys.executable, str(FLOOR_APP), *FLOOR_ARGS], env, False).seconds * 1000)
            view = [run_process(argv[:-1], env, terminal=False).seconds * 1000 for _ in range(runs)]
            warm_ms, floor_ms, view_ms = statistics.median(warm), statistics.median(floor), statistics.median(view)
            print(
                f"  {' '.join(command)}: cold {cold_ms:.0f} ms; warm --json {warm_ms:.0f} ms "
                f"({warm_ms / floor_ms:.2f}x the floor's {floor_ms:.0f} ms), view {view_ms:.0f} ms "
                f"({view_ms / floor_ms:.2f}x)"
            )
        index = folder_bytes(cache_dir, "searchindex-*.json")
        entries = folder_bytes(cache_dir, "regulation-*.json")
        print(f"  cache: search index {index / 1e6:.1f} MB, regulation entries {entries / 1e6:.1f} MB")
        env = {**child_env(cache_dir, terminal=False), "WENMING_CORPUS_DIR": str(corpus)}
        reports = []
        for _ in range(runs):
            done = subprocess.run(
                [sys.executable, "-c", PARTS_SCRIPT], env=env, capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                print(f"    where the time goes: failed ({done.stderr.strip().splitlines()[-1:]})")
                return
            reports.append(json.loads(done.stdout.splitlines()[-1]))
        for name in reports[0]:
            print(f"    {name:<52}{statistics.median(report[name] for report in reports):7.1f} ms CPU")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", type=Path, nargs="+", help="folders made by tools/synthesise_corpus.py")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per command (default 5)")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    for corpus in args.corpora:
        study(corpus.resolve(), max(args.runs, 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
