"""Start-up benchmark: wenming's commands against the floor, a one-command typer app.

Run it with the interpreter wenming is installed in, from the repository root:

    .venv/bin/python benchmarks/startup.py            # --runs 15 --warmup 2
    .venv/bin/python benchmarks/startup.py --smoke    # one run of everything: does it work?

A look-up's floor is the interpreter plus typer (whose import and argument handling dominate), so each
wenming command is timed as a whole process against benchmarks/floor_app.py on the same interpreter and
typer. The two are run alternately (wenming first on even rounds, the floor first on odd ones), so that
drift on a busy machine hits both alike; the report gives medians and their ratio. Output goes to a pipe
and to a terminal (a pseudo-terminal, where the views are drawn in colour).

It also reports each process's peak memory (ru_maxrss, from wait4), and wenming's own time inside the
process: getting the data ready (from the cache, and cold: parsing and validating the YAML) and the
query. A command this build does not have ("No such command") is reported as not available.
The exit code is 0 when every measured target passes, else 1.

Children run with a private, fresh WENMING_CACHE_DIR (the warm-up fills it) and with bytecode writing
on (PYTHONDONTWRITEBYTECODE removed), as an installed package has it.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import selectors
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR_APP = HERE / "floor_app.py"
COMMANDS: list[tuple[str, ...]] = [("article", "22"), ("fine", "smoking", "--repeat"), ("search", "犬只")]
# Commands over every shipped regulation (compare; --city all), with a target of their own and a cold figure too.
ALL_CITIES: list[tuple[str, ...]] = [
    ("--city", "all", "search", "犬只"),
    ("compare", "dog-leash"),
]
FLOOR_ARGS = ("22",)

JSON_TARGET = 1.10  # --json commands (which import no rich): at most 10 % over the floor
RENDERED_TARGET = 1.30  # human views (drawn by rich, imported for them alone): at most 30 % over
ALL_CITIES_TARGET = 1.35  # compare and --city all, --json or view: every regulation read from one index
DATA_READY_TARGET_MS = 10.0
MEMORY_TARGET = 1.2

TERMINAL_SIZE = (40, 100)  # rows, columns of the pseudo-terminal


@dataclass(frozen=True)
class Case:
    command: tuple[str, ...]
    json: bool
    terminal: bool

    @property
    def label(self) -> str:
        return " ".join(self.command) + (" --json" if self.json else "")

    @property
    def output(self) -> str:
        return "terminal" if self.terminal else "pipe"


@dataclass
class Outcome:
    seconds: float
    cpu_seconds: float  # user + system: what the process itself cost, whatever else the machine did
    peak_kb: int
    exit_code: int
    stdout: bytes
    stderr: bytes


@dataclass
class Samples:
    wenming: list[Outcome] = field(default_factory=list)
    floor: list[Outcome] = field(default_factory=list)
    floor_without_gc: list[Outcome] = field(default_factory=list)  # for one case: the floor as wenming runs
    unavailable: str | None = None  # why the command was not measured
    first: Outcome | None = None  # the first warm-up run: the cache as the cases before left it


# --- running one process ---------------------------------------------------------------------


def run_process(argv: Sequence[str], env: dict[str, str], terminal: bool) -> Outcome:
    """Run argv to completion, stdout to a pipe or a pseudo-terminal; wall time, peak memory, output."""
    if terminal:
        out_read, out_write = os.openpty()
        rows, columns = TERMINAL_SIZE
        fcntl.ioctl(out_write, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    else:
        out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    stdin = os.open(os.devnull, os.O_RDONLY)
    actions = [
        (os.POSIX_SPAWN_DUP2, stdin, 0),
        (os.POSIX_SPAWN_DUP2, out_write, 1),
        (os.POSIX_SPAWN_DUP2, err_write, 2),
    ]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], list(argv), env, file_actions=actions)
    for fd in (out_write, err_write, stdin):
        os.close(fd)
    chunks: dict[int, list[bytes]] = {out_read: [], err_read: []}
    with selectors.DefaultSelector() as selector:
        for fd in chunks:
            selector.register(fd, selectors.EVENT_READ)
        open_fds = len(chunks)
        while open_fds:
            for key, _ in selector.select():
                fd = int(key.fd)
                try:
                    data = os.read(fd, 65536)
                except OSError:  # EIO: the pseudo-terminal's other side closed
                    data = b""
                if data:
                    chunks[fd].append(data)
                else:
                    selector.unregister(fd)
                    open_fds -= 1
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    os.close(out_read)
    os.close(err_read)
    return Outcome(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_kb=usage.ru_maxrss,  # kilobytes on Linux
        exit_code=os.waitstatus_to_exitcode(status),
        stdout=b"".join(chunks[out_read]),
        stderr=b"".join(chunks[err_read]),
    )


def wenming_argv() -> list[str]:
    """How a user runs wenming: the installed console script, on this interpreter; else -m wenming."""
    script = Path(sys.executable).parent / "wenming"
    if script.is_file():
        with script.open("rb") as handle:
            first_line = handle.readline(300)
        if first_line.startswith(b"#!") and b"python" in first_line:  # a pip-made Python script
            return [sys.executable, str(script)]
    return [sys.executable, "-m", "wenming"]


CORPUS: Path | None = None  # --corpus: a synthetic corpus (tools/synthesise_corpus.py) instead of the shipped


def child_env(cache_dir: Path, terminal: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("WENMING_DATA", None)
    env.pop("WENMING_CITY", None)
    env.pop("WENMING_CORPUS_DIR", None)
    if CORPUS is not None:
        env["WENMING_CORPUS_DIR"] = str(CORPUS)
    env["WENMING_CACHE_DIR"] = str(cache_dir)
    # Run from the repository root, `python -c`/`-m` would import the working tree's wenming/ (the
    # current folder first on sys.path), not the installed package the console script runs.
    env["PYTHONSAFEPATH"] = "1"
    if terminal:
        env["TERM"] = "xterm-256color"
        env.pop("NO_COLOR", None)
    return env


def unavailable_reason(outcome: Outcome) -> str | None:
    """None when the command ran (found: 0, or nothing found: 1); else why it cannot be measured."""
    if outcome.exit_code in (0, 1):
        return None
    stderr = outcome.stderr.decode("utf-8", "replace")
    if outcome.exit_code == 2 and "No such command" in stderr:
        return "not available (No such command: not in this build; rerun after merging)"
    last = next((line.strip(" │╭╰─") for line in reversed(stderr.splitlines()) if line.strip(" │╭╰─")), "")
    return f"failed: exit {outcome.exit_code}: {last[:100]}"


# --- the whole-process benchmark ----------------------------------------------------------------


def measure(cases: list[Case], runs: int, warmup: int, cache_dir: Path) -> dict[Case, Samples]:
    wenming = wenming_argv()
    floor = [sys.executable, str(FLOOR_APP)]
    results = {case: Samples() for case in cases}
    for case in cases:  # warm-up: bytecode, page cache, wenming's cache; and is the command there?
        env = child_env(cache_dir, case.terminal)
        for _ in range(max(warmup, 1)):
            first = run_process([*wenming, *case.command, *(["--json"] if case.json else [])], env, case.terminal)
            results[case].unavailable = unavailable_reason(first)
            results[case].first = results[case].first or first
            run_process([*floor, *FLOOR_ARGS, *(["--json"] if case.json else [])], env, case.terminal)
    reference = next(
        (case for case in cases if case.json and not case.terminal and not results[case].unavailable), None
    )
    for round_number in range(runs):
        for case in cases:
            if results[case].unavailable:
                continue
            env = child_env(cache_dir, case.terminal)
            flag = ["--json"] if case.json else []
            runs_now = [
                ("wenming", [*wenming, *case.command, *flag], env),
                ("floor", [*floor, *FLOOR_ARGS, *flag], env),
            ]
            if case == reference:
                runs_now.append(("floor_without_gc", [*floor, *FLOOR_ARGS, *flag], {**env, "FLOOR_GC": "off"}))
            if round_number % 2:
                runs_now.reverse()
            for who, argv, who_env in runs_now:
                outcome = run_process(argv, who_env, case.terminal)
                getattr(results[case], who).append(outcome)
    return results


# --- wenming's own time inside the process --------------------------------------------------------

# Runs in a fresh interpreter. The floor app runs first, in the same process, so that typer, pydantic
# and all else the floor pays for are loaded; what follows is wenming's own.
INPROCESS_SCRIPT = r"""
import contextlib, io, json, sys, time
clock = time.process_time  # CPU time: other processes on a busy machine do not count
mode, commands, floor_app = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
import importlib.util
spec = importlib.util.spec_from_file_location("floor_app", floor_app)
floor = importlib.util.module_from_spec(spec)
spec.loader.exec_module(floor)
with contextlib.redirect_stdout(io.StringIO()):  # run the floor once: everything it loads is not wenming's
    floor.app(["22", "--json"], standalone_mode=False)
