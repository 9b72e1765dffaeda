"""Times mlready against its floors, side by side in one run, and writes RESULTS.md.

Every command runs as a whole process. A side-by-side target compares two commands as a user
would: the two run back to back, in turns (A B, B A, ...), each pair gives one ratio, and the
target is the median of those ratios (their min and max are printed too), so that a busy moment
of the shared machine slows both sides of a pair alike. Absolute targets (times, memory) use
every run of the command.

    python benchmarks/run.py            # 20 pairs each (5 on the largest bank and repository)
    python benchmarks/run.py --repeat 5 --quick
    python benchmarks/run.py --only scan   # the scan of 20,000 files, beside its floor
    python benchmarks/run.py --against /path/to/other/venv/bin/mlready   # reports: this vs that

mlready runs with a cache (of validated banks and compiled report templates) in a folder of
the benchmark's own, warmed by a first run, as a user's machine has one; the same commands are
also timed with the cache off (MLREADY_CACHE_DIR empty), with an empty cache (a new CI
runner's), and the report without its compiled templates, so that the cache is seen never to
cost more than it saves. `deon` (the ethics-checklist CLI) is a peer to compare with: `pip
install deon` to include it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MIB = 1024 * 1024
FLOOR = "python -c pass"


@dataclass
class Command:
    name: str
    argv: list[str]
    cwd: Path
    large: bool = False
    env: dict[str, str] = field(default_factory=dict)  # on top of CHILD_ENV
    empty_cache: Path | None = None  # where each run gets a new, empty cache folder
    forget: str | None = None  # cache entries (a glob in its MLREADY_CACHE_DIR) removed first
    seconds: list[float] = field(default_factory=list)
    peak_bytes: int = 0
    writes: dict[str, int] = field(default_factory=dict)  # cache entries a run leaves

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


@dataclass
class Pair:
    """A side-by-side target: `mine` over `theirs`, at most `limit`, run back to back."""

    title: str
    mine: str
    theirs: str
    limit: float
    ratios: list[float] = field(default_factory=list)


# Children may write byte-code caches, as Python does on a user's machine; without them every
# run would compile every module again and time the compiler instead of the command.
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def _adopt_orphans() -> bool:
    """Become the parent of what a run leaves running (Linux): its writer of cache entries."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(36, 1, 0, 0, 0) == 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


ADOPTS = _adopt_orphans()


def _reap() -> None:
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _settle(command: Command, folder: Path) -> None:
    # Where the writer cannot be adopted (see `_adopt_orphans`), its entries are awaited.
    patterns = ("bank-*.json", "template-*.bin")
    if not command.writes:  # the first run: what a run writes
        time.sleep(0.5)
        command.writes = {pattern: len(list(folder.glob(pattern))) for pattern in patterns}
    deadline = time.monotonic() + 10
    for pattern, count in command.writes.items():
        while len(list(folder.glob(pattern))) < count and time.monotonic() < deadline:
            time.sleep(0.01)


