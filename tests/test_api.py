"""mlready.api, the use-case layer, called as a library: values back, nothing printed, one error
type with located problems."""

from __future__ import annotations

import ast
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from markdown_it import MarkdownIt

import mlready.api as mlready
from mlready.core.errors import InputError, MlreadyError
from mlready.core.messages import language
from tests.helpers.commands import run
from tests.helpers.small_bank import BEST_ANSWERS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TODAY = dt.date(2026, 12, 1)


def test_a_review_prints_nothing_and_agrees_with_check(tmp_path: Path) -> None:
    example = ROOT / "examples" / "support-assistant.yaml"
    script = (
        "import json, sys\n"
        "import mlready.api as a\n"
        f"r = a.review({str(example)!r})\n"
        "sys.stderr.flush()\n"
        "open(sys.argv[1], 'w').write(json.dumps([r.level, r.score, r.passed]))\n"
    )
    values = tmp_path / "values.json"
    done = subprocess.run(
        [sys.executable, "-c", script, str(values)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    code, out, _err = run("check", example, "--format", "json")
    document = json.loads(out)
    assert json.loads(values.read_text()) == [
        document["level"],
        document["score"],
        document["passed"],
    ]
    assert code == (0 if document["passed"] else 1)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_reviews_as_check_judges_it(example: Path) -> None:
    review = mlready.review(example, today=TODAY, scan=False)
    _code, out, _err = run(
        "check", example, "--format", "json", "--today", TODAY.isoformat(), "--no-scan"
    )
    document = json.loads(out)
    assert (review.level, review.score, review.mean, review.passed) == (
        document["level"],
        document["score"],
        document["mean"],
        document["passed"],
    )
    assert list(review.reasons) == document["reasons"]
    assert [gap.question.id for gap in review.gaps] == [gap["id"] for gap in document["gaps"]]
    assert [area.area.id for area in review.areas] == [area["id"] for area in document["areas"]]
    assert review.evidence == {}
    assert review.repository is None


def test_the_report_is_returned_as_text_in_either_format() -> None:
    review = mlready.review(ROOT / "examples" / "credit-risk-scorer.yaml", today=TODAY)
    html = mlready.report(review, format="html", history=False)
    document = html5lib.HTMLParser(strict=True).parse(html)
    title = document.find(".//{http://www.w3.org/1999/xhtml}title")
    assert title is not None
    assert "credit" in (title.text or "").lower()
    markdown = mlready.report(review, history=False)
    headings = [t.content for t in MarkdownIt().parse(markdown) if t.type == "inline"]
    assert any(review.scorecard.level.name in heading.lower() for heading in headings)
    # The scan's evidence is in the report when the review scanned.
    assert review.repository is not None
    assert "evidence" in markdown.lower()


def test_a_report_in_chinese_leaves_the_language_as_it_was() -> None:
    review = mlready.review(ROOT / "examples" / "credit-risk-scorer.yaml", today=TODAY, scan=False)
    chinese = mlready.report(review, lang="zh-CN", history=False)
    english = mlready.report(review, history=False)
    assert "就绪" in chinese
    assert "就绪" not in english
    assert language() == "en"


def test_an_unknown_report_format_is_an_input_error() -> None:
    review = mlready.review(ROOT / "examples" / "credit-risk-scorer.yaml", today=TODAY, scan=False)
    with pytest.raises(InputError, match="unknown report format 'pdf'"):
        mlready.report(review, format="pdf")


def test_invalid_answers_raise_the_one_error_type_with_located_problems(
    tmp_path: Path, bank_file: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "mlready.yaml"
    answers.write_text(BEST_ANSWERS.replace("data.lineage: yes", "data.lineage: perhaps"))
    with pytest.raises(MlreadyError) as raised:
        mlready.review(answers, bank=bank_file, scan=False)
    assert isinstance(raised.value, InputError)
    (problem,) = raised.value.problems
    assert problem.place is not None
    assert (problem.place.file, problem.place.line) == (str(answers), 7)
    assert "perhaps" in problem.message
    assert capfd.readouterr() == ("", "")


def test_warnings_come_back_as_records_and_are_not_printed(
    tmp_path: Path, bank_file: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "mlready.yaml"
    # An action on a check at full marks: worth a warning, not an error.
    answers.write_text(
        BEST_ANSWERS.replace(
            "  data.lineage: yes\n",
            "  data.lineage:\n    value: yes\n    action: {owner: ana, due: 2027-01-31}\n",
        )
    )
    review = mlready.review(answers, bank=bank_file, scan=False, today=TODAY)
    assert len(review.warnings) == 1
    assert "data.lineage" in review.warnings[0]
    assert capfd.readouterr() == ("", "")
    code, _out, err = run("check", answers, "--bank", bank_file, "--today", "2026-12-01")
    assert code == 0
    assert err.count("warning:") == 1


def test_diff_history_and_portfolio_are_values(tmp_path: Path, bank_file: Path) -> None:
    before = tmp_path / "before.yaml"
    after = tmp_path / "after.yaml"
    before.write_text(BEST_ANSWERS.replace("data.lineage: yes", "data.lineage: no"))
    after.write_text(BEST_ANSWERS)
    changes = mlready.diff(before, after, bank=bank_file, today=TODAY)
    assert [change.question.id for change in changes.answers] == ["data.lineage"]
    assert [question.id for question in changes.closed] == ["data.lineage"]
    reviewed = mlready.portfolio([before, after], bank=bank_file, today=TODAY, history=False)
    assert [row.passed for row in reviewed.rows] == [False, True]
    assert reviewed.trends == {}
    with pytest.raises(InputError, match=r"not in a git work tree|git"):
        mlready.history(after, bank=bank_file)


def test_settings_bank_and_answers_are_resolved_as_the_commands_resolve_them(
    tmp_path: Path, bank_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".mlready.toml").write_text(
        f'bank = "{bank_file.name}"\nanswers = ["models/*.yaml"]\nfail-under = 95\n'
    )
    (tmp_path / "models").mkdir()
    for name in ("b", "a"):
        (tmp_path / "models" / f"{name}.yaml").write_text(BEST_ANSWERS)
    monkeypatch.chdir(tmp_path)
    settings = mlready.project_settings()
    assert settings.source == tmp_path / ".mlready.toml"
    bank = mlready.load_bank(settings=settings)
    assert bank.ref == "small@1"
    assert mlready.answers_files(settings=settings) == [
        Path("models/a.yaml"),
        Path("models/b.yaml"),
    ]
    assert mlready.gate_of(bank, settings).fail_under == 95
    with pytest.raises(InputError, match=r"answers lists|pattern"):
        mlready.answers_file(settings=settings)


def test_the_api_never_prints_nor_exits() -> None:
    """No module of the use-case layer calls print, sys.exit, typer or rich."""
    wrong = []
    for path in sorted((ROOT / "mlready" / "api").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                if name in {"print", "exit", "echo"}:
                    wrong.append(f"{path.name}:{node.lineno} {name}")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names]
                module = node.module if isinstance(node, ast.ImportFrom) else None
                for imported in [module, *names]:
                    if imported and imported.split(".")[0] in {"typer", "click", "rich"}:
                        wrong.append(f"{path.name}:{node.lineno} imports {imported}")
    assert wrong == []


def test_the_package_is_typed() -> None:
    assert (ROOT / "mlready" / "py.typed").is_file()
    assert set(mlready.__all__) <= set(dir(mlready))


def test_every_public_name_of_the_api_loads_from_its_module() -> None:
    import importlib

    import mlready.api as library

    # Loading a use case's module by its own name must not rebind the package's names to it.
    for module in ("exports", "inputs", "language", "repos", "review"):
        importlib.import_module(f"mlready.api.{module}")
    for name in library.__all__:
        assert getattr(library, name).__module__.startswith("mlready."), name
    with pytest.raises(AttributeError):
        _ = library.no_such_use_case  # type: ignore[attr-defined]
