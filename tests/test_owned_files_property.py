"""A property of every command sequence: the files a user owns stay as they were.

For any sequence of commands over a temporary repository (init, a walk through the scripted
prompt as `ask` saves it, check with outputs, report, portfolio, schema), every input's bytes
are unchanged unless it is the answers file that a walk or init writes, and no path outside
the outputs each command was asked to write is created or changed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlready.core.walk import walk
from mlready.io.answers_file import AnswersEditor, load_answers
from mlready.io.bank_file import load_bank
from tests.helpers.commands import run
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK
from tests.helpers.walk_script import ScriptedPrompt

# Names an output may be given: fresh files, the user's README, and every input, reached
# directly, through a link, through `..` and through a hard link.
TARGETS = [
    "out.json",
    "out.md",
    "reports/out.md",
    "README.md",
    "mlready.yaml",
    "small.yaml",
    ".mlready.toml",
    "link.yaml",
    "sub/../mlready.yaml",
    "hard.yaml",
]
INPUTS = {"mlready.yaml", "small.yaml", ".mlready.toml", "README.md"}

Command = tuple[str, str | None, bool]  # (what, output name, --force)

commands = st.lists(
    st.tuples(
        st.sampled_from(["init", "walk", "check", "report", "portfolio", "schema"]),
        st.sampled_from([None, *TARGETS]),
        st.booleans(),
    ),
    min_size=1,
    max_size=4,
)


@contextlib.contextmanager
def repository() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        (root / ".git").mkdir()
        (root / "sub").mkdir()
        (root / "reports").mkdir()
        (root / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
        (root / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
        (root / ".mlready.toml").write_text('bank = "small.yaml"\n', encoding="utf-8")
        (root / "README.md").write_text("# Mine\n", encoding="utf-8")
        (root / "link.yaml").symlink_to("mlready.yaml")
        os.link(root / "mlready.yaml", root / "hard.yaml")
        previous = Path.cwd()
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(previous)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink() and ".git" not in path.parts
    }


def perform(root: Path, command: Command) -> set[str]:
    """Run one command; the paths it was asked to write (its outputs)."""
    what, target, force = command
    flags = ["--force"] if force else []
    if what == "walk":  # `ask` as its scripted prompt drives it: saves through the editor
        bank = load_bank(root / "small.yaml")
        path = root / "mlready.yaml"
        with contextlib.suppress(Exception):
            walk(
                bank,
                load_answers(path, bank),
                prompt=ScriptedPrompt(["no"]),
                save=AnswersEditor(path, bank).save,
                redo=True,
            )
        return {"mlready.yaml", "hard.yaml"}  # the same file under its second name
    if what == "init":
        run("init", "mlready.yaml", "--no-schema", *flags)
        return {"mlready.yaml", "hard.yaml"}
    if target is None:
        run(what, *(["answers"] if what == "schema" else []))
        return {"READINESS.md"} if what == "report" else set()
    option = ["--output", f"json:{target}"] if what == "check" else ["-o", target]
    run(what, *(["answers"] if what == "schema" else []), *option, *flags)
    return {os.path.normpath(target)}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands)
def test_no_command_sequence_changes_what_the_user_owns(sequence: list[Command]) -> None:
    with repository() as root:
        for command in sequence:
            # An atomic rewrite of mlready.yaml (init, a walk) leaves its second name behind
            # as a file of its own, no longer an input: only a live hard link is one.
            inputs = {"mlready.yaml", "small.yaml", ".mlready.toml"}
            if (root / "hard.yaml").samefile(root / "mlready.yaml"):
                inputs.add("hard.yaml")
            before = snapshot(root)
            outputs = perform(root, command)
            after = snapshot(root)
            changed = {
                name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
            }
            assert changed <= outputs, (command, changed - outputs)
            for name in INPUTS - outputs:
                assert after[name] == before[name], (command, name)
            if "README.md" in changed and before["README.md"] == b"# Mine\n":
                assert command[2], "the user's README.md replaced without --force"
            # Inputs named as outputs (directly or through another name) are never written.
            if command[0] not in ("init", "walk"):
                assert not changed & inputs, (command, changed & inputs)