def run_once(command: Command) -> float:
    env = {**CHILD_ENV, **command.env}
    fresh = None
    if command.empty_cache is not None:
        # A new empty folder for each run, all removed at the end: deleting the last run's
        # entry just before this one would time the file system's clean-up with it.
        command.empty_cache.mkdir(exist_ok=True)
        fresh = Path(tempfile.mkdtemp(dir=command.empty_cache))
        env["MLREADY_CACHE_DIR"] = str(fresh)
    if command.forget is not None:
        for entry in Path(env["MLREADY_CACHE_DIR"]).glob(command.forget):
            entry.unlink()
    start = time.perf_counter()
    process = subprocess.Popen(
        command.argv,
        cwd=command.cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: the gate failed, which is a normal outcome
        raise SystemExit(f"{command.name}: exit {process.returncode} ({' '.join(command.argv)})")
    command.seconds.append(elapsed)
    if ADOPTS:
        # A run writes its cache entries after it ends, from a child it does not wait for:
        # that child ends before the next run starts, whose time it would otherwise share.
        _reap()
    elif fresh is not None or command.forget is not None:
        _settle(command, Path(env["MLREADY_CACHE_DIR"]))
    # ru_maxrss is in KiB on Linux.
    command.peak_bytes = max(command.peak_bytes, usage.ru_maxrss * 1024)
    return elapsed


def commands(
    work: Path, *, quick: bool, only: str | None = None, against: Path | None = None
) -> list[Command]:
    """The commands to time; with `only`, those whose name holds it (and the floor). Nothing
    is generated for a command left out."""

    def wanted(name: str) -> bool:
        return only is None or only in name or name == FLOOR

    python = sys.executable
    mlready = [python, "-m", "mlready"]
    script = Path(python).with_name("mlready")
    if script.exists():
        mlready = [str(script)]
    warm = {"MLREADY_CACHE_DIR": str(work / "cache")}
    off = {"MLREADY_CACHE_DIR": ""}
    # The review on its own in a folder, as a user's project holds it; not in the work folder,
    # whose generated banks, caches and repository the built-in bank's probes would scan.
    alone = work / "review"
    alone.mkdir()
    shutil.copy(work / "mlready.yaml", alone / "mlready.yaml")
    report = ["report", "-o", "-"]
    html = [*report, "--format", "html"]
    # The report with the bank cache warm but without compiled templates: a cache of its own,
    # from which they are removed before each run.
    no_templates = {"MLREADY_CACHE_DIR": str(work / "cache-no-templates")}
    listed = [
        Command(FLOOR, [python, "-c", "pass"], work),
        Command("floor app --help", [python, str(HERE / "floor_app.py"), "--help"], work),
        Command("floor app", [python, str(HERE / "floor_app.py")], work),
        Command("mlready --help", [*mlready, "--help"], work, env=warm),
        Command("mlready check", [*mlready, "check"], alone, env=warm),
        Command("mlready check, cache off", [*mlready, "check"], alone, env=off),
        Command(
            "mlready check, in Chinese", [*mlready, "check", "--lang", "zh-CN"], alone, env=warm
        ),
        Command("mlready report", [*mlready, *report], alone, env=warm),
        Command("mlready report, html", [*mlready, *html], alone, env=warm),
        Command("mlready report, cache off", [*mlready, *report], alone, env=off),
        Command(
            "mlready report, templates not compiled",
            [*mlready, *report],
            alone,
            env=no_templates,
            forget="template-*.bin",
        ),
        Command(
            "mlready report, html, templates not compiled",
            [*mlready, *html],
            alone,
            env=no_templates,
            forget="template-*.bin",
        ),
    ]
    # A report's first run (a new CI runner's): it compiles the templates and keeps them.
    listed.append(
        Command(
            "mlready report, empty cache",
            [*mlready, *report],
            alone,
            empty_cache=work / "cache-report-first",
        )
    )
    # A review in a git repository of a few files, as a pre-commit hook or CI step runs it:
    # the bank's probes (if any) list the files through git.
    if wanted("mlready check, in a git repository"):
        review = work / "git-review"
        review.mkdir()
        shutil.copy(work / "mlready.yaml", review / "mlready.yaml")
        (review / "src").mkdir()
        (review / "src" / "train.py").write_text("import pandas\n", encoding="utf-8")
        (review / "README.md").write_text("# A model\n", encoding="utf-8")
        git = ["git", "-c", "user.name=benchmark", "-c", "user.email=benchmark@example.com"]
        for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "A review"]):
            subprocess.run([*git, *args], cwd=review, check=True)
        listed.append(
            Command("mlready check, in a git repository", [*mlready, "check"], review, env=warm)
        )
    deon = shutil.which("deon") or str(Path(python).with_name("deon"))
    if Path(deon).exists():
        listed.append(Command("deon -o x.md", [deon, "-o", str(work / "x.md")], work))
    sizes = [1000] if quick else [1000, 10000]
    for size in sizes:
        if not any(wanted(f"mlready {verb}, {size:,} questions") for verb in ("check", "report")):
            continue
        folder = work / str(size)
        subprocess.run([python, str(HERE / "generate.py"), str(size), str(folder)], check=True)
        for verb, extra in (("check", []), ("report", ["-o", "-"])):
            for suffix, env in (("", warm), (", cache off", off)):
                listed.append(
                    Command(
                        f"mlready {verb}, {size:,} questions{suffix}",
                        [*mlready, verb, "--bank", "bank.yaml", "mlready.yaml", *extra],
                        folder,
                        large=size > 1000,
                        env=env,
                    )
                )
        if against is not None and size == 1000:
            # Another mlready (an earlier release, another branch) with a warm cache of its
            # own, on the same bank and answers: the built-in banks of two releases differ, a
            # generated one both read.
            theirs = {"MLREADY_CACHE_DIR": str(work / "cache-against")}
            inputs = ["report", "--bank", "bank.yaml", "mlready.yaml", "-o", "-"]
            for form, extra in (("", []), (", html", ["--format", "html"])):
                name = f"mlready report{form}, 1,000 questions"
                if form:
                    listed.append(Command(name, [*mlready, *inputs, *extra], folder, env=warm))
                listed.append(
                    Command(f"{name}, against", [str(against), *inputs, *extra], folder, env=theirs)
                )
        # The one run that pays for the cache: it parses the bank and writes the entry.
        first = work / f"cache-{size}"
        listed.append(
            Command(
                f"mlready check, {size:,} questions, empty cache",
                [*mlready, "check", "--bank", "bank.yaml", "mlready.yaml"],
                folder,
                large=size > 1000,
                empty_cache=first,
            )
        )
    listed += _portfolios(work, mlready, against=against, wanted=wanted, quick=quick)
    if not wanted("mlready scan, 20,000 files"):
        return [command for command in listed if wanted(command.name)]
    repository = work / "repository"
    subprocess.run(
        [python, str(HERE / "generate.py"), "--repository", "20000", str(repository)], check=True
    )
    listed += [
        Command(
            "mlready scan, 20,000 files",
            [*mlready, "scan", "mlready.yaml"],
            repository,
            large=True,
            env=warm,
        ),
        Command(
            "scan floor, 20,000 files",
            [python, str(HERE / "scan_reference.py")],
            repository,
            large=True,
        ),
    ]
    return [command for command in listed if wanted(command.name)]


