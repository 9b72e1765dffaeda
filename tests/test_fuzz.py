"""A fuzz run of the loaders over garbage, with a fixed budget: only InputError may come out."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlready.core.answers import answers_from_document
from mlready.core.bank import bank_from_document
from mlready.core.errors import InputError
from mlready.io.bank_file import load_bank
from tests.helpers.documents import load_yaml
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

SEEDS = [SMALL_BANK.encode(), BEST_ANSWERS.encode()]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Flip, insert, delete and repeat bytes and slices, as a mutation fuzzer does."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        action = rng.randrange(5)
        position = rng.randrange(len(buffer) + 1)
        if action == 0 and buffer:
            buffer[min(position, len(buffer) - 1)] = rng.randrange(256)
        elif action == 1:
            buffer[position:position] = bytes([rng.choice(b"[]{}:-&*!|>'\"\t\n #%@`\\")])
        elif action == 2:
            del buffer[position : position + rng.randint(1, 20)]
        elif action == 3:
            start = rng.randrange(len(buffer) + 1)
            buffer[position:position] = buffer[start : start + rng.randint(1, 40)]
        else:
            buffer[position:position] = rng.randbytes(rng.randint(1, 8))
    return bytes(buffer)


def load_both(path: Path) -> None:
    """Read `path` as a bank and as answers to the small bank."""
    with contextlib.suppress(InputError):
        load_bank(path)
    small = bank_from_document(load_yaml(path.parent / "small.yaml"))
    with contextlib.suppress(InputError):
        answers_from_document(load_yaml(path), small)


@pytest.mark.parametrize("seed", range(4))
def test_mutated_files_load_or_are_input_errors(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)  # fixed: the same 150 cases on every run
    (tmp_path / "small.yaml").write_text(SMALL_BANK)
    target = tmp_path / "fuzzed.yaml"
    for _ in range(150):
        target.write_bytes(mutate(rng.choice(SEEDS), rng))
        load_both(target)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=400))
def test_random_bytes_load_or_are_input_errors(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "small.yaml").write_text(SMALL_BANK)
    target = folder / "random.yaml"
    target.write_bytes(data)
    load_both(target)