report = {}
import importlib
try:  # the command's own process settings (GC, pydantic plugins), as its entry point makes them
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        from wenming.__main__ import prepare_process
except (ImportError, SystemExit):  # a wenming without it, whose __main__ runs the command on import
    prepare_process = lambda: None
prepare_process()
steps = {}
start = clock()
for module in ("wenming.citation", "wenming.model", "wenming.cache", "wenming.cli"):
    begun = clock()
    importlib.import_module(module)
    steps[module] = (clock() - begun) * 1000
report["import_steps"] = steps
# The module of the global options and make_app: wenming.cli.build (wenming.cli.app in older builds).
cli_app = sys.modules.get("wenming.cli.build") or sys.modules["wenming.cli.app"]
whole_app = sys.modules["wenming.cli"].app  # the whole typer app (built when first asked for)
# Where the regulation is read, and where run() looks it up (one module in older builds).
cli_state = sys.modules.get("wenming.cli.state", cli_app)
cli_output = sys.modules.get("wenming.cli.output", cli_app)
report["import_ms"] = (clock() - start) * 1000
start = clock()
regulation = cli_state.regulation()
report["data_ready_ms"] = (clock() - start) * 1000
report["yaml_imported"] = "yaml" in sys.modules
if mode == "cold":
    from wenming.loader import read_text, regulation_from_text
    from wenming.registry import default_data_path
    text = read_text(default_data_path())
    start = clock()
    regulation_from_text(text)
    report["validate_again_ms"] = (clock() - start) * 1000