PORTFOLIO_SIZES = (1000, 5000, 10000)


def _portfolios(
    work: Path,
    mlready: list[str],
    *,
    against: Path | None,
    wanted: Callable[[str], bool],
    quick: bool,
) -> list[Command]:
    """`portfolio` over 1,000, 5,000 and 10,000 answers files: its memory must not grow with
    the reviews, nor its time per review. The reviews are copies of one answers file of a
    generated bank of 300 questions, which both sides read when another mlready is compared
    (their built-in banks differ, and a review's cost grows with its bank)."""
    listed: list[Command] = []
    sizes = list(PORTFOLIO_SIZES[:1] if quick else PORTFOLIO_SIZES)
    sizes = [size for size in sizes if wanted(f"mlready portfolio, {size:,} answers files")]
    if not sizes:
        return listed
    generated = work / "portfolio-bank"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "300", str(generated)], check=True)
    bank = generated / "bank.yaml"
    answers = (generated / "mlready.yaml").read_bytes()
    for size in sizes:
        name = f"mlready portfolio, {size:,} answers files"
        folder = work / f"portfolio-{size}"
        (folder / "models").mkdir(parents=True)
        for number in range(size):
            (folder / "models" / f"m{number:05}.yaml").write_bytes(answers)
        argv = ["portfolio", "models/*.yaml", "--bank", str(bank), "--no-history"]
        argv += ["--today", "2026-12-01", "-o", "-"]
        cache = {"MLREADY_CACHE_DIR": str(work / "cache")}
        listed.append(Command(name, [*mlready, *argv], folder, large=size > 1000, env=cache))
        if against is not None:
            theirs = {"MLREADY_CACHE_DIR": str(work / "cache-against")}
            listed.append(
                Command(f"{name}, against", [str(against), *argv], folder, large=True, env=theirs)
            )
    return listed


