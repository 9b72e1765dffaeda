"""A repository reviewed over time, as users have one: the example repository's files, and an
answers file committed three times (the review improving, then a blocker half undone)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.review_history import commit, git

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "ecommerce-categoriser.yaml"
TODAY = "2026-11-26"


def reviewed_repository(root: Path, *, fail_under: str | None = "pilot") -> Path:
    """A git repository at `root`: the files of examples/repository, a settings file with
    `fail_under`, and the e-commerce example's answers in three revisions; the last one has
    its blocker `data.usage_rights` only partly done, which caps the level at prototype."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Reviewer")
    git(root, "config", "user.email", "reviewer@example.com")
    folder = ROOT / "examples" / "repository"
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "mlready.yaml":
            target = root / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    if fail_under is not None:
        (root / ".mlready.toml").write_text(f'fail-under = "{fail_under}"\n', encoding="utf-8")
    git(root, "add", "-A")
    final = EXAMPLE.read_text(encoding="utf-8")
    # The first review: lineage, datasheet and the split of the data only partly done.
    early = final
    for check in ("data.lineage", "data.datasheet", "preprocessing.fit_on_train"):
        early = early.replace(f"  {check}: yes\n", f"  {check}: partial\n")
    assert early != final
    capped = final.replace(
        "  data.usage_rights:\n    value: yes\n", "  data.usage_rights:\n    value: partial\n"
    )
    assert capped != final
    commit(root, "mlready.yaml", early, "2026-06-01T10:00:00+00:00", "first review")
    commit(root, "mlready.yaml", final, "2026-09-01T10:00:00+00:00", "gaps closed")
    commit(root, "mlready.yaml", capped, "2026-11-20T10:00:00+00:00", "usage rights lapsed")
    return root
