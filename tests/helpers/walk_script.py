"""The interactive walk driven by a script instead of a terminal."""

from __future__ import annotations

import datetime as dt

from mlready.core.answers import Answers, empty_answers
from mlready.core.model import Bank
from mlready.core.walk import Screen, WalkResult, walk

TODAY = dt.date(2026, 11, 26)
"""The day every scripted walk runs on."""


class ScriptedPrompt:
    """Answers each prompt with the next scripted line; records what was shown."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = list(lines)
        self.screens: list[Screen] = []
        self.told: list[str] = []
        self.asked: list[str] = []

    def _next(self) -> str:
        if not self.lines:
            raise EOFError  # like Ctrl-D once the script runs out
        line = self.lines.pop(0)
        if line == "^C":
            raise KeyboardInterrupt
        return line

    def question(self, screen: Screen) -> str:
        self.screens.append(screen)
        return self._next()

    def text(self, label: str, *, default: str | None = None) -> str:
        self.asked.append(label)
        return self._next() or (default or "")

    def tell(self, message: str) -> None:
        self.told.append(message)

    @property
    def shown(self) -> list[str]:
        return [screen.question.id for screen in self.screens]


class Saves:
    """Records every version of the answers the walk saves."""

    def __init__(self) -> None:
        self.history: list[Answers] = []

    def __call__(self, answers: Answers) -> None:
        self.history.append(answers)


def run_walk(
    bank: Bank, lines: list[str], answers: Answers | None = None, **options: object
) -> tuple[WalkResult, ScriptedPrompt, Saves]:
    """Walk `bank` from `answers` (or none) with `lines` typed, on TODAY."""
    prompt = ScriptedPrompt(lines)
    saves = Saves()
    result = walk(
        bank,
        answers or empty_answers("mlready.yaml"),
        prompt=prompt,
        save=saves,
        today=TODAY,
        **options,  # type: ignore[arg-type]
    )
    return result, prompt, saves