def pairs() -> list[Pair]:
    """Every side-by-side target."""
    listed = [
        Pair("`mlready --help` within 1.3x the floor app's `--help`", "mlready --help",
             "floor app --help", 1.3),
        Pair("`mlready check` within 1.3x the floor app", "mlready check", "floor app", 1.3),
        Pair("`mlready check` at most 0.9x `deon -o x.md`", "mlready check", "deon -o x.md", 0.9),
        Pair("`mlready check` in a git repository at most 0.9x `deon -o x.md`",
             "mlready check, in a git repository", "deon -o x.md", 0.9),
        Pair("`mlready check --lang zh-CN` within 1.1x `mlready check`",
             "mlready check, in Chinese", "mlready check", 1.1),
        Pair("`mlready report --format html` within 1.5x the Markdown report",
             "mlready report, html", "mlready report", 1.5),
    ]  # fmt: skip
    for form in ("", ", html"):
        listed.append(
            Pair(
                f"the compiled templates never slower: `mlready report{form}`, with / without them",
                f"mlready report{form}",
                f"mlready report{form}, templates not compiled",
                1.0,
            )
        )
        listed.append(
            Pair(
                f"`mlready report{form}` of 1,000 questions no slower than the mlready compared "
                "with (--against)",
                f"mlready report{form}, 1,000 questions",
                f"mlready report{form}, 1,000 questions, against",
                1.0,
            )
        )
    for name in (
        "mlready check",
        "mlready check, 1,000 questions",
        "mlready report, 1,000 questions",
        "mlready check, 10,000 questions",
        "mlready report, 10,000 questions",
    ):
        listed.append(
            Pair(f"the cache never slower: `{name}`, warm / off", name, f"{name}, cache off", 1.0)
        )
    for size in ("1,000", "10,000"):
        name = f"mlready check, {size} questions"
        listed.append(
            Pair(
                f"the cache never slower: `{name}`, empty cache (writing the entry) / off",
                f"{name}, empty cache",
                f"{name}, cache off",
                1.0,
            )
        )
    listed.append(
        Pair(
            "the cache never slower: `mlready report`, empty cache (compiling and keeping the "
            "templates, writing the bank's entry) / off",
            "mlready report, empty cache",
            "mlready report, cache off",
            1.0,
        )
    )
    for verb in ("check", "report"):
        for suffix in ("", ", cache off"):
            listed.append(
                Pair(
                    f"`mlready {verb}`{suffix}: 10x the questions, at most 8x the time",
                    f"mlready {verb}, 10,000 questions{suffix}",
                    f"mlready {verb}, 1,000 questions{suffix}",
                    8,
                )
            )
    for size in ("1,000", "10,000"):
        listed.append(
            Pair(
                f"`mlready portfolio` of {size} answers files: no slower per review than the "
                "mlready compared with (--against)",
                f"mlready portfolio, {size} answers files",
                f"mlready portfolio, {size} answers files, against",
                1.0,
            )
        )
    listed.append(
        Pair(
            "`mlready portfolio`: 10x the answers files, at most 10x the time (as fast per review)",
            "mlready portfolio, 10,000 answers files",
            "mlready portfolio, 1,000 answers files",
            10,
        )
    )
    listed.append(
        Pair(
            "`mlready scan` within 1.5x its floor (read each tracked file under 1 MiB once, "
            "search it once for one pattern), in the same run",
            "mlready scan, 20,000 files",
            "scan floor, 20,000 files",
            1.5,
        )
    )
    return listed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="pairs of runs of each target")
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=5,
        help="pairs on the 10,000-question bank and the 20,000-file repository",
    )
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-question bank")
    parser.add_argument(
        "--only",
        metavar="TEXT",
        help="time only the commands whose name holds TEXT (e.g. 'scan'), beside the floor; "
        "the results are printed, and written only to a --results named",
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="MLREADY",
        help="another mlready command (e.g. another checkout's venv/bin/mlready): its reports "
        "are timed side by side with this one's",
    )
    parser.add_argument("--results", type=Path, help="where to write them [default: RESULTS.md]")
    options = parser.parse_args()
    if options.results is None and options.only is None:
        options.results = HERE / "RESULTS.md"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copy(ROOT / "examples" / "ecommerce-categoriser.yaml", work / "mlready.yaml")
        listed = commands(work, quick=options.quick, only=options.only, against=options.against)
        by_name = {command.name: command for command in listed}
        targets = [pair for pair in pairs() if pair.mine in by_name and pair.theirs in by_name]
        for command in listed:  # a warm-up run each: file caches, byte-code, the caches
            run_once(command)
            command.seconds.clear()
            command.peak_bytes = 0  # it may have written the cache: not the run measured
        paired = {pair.mine for pair in targets} | {pair.theirs for pair in targets}
        alone = [command for command in listed if command.name not in paired]
        for round_ in range(options.repeat):
            for pair in targets:
                mine, theirs = by_name[pair.mine], by_name[pair.theirs]
                if (mine.large or theirs.large) and round_ >= options.repeat_large:
                    continue
                # The order alternates (A B, B A, ...): the side run second would otherwise
                # always find the files, the page cache and the CPU as the first left them.
                if round_ % 2:
                    second = run_once(theirs)
                    pair.ratios.append(run_once(mine) / second)
                else:
                    first = run_once(mine)
                    pair.ratios.append(first / run_once(theirs))
            for command in alone:
                if not command.large or round_ < options.repeat_large:
                    run_once(command)
    report = render(listed, targets, options)
    print(report)
    if options.results is not None:
        options.results.write_text(report, encoding="utf-8")


