"""Shared fixtures: small banks and answers files written to tmp_path, real git repositories.

What tests share that is not a fixture (texts, builders, ways to run mlready) is in
tests/helpers/; test modules import from there, never from here or from each other.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

# Before the helpers are imported, so that their asserts say what failed, as a test's do.
pytest.register_assert_rewrite("tests.helpers")

from mlready.core.answers import Answers, answers_from_document  # noqa: E402
from mlready.core.bank import bank_from_document  # noqa: E402
from mlready.core.model import Bank  # noqa: E402
from mlready.io.yamlio import parse_yaml  # noqa: E402
from tests.helpers.review_history import review_history  # noqa: E402
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    """The suite starts hundreds of mlready processes. Where the environment forbids byte-code
    caches (PYTHONDONTWRITEBYTECODE, as some CI images set), each would compile every module it
    imports again; as on a user's machine, the first writes the caches the others read."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder as a user's is after a few runs: the built-in bank in both languages and
    the report templates, made once per test process by the commands a user runs."""
    from tests.helpers.commands import run
    from tests.helpers.languages import speaking

    folder = tmp_path_factory.mktemp("warm-cache")
    # A copy outside the checkout: in it, each report would also read the example's history,
    # one git process per revision of it, for nothing the cache keeps (its entries are the same).
    output = tmp_path_factory.mktemp("warm-output")
    example = output / "on-device-vision.yaml"
    shutil.copy(Path(__file__).resolve().parent.parent / "examples" / example.name, example)
    previous = os.environ.get("MLREADY_CACHE_DIR")
    os.environ["MLREADY_CACHE_DIR"] = str(folder)
    try:
        # `--lang` is read from the process's own command line (mlready.cli.main), not by the
        # app a test invokes: the language is chosen as tests choose it.
        for language in ("en", "zh-CN"):
            for name in ("r.md", "r.html"):
                with speaking(language):
                    run("report", example, "--no-scan", "-o", output / name, "--force")
    finally:
        if previous is None:
            del os.environ["MLREADY_CACHE_DIR"]
        else:
            os.environ["MLREADY_CACHE_DIR"] = previous
    return folder


@pytest.fixture(autouse=True)
def private_cache(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """Every test (and every process it starts) caches banks in a folder of its own: a copy
    of the warm one (parsing the built-in bank again in every test would be most of the
    suite's time), or an empty one for a test marked `cold_cache`, which watches what the
    cache does from nothing."""
    folder = tmp_path_factory.mktemp("cache")
    if request.node.get_closest_marker("cold_cache") is None:
        warm: Path = request.getfixturevalue("warm_cache")
        for entry in warm.iterdir():
            _share(entry, folder / entry.name)
    monkeypatch.setenv("MLREADY_CACHE_DIR", str(folder))
    return folder


def _share(entry: Path, copy: Path) -> None:
    """A warm cache file in a test's folder: the entries linked (mlready replaces an entry by
    renaming a new file over it, never writing into it, so no test changes another's; tests
    that damage entries in place start cold), the key copied (a test may change its mode).
    Copying them all for every test wrote gigabytes a run."""
    if entry.name.endswith((".json", ".bin")):
        try:
            os.link(entry, copy)
            return
        except OSError:  # another file system, or links not allowed: a copy does the same
            pass
    shutil.copy2(entry, copy)


@pytest.fixture
def small_bank() -> Bank:
    return bank_from_document(parse_yaml(SMALL_BANK, source="small.yaml"))


@pytest.fixture
def parse_answers(small_bank: Bank) -> Callable[[str], Answers]:
    def parse(text: str) -> Answers:
        return answers_from_document(parse_yaml(text, source="answers.yaml"), small_bank)

    return parse


@pytest.fixture
def bank_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_BANK, encoding="utf-8")
    return path


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "mlready.yaml"
    path.write_text(BEST_ANSWERS, encoding="utf-8")
    return path


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fixed author, and no configuration of the machine's user or system."""
    for key, value in {
        "GIT_AUTHOR_NAME": "Ada | **b** `t` & x",
        "GIT_AUTHOR_EMAIL": "ada@example.com",
        "GIT_COMMITTER_NAME": "Ada",
        "GIT_COMMITTER_EMAIL": "ada@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }.items():
        monkeypatch.setenv(key, value)


@pytest.fixture
def history_repo(tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository of `review_history`, the current folder while the test runs."""
    root = review_history(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


# Fixture repositories hold tests of their own projects, which are data here, not tests.
collect_ignore = ["data"]
