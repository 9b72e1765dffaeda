"""The cache of validated banks: used when it matches, ignored when it does not."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from mlready.io import bank_file as bank_file_module
from mlready.io.bank_file import load_bank
from mlready.io.cache import CACHE_ENV, cache_dir
from tests.helpers.cache_entries import written_entries
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

# What the cache does from nothing: each test starts with an empty cache folder.
pytestmark = pytest.mark.cold_cache


def test_a_bank_is_cached_and_read_back_the_same(bank_file: Path, private_cache: Path) -> None:
    first = load_bank(bank_file)
    (entry,) = private_cache.glob("bank-*.json")
    again = load_bank(bank_file)
    assert again == first
    assert again.questions.keys() == first.questions.keys()
    assert list(private_cache.glob("bank-*.json")) == [entry]


def test_an_edited_bank_is_read_again(bank_file: Path) -> None:
    load_bank(bank_file)
    bank_file.write_text(SMALL_BANK.replace("title: Small bank", "title: Smaller bank"))
    assert load_bank(bank_file).title == "Smaller bank"
    bank_file.write_text(SMALL_BANK.replace("title: Small bank", "title: Other bank"))
    os.utime(bank_file, ns=(1, 1))  # the same size, another time
    assert load_bank(bank_file).title == "Other bank"


def test_an_edit_that_keeps_size_and_time_is_read_again(bank_file: Path) -> None:
    load_bank(bank_file)
    before = bank_file.stat()
    bank_file.write_text(SMALL_BANK.replace("title: Small bank", "title: Large bank"))
    os.utime(bank_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert bank_file.stat().st_size == before.st_size
    assert load_bank(bank_file).title == "Large bank"


def test_a_hit_neither_parses_nor_checks_the_bank(
    bank_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_bank(bank_file)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(bank_file_module, "parse_yaml", refuse)
    assert load_bank(bank_file) == first


def test_entries_hold_what_the_bank_says_not_its_defaults(
    bank_file: Path, private_cache: Path
) -> None:
    load_bank(bank_file)
    (entry,) = private_cache.glob("bank-*.json")
    text = entry.read_text()
    assert '"Partly"' not in text  # a check's default options are not written out
    assert "null" not in text
    assert "Rehearse a rollback." in text


def test_an_entry_for_other_bank_bytes_is_not_used(
    bank_file: Path, tmp_path: Path, private_cache: Path
) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(SMALL_BANK.replace("title: Small bank", "title: From elsewhere"))
    load_bank(other)
    (foreign,) = private_cache.glob("bank-*.json")
    load_bank(bank_file)
    (entry,) = set(private_cache.glob("bank-*.json")) - {foreign}
    entry.write_bytes(foreign.read_bytes())  # a valid entry, under the name of another
    assert load_bank(bank_file).title == "Small bank"


@pytest.mark.parametrize("damage", ["", "{", '{"bank": "small"}', "[1, 2]", "\x00\x01"])
def test_a_damaged_entry_is_ignored(bank_file: Path, private_cache: Path, damage: str) -> None:
    expected = load_bank(bank_file)
    (entry,) = private_cache.glob("bank-*.json")
    entry.write_text(damage)
    assert load_bank(bank_file) == expected


def test_an_invalid_bank_is_never_cached(tmp_path: Path, private_cache: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL_BANK.replace("severity: minor", "severity: low"))
    with pytest.raises(Exception, match="severity must be one of"):
        load_bank(bad)
    assert list(private_cache.iterdir()) == []


def test_layered_banks_are_not_cached_but_their_base_is(
    tmp_path: Path, private_cache: Path
) -> None:
    layer = tmp_path / "layer.yaml"
    layer.write_text("bank: strict\nversion: 1\nextends: default\ndisable: [data.owner]\n")
    bank = load_bank(layer)
    assert "data.owner" not in bank.questions
    assert len(list(private_cache.glob("bank-*.json"))) == 1  # the built-in base only


def test_the_cache_can_be_turned_off_or_unwritable(
    bank_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_dir() is None
    assert load_bank(bank_file).ref == "small@1"
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv(CACHE_ENV, str(blocked))
    assert load_bank(bank_file).ref == "small@1"


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "mlready"


def test_entries_unused_for_a_month_are_removed(bank_file: Path, private_cache: Path) -> None:
    from mlready.io.cache import _HEADER

    stale = private_cache / "bank-00000000.json"
    stale.write_bytes(_HEADER + b"0\n{}")
    os.utime(stale, (1, 1))
    fresh = private_cache / "bank-11111111.json"
    fresh.write_bytes(_HEADER + b"0\n{}")
    # MLREADY_CACHE_DIR may name a folder with a person's files: old, but not mlready's.
    theirs = private_cache / "bank-statement.json"
    theirs.write_text('{"balance": 12}')
    os.utime(theirs, (1, 1))
    load_bank(bank_file)
    names = {path.name for path in private_cache.glob("bank-*.json")}
    assert stale.name not in names
    assert {fresh.name, theirs.name} <= names
    assert len(names) == 3


def test_an_upgrade_of_any_module_that_shapes_a_bank_misses_the_cache(bank_file: Path) -> None:
    import mlready.core.vocabulary
    from mlready.io.cache import _code_state, _key

    before = _key(bank_file.read_bytes())
    vocabulary = Path(mlready.core.vocabulary.__file__ or "")
    stat = vocabulary.stat()
    try:
        os.utime(vocabulary, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
        _code_state.cache_clear()  # read once a run: a new run sees the upgrade
        assert _key(bank_file.read_bytes()) != before
    finally:
        os.utime(vocabulary, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        _code_state.cache_clear()


def test_a_missing_cache_folder_is_made_for_this_user_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # As on a new CI runner or in a container: no ~/.cache yet.
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "missing"))
    assert cache_dir() == tmp_path / "missing" / "mlready"
    for folder in (tmp_path / "missing", tmp_path / "missing" / "mlready"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_relative_xdg_cache_home_is_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The XDG base directory rules: a relative path is not a base directory.
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert cache_dir() == tmp_path / ".cache" / "mlready"
    assert not (tmp_path / "relative").exists()


def test_a_cache_folder_that_cannot_be_made_turns_the_cache_off_and_says_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, bank_file: Path
) -> None:
    from mlready.io import cache

    monkeypatch.setattr(cache._Unavailable, "reason", None)
    monkeypatch.delenv(CACHE_ENV)
    # Its parent is missing: a folder above the cache's base is not made (a home, say).
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "no" / "cache"))
    assert cache_dir() is None
    assert not (tmp_path / "no").exists()
    assert load_bank(bank_file).ref == "small@1"
    assert cache.cache_unavailable() == (
        f"{tmp_path / 'no' / 'cache' / 'mlready'}: cannot create the cache folder "
        "(No such file or directory); running without the cache"
    )


def test_a_python_without_its_own_blake2_signs_entries_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The cache takes BLAKE2 and the constant-time comparison from CPython's own modules, to
    # keep OpenSSL unloaded; where they are missing, hashlib and hmac hand out the same ones.
    import importlib

    from mlready.io import cache

    lean = cache._mac(b"k" * 32, cache._key(b"bank: x\n"), b"{}")
    monkeypatch.setitem(sys.modules, "_blake2", None)  # None: "no such module" on import
    monkeypatch.setitem(sys.modules, "_operator", None)
    try:
        fallback = importlib.reload(cache)
        assert fallback.compare_digest.__module__ != "_operator"
        assert fallback._mac(b"k" * 32, fallback._key(b"bank: x\n"), b"{}") == lean
    finally:
        monkeypatch.undo()
        importlib.reload(cache)


@pytest.mark.slow
def test_the_first_run_writes_the_entry_after_its_output_and_the_next_reads_it(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    cache = tmp_path / "cache"

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mlready", "check", "--bank", "small.yaml", "-f", "json"],
            cwd=tmp_path,
            capture_output=True,  # the run's pipes close when it ends, not when its writer does
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, CACHE_ENV: str(cache)},
        )

    first = check()
    assert first.returncode == 0, first.stderr
    (entry,) = written_entries(cache)
    assert entry.read_bytes().startswith(b"mlready bank cache ")
    assert not list(cache.glob(".bank-*"))  # no temporary file left
    again = check()
    assert again.stdout == first.stdout and again.stderr == first.stderr


def test_a_cache_with_no_key_yet_is_not_searched(
    bank_file: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In a cache no run has written to (a new CI runner's), no entry can pass its MAC: the bank
    # is not hashed to look for one before it is parsed; only the entry written is hashed.
    from mlready.io import cache

    steps: list[str] = []
    real_key, real_parse = cache._key, bank_file_module.parse_yaml

    def hashed(content: bytes) -> str:
        steps.append("hashed")
        return real_key(content)

    def parsed(*args: Any, **kwargs: Any) -> Any:
        steps.append("parsed")
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(cache, "_key", hashed)
    monkeypatch.setattr(bank_file_module, "parse_yaml", parsed)
    assert not list(private_cache.iterdir())
    load_bank(bank_file)
    assert steps == ["parsed", "hashed"]
    assert len(list(private_cache.glob("bank-*.json"))) == 1
    steps.clear()
    load_bank(bank_file)  # now there is a key: the entry is found by its hash
    assert steps == ["hashed"]


def test_models_made_without_their_init_are_the_ones_init_makes() -> None:
    # A hit builds every model of the bank without running its __init__ (see instance_maker):
    # the same fields, defaults and fresh default containers, and still frozen.
    import dataclasses

    from mlready.core.model import AnswerEntry, Option, Question
    from mlready.core.validation import instance_maker

    values = {"id": "data.owner", "prompt": "Who owns it?", "why": "Because."}
    made = instance_maker(Question)(dict(values))
    assert made == Question(**values)  # type: ignore[arg-type]
    assert made.__dict__ == Question(**values).__dict__  # type: ignore[arg-type]
    other = instance_maker(Question)(dict(values))
    assert made.when == {} and made.when is not other.when  # a dict of its own each
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.prompt = "changed"
    with pytest.raises(TypeError, match="prompt"):
        instance_maker(Question)({"id": "data.owner", "why": "Because."})
    assert instance_maker(Option)({"value": "yes"}) == Option(value="yes")
    assert (
        instance_maker(AnswerEntry)({"value": "yes"}).__dict__ == AnswerEntry(value="yes").__dict__
    )


def installed_mlready(
    cwd: Path, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    """A run of the installed `mlready` command."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("mlready")), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )


@pytest.mark.slow
def test_a_home_without_a_cache_folder_gets_one_that_the_next_run_uses(tmp_path: Path) -> None:
    from tests.helpers.small_bank import BEST_ANSWERS

    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    unset = (CACHE_ENV, "XDG_CACHE_HOME")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env["HOME"] = str(home)
    args = ("check", "--bank", "small.yaml", "-f", "json")
    first = installed_mlready(tmp_path, env, *args)
    assert first.returncode == 0, first.stderr
    folder = home / ".cache" / "mlready"
    (entry,) = written_entries(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
    hour_ago = time.time() - 3600
    os.utime(entry, (hour_ago, hour_ago))
    again = installed_mlready(tmp_path, env, *args)
    assert (again.stdout, again.stderr) == (first.stdout, first.stderr)
    assert entry.stat().st_mtime > hour_ago + 60  # read by the second run, which marks it used
    assert list(folder.glob("bank-*.json")) == [entry]


@pytest.mark.slow
def test_a_cache_folder_that_cannot_be_made_is_named_once_under_mlready_debug(
    tmp_path: Path,
) -> None:
    from tests.helpers.small_bank import BEST_ANSWERS

    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    home = tmp_path / "home-is-a-file"
    home.write_text("", encoding="utf-8")
    unset = (CACHE_ENV, "XDG_CACHE_HOME", "MLREADY_DEBUG")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env["HOME"] = str(home)
    # A bank and its translation: two reads of the cache, one line.
    args = ("check", "--bank", "small.yaml", "--lang", "zh-CN")
    quiet = installed_mlready(tmp_path, env, *args)
    told = installed_mlready(tmp_path, {**env, "MLREADY_DEBUG": "1"}, *args)
    assert quiet.returncode == told.returncode == 0, told.stderr
    assert told.stdout == quiet.stdout
    said = told.stderr.removeprefix(quiet.stderr)
    folder = home / ".cache" / "mlready"
    assert said == f"{folder}: 无法创建缓存目录（Not a directory），本次运行不使用缓存\n"
    assert not (tmp_path / ".cache").exists()


def test_a_translated_bank_is_kept_and_an_edited_translation_is_applied_again(
    bank_file: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlready.api import language as language_module
    from mlready.core import translation as translation_module
    from mlready.io.catalogs import speaking

    def translated() -> Any:
        # Each call a new bank object, as a new run reads it (the process memo is per object).
        with speaking("zh-CN"):
            return language_module.translated_bank(load_bank(bank_file))

    bank = load_bank(bank_file)
    head = translation_module.source_hash(translation_module.bank_english(bank))
    level = bank.levels[0]
    level_source = translation_module.source_hash(translation_module.level_english(level))
    translation = bank_file.with_name("small.zh-CN.yaml")

    def write(title: str) -> None:
        translation.write_text(
            f"language: zh-CN\nbank: {{source: {head}, title: {title}}}\n"
            f"levels:\n  {level.name}: {{source: {level_source}, title: 可投产}}\n",
            encoding="utf-8",
        )

    write("小题库")
    first = translated()
    assert first.bank.title == "小题库"
    assert first.bank.levels[0].title == "可投产"  # an internal field, not in a bank's data
    kept = set(private_cache.glob("bank-*.json"))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an entry checked against its English again")

    with monkeypatch.context() as patched:
        patched.setattr(translation_module, "source_hash", refuse)
        again = translated()
    assert again.bank == first.bank and again.warnings == first.warnings
    assert [item.title for item in again.bank.levels] == [item.title for item in first.bank.levels]
    assert again.bank.profile_title == first.bank.profile_title
    assert set(private_cache.glob("bank-*.json")) == kept  # read, not written again
    write("另一个题库")
    assert translated().bank.title == "另一个题库"