if mode == "query":
    cli_output.regulation = lambda: regulation  # time the query alone, not the data
    queries = {}
    for command in commands:
        timings, status = [], "ok"
        for attempt in range(11):
            out, err = io.StringIO(), io.StringIO()
            start = clock()
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = whole_app(command, standalone_mode=False)
            except SystemExit as stop:
                code = stop.code
            except Exception as error:
                code, status = 2, f"{type(error).__name__}: {error}"
            timings.append((clock() - start) * 1000)
            if code not in (None, 0, 1):
                status = status if status != "ok" else f"exit {code}: {err.getvalue().strip()[:100]}"
                break
        queries[" ".join(command)] = {"status": status, "first_ms": timings[0],
                                      "median_ms": sorted(timings[1:])[len(timings[1:]) // 2] if timings[1:] else None}
    report["queries"] = queries
print(json.dumps(report))
"""


def in_process(mode: str, cache_dir: Path, commands: list[list[str]]) -> dict[str, object]:
    env = child_env(cache_dir, terminal=False)
    completed = subprocess.run(
        [sys.executable, "-c", INPROCESS_SCRIPT, mode, json.dumps(commands), str(FLOOR_APP)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"in-process measurement ({mode}) failed:\n{completed.stderr}")
    result: dict[str, object] = json.loads(completed.stdout.splitlines()[-1])  # the report is the last line
    return result


def median_of(reports: list[dict[str, object]], key: str) -> float:
    return statistics.median(float(str(report[key])) for report in reports)


# --- the report -----------------------------------------------------------------------------------


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs, {cpu}; Python {sys.version.split()[0]}; load average {load_average()}"


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for package in ("wenming", "typer", "pydantic", "rich", "PyYAML"):
        try:
            parts.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package} (not installed)")
    return ", ".join(parts)


@dataclass(frozen=True)
class Row:
    """One case's figures: medians of the runs, and ratios wenming / floor."""

    ms: float
    floor_ms: float
    paired: float  # median over back-to-back pairs of wenming / floor: drift cancels within a pair
    cpu: float  # ratio of median CPU times (user + system)
    peak_mb: float
    floor_peak_mb: float

    @property
    def ratio(self) -> float:
        return self.ms / self.floor_ms

    @property
    def memory(self) -> float:
        return self.peak_mb / self.floor_peak_mb


def summarise(samples: Samples) -> Row:
    def median(values: list[float]) -> float:
        return statistics.median(values)

    pairs = zip(samples.wenming, samples.floor, strict=True)
    return Row(
        ms=median([o.seconds for o in samples.wenming]) * 1000,
        floor_ms=median([o.seconds for o in samples.floor]) * 1000,
        paired=median([w.seconds / f.seconds for w, f in pairs]),
        cpu=median([o.cpu_seconds for o in samples.wenming]) / median([o.cpu_seconds for o in samples.floor]),
        peak_mb=median([o.peak_kb for o in samples.wenming]) / 1024,
        floor_peak_mb=median([o.peak_kb for o in samples.floor]) / 1024,
    )


def target_for(case: Case) -> float:
    if case.command in ALL_CITIES:
        return ALL_CITIES_TARGET
    return JSON_TARGET if case.json else RENDERED_TARGET


def _counts_for(case: Case, kind: bool | None) -> bool:
    """Whether a case counts for the --json (True), rendered (False) or --city all (None) target."""
    if kind is None:
        return case.command in ALL_CITIES
    return case.json == kind and case.command not in ALL_CITIES


def cold_runs(command: tuple[str, ...], runs: int, work: Path) -> list[Outcome]:
    """`command --json` with a fresh cache each time: every regulation validated and the index built."""
    outcomes = []
    for number in range(runs):
        env = child_env(work / f"cold-all-{number}", terminal=False)
        outcomes.append(run_process([*wenming_argv(), *command, "--json"], env, terminal=False))
    return outcomes


def print_cold(cases: list[Case], results: dict[Case, Samples], rows: dict[Case, Row], runs: int, work: Path) -> None:
    """The --city all commands cold (once per install or data edit) beside warm (from the cache)."""
    print("--city all, cold (a fresh cache: every regulation validated, the index built) and warm")
    for command in ALL_CITIES:
        warm = next((row for case, row in rows.items() if case.command == command and case.json), None)
        case = Case(command, True, False)
        if case not in results or results[case].unavailable or warm is None:
            print(f"  {' '.join(command):<40}not measured")
            continue
        cold = cold_runs(command, runs, work)
        if any(outcome.exit_code not in (0, 1) for outcome in cold):
            print(f"  {' '.join(command):<40}cold run failed")
            continue
        cold_ms = statistics.median(outcome.seconds for outcome in cold) * 1000
        print(
            f"  {' '.join(command) + ' --json':<40}cold {cold_ms:8.1f} ms (median of {runs})   "
            f"warm {warm.ms:6.1f} ms ({warm.paired:.2f}x floor)"
        )


def print_processes(cases: list[Case], results: dict[Case, Samples]) -> dict[Case, Row]:
    print("whole processes: median wall ms; ratio = wenming / floor; verdict on the paired ratio")
    header = (
        f"{'command':<30}{'output':<10}{'wenming':>8}{'floor':>8}{'ratio':>7}{'paired':>7}{'cpu':>6}  "
        f"{'time':<12}{'peak MB':>8}{'floor':>6}{'ratio':>6}  memory"
    )
    print(header)
    print("-" * len(header))
    rows = {}
    for case in cases:
        samples = results[case]
        if samples.unavailable:
            print(f"{case.label:<30}{case.output:<10}{samples.unavailable}")
            continue
        row = rows[case] = summarise(samples)
        target = target_for(case)
        print(
            f"{case.label:<30}{case.output:<10}{row.ms:>8.1f}{row.floor_ms:>8.1f}{row.ratio:>7.2f}{row.paired:>7.2f}"
            f"{row.cpu:>6.2f}  {verdict(row.paired <= target) + f' ≤{target:.2f}':<12}"
            f"{row.peak_mb:>8.1f}{row.floor_peak_mb:>6.1f}{row.memory:>6.2f}  {verdict(row.memory <= MEMORY_TARGET)}"
        )
    print("first runs (cold: the first case of a command fills its cache entries; wall ms, floor's median)")
    for case in cases:
        first = results[case].first
        if first is not None and not results[case].unavailable:
            print(f"  {case.label:<30}{case.output:<10}{first.seconds * 1000:>8.1f}{rows[case].floor_ms:>8.1f}")
    same = [outcome for samples in results.values() for outcome in samples.floor_without_gc]
    if same:
        floor_ms = statistics.median(outcome.seconds for outcome in same) * 1000
        print(
            "wenming runs with the cyclic GC off and freezes what it made at exit, so that the exit collects"
            " nothing (wenming/__main__.py);\nthe floor, a default typer app, does neither. The floor with both"
            f" too took {floor_ms:.1f} ms (--json, pipe); each median against it (no target: for comparison):"
        )
        for case, row in rows.items():
            print(f"  {case.label:<30}{case.output:<10}{row.ms:>8.1f}{row.ms / floor_ms:>7.2f}")
    return rows


def print_in_process(work: Path, cases: list[Case], results: dict[Case, Samples], runs: int) -> float:
    """wenming's own CPU time inside fresh processes; returns the data-ready time from the cache."""
    print("wenming inside the process: CPU ms, medians of fresh processes that ran the floor app first")
    cached = [in_process("cached", work / "cache", []) for _ in range(runs)]
    cold = [in_process("cold", work / f"cold-{n}", []) for n in range(runs)]
    order = [*COMMANDS, *ALL_CITIES]
    measured = sorted({case.command for case in cases if not results[case].unavailable}, key=order.index)
    queries = in_process("query", work / "cache", [[*c, "--json"] for c in measured] + [list(c) for c in measured])
    data_ms = median_of(cached, "data_ready_ms")
    cold_ms = median_of(cold, "data_ready_ms")
    yaml = "yes" if any(report["yaml_imported"] for report in cached) else "no"
    width = 56
    print(f"  {'import wenming.cli, beyond what the floor loads':<{width}}{median_of(cached, 'import_ms'):6.1f}")
    steps = [report["import_steps"] for report in cached]
    for module, what in [
        ("wenming.citation", "citations and numerals"),
        ("wenming.model", "the data's record classes"),
        ("wenming.cache", "the cache: JSON entries, no validation"),
        ("wenming.cli", "the typer app and its commands"),
    ]:
        spent = statistics.median(float(step[module]) for step in steps if isinstance(step, dict))
        print(f"  {f'  {module} ({what})':<{width}}{spent:6.1f}")
    print(
        f"  {'data ready from the cache (every command)':<{width}}{data_ms:6.1f}  "
        f"{verdict(data_ms < DATA_READY_TARGET_MS)} <{DATA_READY_TARGET_MS:.0f}; PyYAML imported: {yaml}"
    )
    print(
        f"  {'data ready without it (once per install or data edit)':<{width}}{cold_ms:6.1f}  "
        "imports PyYAML and the loader, builds validators"
    )
    again = median_of(cold, "validate_again_ms")
    print(f"  {'  parse and validate alone (validators built)':<{width}}{again:6.1f}")
    query_reports = queries["queries"]
    assert isinstance(query_reports, dict)
    for command, timing in query_reports.items():
        name = f"wenming {command}: first call, then median"
        if timing["status"] != "ok":
            print(f"  {name:<{width}}{timing['status']}")
            continue
        note = "typer, query, output" + ("" if "--json" in command else "; draws the view")
        print(f"  {name:<{width}}{timing['first_ms']:6.1f}{timing['median_ms']:6.1f}  {note}")
    return data_ms


def report(args: argparse.Namespace) -> int:
    cases = [
        Case(command, as_json, terminal)
        for command in [*COMMANDS, *ALL_CITIES]
        for as_json in (True, False)
        for terminal in (False, True)
    ]
    print("wenming start-up benchmark")
    print(f"  command:  {' '.join(['python', *sys.argv])}")
    print(f"  machine:  {machine()}")
    print(f"  versions: {versions()}")
    print(f"  wenming:  {' '.join(wenming_argv())} COMMAND [--json]")
    print(f"  floor:    {sys.executable} {FLOOR_APP.relative_to(HERE.parent)} {' '.join(FLOOR_ARGS)} [--json]")
    print(f"  corpus:   {CORPUS or 'the shipped regulations'}")
    print(f"  {args.runs} alternating runs of each after {args.warmup} warm-up")
    print()
    work = Path(tempfile.mkdtemp(prefix="wenming-bench-"))
    try:
        started = time.perf_counter()
        results = measure(cases, args.runs, args.warmup, work / "cache")
        rows = print_processes(cases, results)
        print(f"({time.perf_counter() - started:.0f} s; load average after: {load_average()})")
        print()
        print_cold(cases, results, rows, max(1, min(args.runs, 3)), work)
        print()
        data_ms = print_in_process(work, cases, results, max(3, min(args.runs, 7)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()

    print("targets")
    passed = True
    for name, kind, limit in [
        ("--json commands", True, JSON_TARGET),
        ("rendered commands", False, RENDERED_TARGET),
        ("--city all", None, ALL_CITIES_TARGET),
    ]:
        measured = [row.paired for case, row in rows.items() if _counts_for(case, kind)]
        if not measured:
            print(f"  {name:<20}≤ {limit:.2f}x floor   nothing measured")
            continue
        passed &= max(measured) <= limit
        print(f"  {name:<20}≤ {limit:.2f}x floor   worst {max(measured):.2f}x  {verdict(max(measured) <= limit)}")
    if rows:
        worst_memory = max(row.memory for row in rows.values())
        passed &= worst_memory <= MEMORY_TARGET
        print(
            f"  {'peak memory':<20}≤ {MEMORY_TARGET:.2f}x floor   worst {worst_memory:.2f}x  "
            + verdict(worst_memory <= MEMORY_TARGET)
        )
    passed &= data_ms < DATA_READY_TARGET_MS
    print(
        f"  {'data ready':<20}< {DATA_READY_TARGET_MS:.0f} ms          {data_ms:.1f} ms  "
        + verdict(data_ms < DATA_READY_TARGET_MS)
    )
    missing = sorted({case.label for case in cases if results[case].unavailable}, key=len)
    if missing:
        print(f"  not measured (not available in this build): {'; '.join(missing)}")
    return 0 if passed else 1


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="timed runs per case and per side (default 15)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs per case first (default 2)")
    parser.add_argument("--smoke", action="store_true", help="one run, one warm-up: check that it all works")
    parser.add_argument(
        "--corpus",
        type=Path,
        help="measure against this corpus (a folder made by tools/synthesise_corpus.py) instead of the shipped one",
    )
    args = parser.parse_args(argv)
    if args.corpus is not None and not (args.corpus / "registry.json").is_file():
        parser.error(f"--corpus {args.corpus}: no registry.json there (make one with tools/synthesise_corpus.py)")
    if args.smoke:
        args.runs, args.warmup = 1, 1
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    global CORPUS
    args = parse_args(argv)
    CORPUS = args.corpus.resolve() if args.corpus is not None else None
    return report(args)


if __name__ == "__main__":
    sys.exit(main())