def render(listed: list[Command], targets: list[Pair], options: argparse.Namespace) -> str:
    by_name = {command.name: command for command in listed}
    floor = by_name[FLOOR]
    lines = [
        "# Benchmark results",
        "",
        f"{dt.date.today()} · Python {platform.python_version()} · {platform.machine()} · "
        f"{os.cpu_count()} cores · {options.repeat} pairs of runs for each side-by-side target "
        f"({options.repeat_large} on the 10,000-question bank and the 20,000-file repository). "
        "Rerun: `python benchmarks/run.py`.",
        *(
            ["", f"Compared with (`--against`): `{options.against}`."]
            if options.against is not None
            else []
        ),
        "",
        "Every run of each command (a command takes part in several pairs):",
        "",
        "| Command | Runs | Best (ms) | Median (ms) | Best / `python -c pass` "
        "| Peak memory (MiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for command in listed:
        lines.append(
            f"| `{command.name}` | {len(command.seconds)} | {command.best * 1000:.0f} | "
            f"{command.median * 1000:.0f} | {command.best / floor.best:.2f} | "
            f"{command.peak_bytes / MIB:.0f} |"
        )
    lines += [
        "",
        "## Side by side",
        "",
        "Each pair is the two commands run back to back, in turns (A B, B A, ...); the ratio is "
        "A / B, "
        "the median of the pairs' ratios, with their min and max.",
        "",
        "| Target | Pairs | Median | Min | Max | Met |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for pair in targets:
        median = statistics.median(pair.ratios)
        lines.append(
            f"| {pair.title} | {len(pair.ratios)} | {median:.2f}x | {min(pair.ratios):.2f}x | "
            f"{max(pair.ratios):.2f}x | {'yes' if median <= pair.limit else '**no**'} |"
        )
    lines += ["", "## Absolute", "", "| Target | Measured | Met |", "| --- | --- | --- |"]

    def target(text: str, value: float | None, limit: float, unit: str) -> None:
        if value is None:
            if options.only is None:  # with --only, what was left out is not news
                lines.append(f"| {text} | not measured | |")
            return
        shown = f"{value:.1f} MiB" if unit == "MiB" else f"{value:.0f} {unit}"
        lines.append(f"| {text} | {shown} | {'yes' if value <= limit else '**no**'} |")

    for verb, limit in (("check", 400), ("report", 600)):
        big = by_name.get(f"mlready {verb}, 10,000 questions")
        target(
            f"`mlready {verb}` of 10,000 questions under {limit / 1000:g} s (best)",
            big.best * 1000 if big else None,
            limit,
            "ms",
        )
        cold = by_name.get(f"mlready {verb}, 10,000 questions, cache off")
        target(
            f"`mlready {verb}` of 10,000 questions, cache off, under 2 s (best)",
            cold.best * 1000 if cold else None,
            2000,
            "ms",
        )
    scanned = by_name.get("mlready scan, 20,000 files")
    target(
        "`mlready scan` of a repository of 20,000 files under 1 s (best)",
        scanned.best * 1000 if scanned else None,
        1000,
        "ms",
    )
    target(
        "peak memory of `mlready scan`, 20,000 files",
        scanned.peak_bytes / MIB if scanned else None,
        60,
        "MiB",
    )
    for name, title in (
        ("mlready check", "peak memory of `mlready check`, built-in bank"),
        ("mlready check, cache off", "peak memory of `mlready check`, built-in bank, cache off"),
    ):
        measured = by_name.get(name)
        target(title, measured.peak_bytes / MIB if measured else None, 25, "MiB")
    big = by_name.get("mlready check, 10,000 questions")
    target(
        "peak memory of `mlready check`, 10,000 questions",
        big.peak_bytes / MIB if big else None,
        250,
        "MiB",
    )
    # One scorecard at a time: the memory of a portfolio does not grow with its reviews.
    small = by_name.get("mlready portfolio, 1,000 answers files")
    for size in ("5,000", "10,000"):
        large = by_name.get(f"mlready portfolio, {size} answers files")
        ratio = large.peak_bytes / small.peak_bytes if large and small else None
        shown = f"{ratio:.2f}x" if ratio is not None else "not measured"
        if large and small:
            shown += f" ({large.peak_bytes / MIB:.0f} / {small.peak_bytes / MIB:.0f} MiB)"
        met = "" if ratio is None else "yes" if ratio <= 1.5 else "**no**"
        if ratio is not None or options.only is None:
            lines.append(
                f"| peak memory of `mlready portfolio` over {size} answers files at most 1.5x "
                f"that over 1,000 | {shown} | {met} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
