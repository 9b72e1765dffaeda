"""Times mlready against its floors, side by side in one run, and writes RESULTS.md.

Every command runs as a whole process, round robin, so that a busy moment of the machine hits
all of them alike; times are compared as ratios of best (and median) runs, never as absolutes.

    python benchmarks/run.py            # 20 runs each (5 on the largest bank and repository)
    python benchmarks/run.py --repeat 5 --quick
    python benchmarks/run.py --only scan   # the scan of 20,000 files, and the floor


mlready runs with a cache of validated banks in a folder of the benchmark's own, warmed by a
first run, as a user's machine has one; the generated banks are also timed with the cache off
(MLREADY_CACHE_DIR empty), so that the cache is seen never to cost more than it saves.
`deon` (the ethics-checklist CLI) is a peer to compare with: `pip install deon` to include it.
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
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MIB = 1024 * 1024


@dataclass
class Command:
    name: str
    argv: list[str]
    cwd: Path
    large: bool = False
    env: dict[str, str] = field(default_factory=dict)  # on top of CHILD_ENV
    empty_cache: Path | None = None  # where each run gets a new, empty cache folder
    seconds: list[float] = field(default_factory=list)
    peak_bytes: int = 0

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


# Children may write byte-code caches, as Python does on a user's machine; without them every
# run would compile every module again and time the compiler instead of the command.
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: Command) -> None:
    env = {**CHILD_ENV, **command.env}
    fresh = None
    if command.empty_cache is not None:
        # A new empty folder for each run, all removed at the end: deleting the last run's
        # entry just before this one would time the file system's clean-up with it.
        command.empty_cache.mkdir(exist_ok=True)
        fresh = Path(tempfile.mkdtemp(dir=command.empty_cache))
        env["MLREADY_CACHE_DIR"] = str(fresh)
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
    if fresh is not None:
        # The run writes its cache entry after it ends, from a child it does not wait for:
        # let that finish before the next run, whose time it would otherwise share.
        deadline = time.monotonic() + 10
        while not list(fresh.glob("bank-*.json")) and time.monotonic() < deadline:
            time.sleep(0.01)
    # ru_maxrss is in KiB on Linux.
    command.peak_bytes = max(command.peak_bytes, usage.ru_maxrss * 1024)


def commands(work: Path, *, quick: bool, only: str | None = None) -> list[Command]:
    """The commands to time; with `only`, those whose name holds it (and the floor, which
    every ratio needs). Nothing is generated for a command left out."""

    def wanted(name: str) -> bool:
        return only is None or only in name or name == "python -c pass"

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
    listed = [
        Command("python -c pass", [python, "-c", "pass"], work),
        Command("floor app --help", [python, str(HERE / "floor_app.py"), "--help"], work),
        Command("floor app", [python, str(HERE / "floor_app.py")], work),
        Command("mlready --help", [*mlready, "--help"], work, env=warm),
        Command("mlready check", [*mlready, "check"], alone, env=warm),
        Command("mlready check, cache off", [*mlready, "check"], alone, env=off),
        Command(
            "mlready check, in Chinese", [*mlready, "check", "--lang", "zh-CN"], alone, env=warm
        ),
        Command("mlready report", [*mlready, "report", "-o", "-"], alone, env=warm),
        Command(
            "mlready report, html",
            [*mlready, "report", "-o", "-", "--format", "html"],
            alone,
            env=warm,
        ),
    ]
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
    if not wanted("mlready scan, 20,000 files"):
        return [command for command in listed if wanted(command.name)]
    repository = work / "repository"
    subprocess.run(
        [python, str(HERE / "generate.py"), "--repository", "20000", str(repository)], check=True
    )
    listed.append(
        Command(
            "mlready scan, 20,000 files",
            [*mlready, "scan", "mlready.yaml"],
            repository,
            large=True,
            env=warm,
        )
    )
    return [command for command in listed if wanted(command.name)]


def ratio(
    numerator: Command | None, denominator: Command | None, *, median: bool = False
) -> float | None:
    if numerator is None or denominator is None:
        return None
    if median:
        # Side by side: the two ran one after the other in each round, so a busy moment of the
        # machine slows both; the median of those per-round ratios is steadier than the ratio
        # of two medians, when the two ran the same rounds.
        pairs = zip(numerator.seconds, denominator.seconds, strict=False)
        if len(numerator.seconds) == len(denominator.seconds):
            return statistics.median(mine / theirs for mine, theirs in pairs)
        return numerator.median / denominator.median
    return numerator.best / denominator.best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="runs of each command")
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=5,
        help="runs on the 10,000-question bank and the 20,000-file repository",
    )
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-question bank")
    parser.add_argument(
        "--only",
        metavar="TEXT",
        help="time only the commands whose name holds TEXT (e.g. 'scan'), beside the floor; "
        "the results are printed, and written only to a --results named",
    )
    parser.add_argument("--results", type=Path, help="where to write them [default: RESULTS.md]")
    options = parser.parse_args()
    if options.results is None and options.only is None:
        options.results = HERE / "RESULTS.md"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copy(ROOT / "examples" / "ecommerce-categoriser.yaml", work / "mlready.yaml")
        listed = commands(work, quick=options.quick, only=options.only)
        for command in listed:  # a warm-up run each: file caches, byte-code, the bank cache
            run_once(command)
            command.seconds.clear()
            command.peak_bytes = 0  # it may have written the cache: not the run measured
        for round_ in range(options.repeat):
            for command in listed:
                if not command.large or round_ < options.repeat_large:
                    run_once(command)
    report = render(listed, options)
    print(report)
    if options.results is not None:
        options.results.write_text(report, encoding="utf-8")


def render(listed: list[Command], options: argparse.Namespace) -> str:
    by_name = {command.name: command for command in listed}
    floor = by_name["python -c pass"]
    lines = [
        "# Benchmark results",
        "",
        f"{dt.date.today()} · Python {platform.python_version()} · {platform.machine()} · "
        f"{os.cpu_count()} cores · {options.repeat} runs each "
        f"({options.repeat_large} on the 10,000-question bank and the 20,000-file repository). "
        "Rerun: `python benchmarks/run.py`.",
        "",
        "| Command | Best (ms) | Median (ms) | Best / `python -c pass` | Peak memory (MiB) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for command in listed:
        lines.append(
            f"| `{command.name}` | {command.best * 1000:.0f} | {command.median * 1000:.0f} | "
            f"{command.best / floor.best:.2f} | {command.peak_bytes / MIB:.0f} |"
        )
    lines += ["", "## Targets", "", "| Target | Measured | Met |", "| --- | --- | --- |"]

    def target(text: str, value: float | None, limit: float, unit: str = "x") -> None:
        if value is None:
            if options.only is None:  # with --only, what was left out is not news
                lines.append(f"| {text} | not measured | |")
            return
        shown = {"x": f"{value:.2f}x", "MiB": f"{value:.1f} MiB"}.get(unit, f"{value:.0f} {unit}")
        lines.append(f"| {text} | {shown} | {'yes' if value <= limit else '**no**'} |")

    target(
        "`mlready --help` within 1.3x the floor app's `--help`",
        ratio(by_name.get("mlready --help"), by_name.get("floor app --help")),
        1.3,
    )
    target(
        "`mlready check` within 1.3x the floor app",
        ratio(by_name.get("mlready check"), by_name.get("floor app")),
        1.3,
    )
    target(
        "`mlready check` within 1.5x `deon -o x.md`",
        ratio(by_name.get("mlready check"), by_name.get("deon -o x.md")),
        1.5,
    )
    target(
        "`mlready check` at most 0.9x `deon -o x.md` (median of per-round ratios)",
        ratio(by_name.get("mlready check"), by_name.get("deon -o x.md"), median=True),
        0.9,
    )
    target(
        "`mlready check` in a git repository at most 0.9x `deon -o x.md` "
        "(median of per-round ratios)",
        ratio(
            by_name.get("mlready check, in a git repository"),
            by_name.get("deon -o x.md"),
            median=True,
        ),
        0.9,
    )
    for verb, limit in (("check", 400), ("report", 600)):
        big = by_name.get(f"mlready {verb}, 10,000 questions")
        target(
            f"`mlready {verb}` of 10,000 questions under {limit / 1000:g} s",
            big.best * 1000 if big else None,
            limit,
            "ms",
        )
        cold = by_name.get(f"mlready {verb}, 10,000 questions, cache off")
        target(
            f"`mlready {verb}` of 10,000 questions, cache off, under 2 s",
            cold.best * 1000 if cold else None,
            2000,
            "ms",
        )
        for suffix in ("", ", cache off"):
            target(
                f"`mlready {verb}`{suffix}: 10x the questions, at most 8x the time",
                ratio(
                    by_name.get(f"mlready {verb}, 10,000 questions{suffix}"),
                    by_name.get(f"mlready {verb}, 1,000 questions{suffix}"),
                ),
                8,
            )
    for name in (
        "mlready check",
        "mlready check, 1,000 questions",
        "mlready report, 1,000 questions",
        "mlready check, 10,000 questions",
        "mlready report, 10,000 questions",
    ):
        target(
            f"the cache never slower: `{name}`, warm / off (median of per-round ratios)",
            ratio(by_name.get(name), by_name.get(f"{name}, cache off"), median=True),
            1.0,
        )
    for size in ("1,000", "10,000"):
        name = f"mlready check, {size} questions"
        target(
            f"the cache never slower: `{name}`, empty cache (writing the entry) / off "
            "(median of per-round ratios)",
            ratio(
                by_name.get(f"{name}, empty cache"), by_name.get(f"{name}, cache off"), median=True
            ),
            1.0,
        )
    scanned = by_name.get("mlready scan, 20,000 files")
    target(
        "`mlready scan` of a repository of 20,000 files under 1 s",
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
    target(
        "`mlready check --lang zh-CN` within 1.1x `mlready check` (median of per-round ratios)",
        ratio(by_name.get("mlready check, in Chinese"), by_name.get("mlready check"), median=True),
        1.1,
    )
    html = by_name.get("mlready report, html")
    target(
        "`mlready report --format html` within 1.5x the Markdown report",
        ratio(html, by_name.get("mlready report")),
        1.5,
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
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
