"""The table of question kinds: everything that differs between a check, a choice, a multi and
a text question lives here, one object per kind."""

# Each kind knows how to check its definition in a bank, normalise and check an answer, read
# what a person types in the walk, describe the values it takes (JSON Schema and the comment
# lines of a skeleton answers file), and whether it is scored. Adding a kind is one class and one
# entry in `KINDS`.

from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any, ClassVar, NamedTuple

from mlready.core.messages import N_, Message, _, series, translated
from mlready.core.model import DEFAULT_CHECK_OPTIONS, NA, AnswerValue, Question
from mlready.core.vocabulary import Kind, Severity

NONE_OF_THESE = "-"  # what a person types to choose none of a multi question's options
CHECK_ONLY_KEYS = (
    "severity",
    "caps",
    "plan_lifts",
    "applies_from",
    "weight",
    "fix",
    "na",
    "evidence",
)

# Reports a problem at a key of the question's definition: (key or path below it, message).
DefinitionProblem = Callable[[str | tuple[str | int, ...], str], None]

_NOT_AN_OPTION = N_("'{value}' is not an option of '{id}' ({hint})")
_YES_WORDS = {"true": "yes", "on": "yes", "false": "no", "off": "no"}


class Invalid(NamedTuple):
    """What a person typed that answers nothing, and why."""

    message: str


class Normalised(NamedTuple):
    """An answer's value as the bank means it, and what is wrong with it (empty when valid)."""

    value: AnswerValue
    problems: tuple[str, ...] = ()


class QuestionKind:
    """The rules of one kind of question; subclasses differ where the kinds do."""

    kind: ClassVar[Kind]
    scored: ClassVar[bool] = False  # counts in scores; can be a gap, waived, overridden
    chosen: ClassVar[bool] = True  # answered from its options; a `when` may depend on it
    many: ClassVar[bool] = False  # several options at once
    # What `checked_definition` fills in when a bank leaves it out, by field name.
    filled: ClassVar[Mapping[str, Any]] = MappingProxyType({})

    def checked_definition(
        self, question: Question, given: set[str], problem: DefinitionProblem
    ) -> Question:
        """The question with its kind's defaults; what is wrong is passed to `problem`."""
        _refuse_check_keys(question, given, problem)
        if not self.many:
            _refuse_exclusive(question, problem)
        if len(question.options) < 2:
            problem(
                "options",
                Message("a {kind} question needs at least two options", kind=question.kind.value),
            )
        return question

    def normalised(self, question: Question, value: AnswerValue) -> Normalised:
        """`value` (not None, not `na`) as an answer to `question`."""
        offered = [option.value for option in question.options]
        if isinstance(value, str) and value in offered:  # the usual answer, as written
            return Normalised(value)
        hint = Message("expected one of: {values}", values=series(offered))
        if not isinstance(value, str):
            return Normalised(
                value,
                (
                    Message(
                        "'{id}' takes one value, not a list ({hint})", id=question.id, hint=hint
                    ),
                ),
            )
        value = _option_value(value, offered)
        if value not in offered:
            said = Message(
                "'{value}' is not an option of '{id}' ({hint})",
                value=value,
                id=question.id,
                hint=hint,
            )
            return Normalised(value, (said,))
        return Normalised(value)

    def parsed(self, question: Question, line: str) -> str | tuple[str, ...] | Invalid:
        """The answer a line typed in the walk stands for: an option by number or value."""
        value = _pick(question, line)
        if value is None:
            return Invalid(
                _("'{line}' is not an option. Choose one of {options}.").format(
                    line=line, options=_listing(question)
                )
            )
        return value

    def input_hint(self, question: Question) -> str:
        """What the walk's prompt line says to type."""
        return _("1-{count} or a value").format(count=len(question.options))

    def value_schema(self, question: Question) -> dict[str, Any]:
        """The JSON Schema of an answer's value."""
        values = [option.value for option in question.options]
        return {"enum": [*values, NA] if question.na else values}

    def skeleton(self, question: Question) -> list[str]:
        """The comment lines of a skeleton answers file saying what the question takes."""
        # Said in the chosen language; the values themselves are what the file takes in all.
        shape = _("one or more of:") if self.many else _("one of:")
        na = [_("na (with a note)")] if question.na else []
        if question.options == DEFAULT_CHECK_OPTIONS or not any(
            option.label for option in question.options
        ):
            return [f"{shape} {' | '.join([option.value for option in question.options] + na)}"]
        # Labels carry the meaning of graded options: list them.
        lines = [shape]
        lines += [
            _("  {value}: {label}").format(
                value=option.value, label=" ".join(option.display.split())
            )
            for option in question.options
        ]
        return lines + [f"  {item}" for item in na]


class Check(QuestionKind):
    """A scored question: each option has a score from 0 to 1."""

    kind = Kind.CHECK
    scored = True
    filled = MappingProxyType({"options": DEFAULT_CHECK_OPTIONS, "severity": Severity.MAJOR})

    def checked_definition(
        self, question: Question, given: set[str], problem: DefinitionProblem
    ) -> Question:
        _refuse_exclusive(question, problem)
        for position, option in enumerate(question.options):
            if option.applies_from is not None:
                problem(
                    ("options", position, "applies_from"),
                    Message(
                        "'applies_from' belongs only on options of decisions; "
                        "a check takes it as its own key"
                    ),
                )
            for key in ("expects", "suggests"):
                if getattr(option, key):
                    problem(
                        ("options", position, key),
                        Message("'{key}' belongs only on options of decisions", key=key),
                    )
        if "options" in given and len(question.options) < 2:
            problem(
                "options", Message("a check needs at least two options (or none: yes/partial/no)")
            )
        options = question.options or self.filled["options"]
        for position, option in enumerate(question.options):
            if option.score is None:
                problem(
                    ("options", position), Message("missing required key 'score' (check options)")
                )
        scores = [option.score for option in options]
        if question.options and None not in scores and max(s or 0.0 for s in scores) != 1:
            problem("options", Message("a check needs an option that scores 1 (the full answer)"))
        # An empty list of severity rules stays empty, for the bank's check to refuse it.
        severity = self.filled["severity"] if question.severity is None else question.severity
        return replace(question, options=options, severity=severity)


class Choice(QuestionKind):
    """A decision: one of its options, never scored; it decides which questions apply."""

    kind = Kind.CHOICE


class Multi(QuestionKind):
    """A decision of several options at once (or none)."""

    # An exclusive option ("none of these") is chosen alone or not at all; a question that has
    # one takes at least one option, since that option is how it says "none of the others".

    kind = Kind.MULTI
    many = True

    def normalised(self, question: Question, value: AnswerValue) -> Normalised:
        offered = [option.value for option in question.options]
        hint = Message("expected one of: {values}", values=series(offered))
        items = (value,) if isinstance(value, str) else value or ()
        values = tuple(dict.fromkeys(_option_value(item, offered) for item in items))
        problems: tuple[str, ...] = tuple(
            Message(
                "'{value}' is not an option of '{id}' ({hint})",
                value=item,
                id=question.id,
                hint=hint,
            )
            for item in values
            if item not in offered
        )
        if not problems:
            alone = _exclusivity_problem(question, values)
            problems = (alone,) if alone else ()
        return Normalised(values, problems)

    def parsed(self, question: Question, line: str) -> str | tuple[str, ...] | Invalid:
        tokens = [token for token in line.replace(" ", ",").split(",") if token]
        if line == NONE_OF_THESE:
            tokens = []
        picked = [_pick(question, token) for token in tokens]
        bad = [token for token, value in zip(tokens, picked, strict=True) if value is None]
        if bad:
            return Invalid(
                _("Not an option: {bad}. Choose from {options}.").format(
                    bad=_(", ").join(bad), options=_listing(question)
                )
            )
        values = tuple(dict.fromkeys(value for value in picked if value is not None))
        alone = _exclusivity_problem(question, values)
        return Invalid(f"{translated(alone)}.") if alone else values

    def input_hint(self, question: Question) -> str:
        exclusive = _exclusive_values(question)
        if exclusive:
            return _("numbers or values, e.g. 1,3; {values} only alone").format(
                values=_(" or ").join(exclusive)
            )
        return _("numbers or values, e.g. 1,3; {none} for none").format(none=NONE_OF_THESE)

    def value_schema(self, question: Question) -> dict[str, Any]:
        one = super().value_schema(question)
        exclusive = _exclusive_values(question)
        if not exclusive:
            return {"anyOf": [one, {"type": "array", "items": one}]}
        # Several options, none of them exclusive; or one exclusive option in a list alone.
        others = [option.value for option in question.options if not option.exclusive]
        several = {"type": "array", "items": {"enum": others}, "minItems": 1}
        alone = [{"type": "array", "items": {"const": value}, "minItems": 1} for value in exclusive]
        return {"anyOf": [one, several, *alone]}

    def skeleton(self, question: Question) -> list[str]:
        lines = super().skeleton(question)
        exclusive = _exclusive_values(question)
        if exclusive:
            lines.append(_("  ({values}: only alone)").format(values=_(", ").join(exclusive)))
        return lines


class Text(QuestionKind):
    """Free text: what the person wrote, "na" included."""

    kind = Kind.TEXT
    chosen = False

    def checked_definition(
        self, question: Question, given: set[str], problem: DefinitionProblem
    ) -> Question:
        _refuse_check_keys(question, given, problem)
        if question.options:
            problem("options", Message("text questions take no options"))
        return question

    def normalised(self, question: Question, value: AnswerValue) -> Normalised:
        if not isinstance(value, str):
            return Normalised(value, (Message("'{id}' takes text, not a list", id=question.id),))
        return Normalised(value)

    def parsed(self, question: Question, line: str) -> str | tuple[str, ...] | Invalid:
        return line

    def input_hint(self, question: Question) -> str:
        return _("text")

    def value_schema(self, question: Question) -> dict[str, Any]:
        return {"type": "string"}

    def skeleton(self, question: Question) -> list[str]:
        return [_("(free text)")]


KINDS: dict[Kind, QuestionKind] = {
    rules.kind: rules for rules in (Check(), Choice(), Multi(), Text())
}


def kind_of(question: Question) -> QuestionKind:
    """The rules of `question`'s kind."""
    return KINDS[question.kind]


def is_scored(question: Question) -> bool:
    """Whether `question` counts in scores (a check)."""
    return KINDS[question.kind].scored


def _refuse_check_keys(question: Question, given: set[str], problem: DefinitionProblem) -> None:
    """What only a check may have: its keys, and scores on its options."""
    for key in sorted(given & set(CHECK_ONLY_KEYS)):
        problem(
            key,
            Message(
                "'{key}' belongs only on check questions (this is a {kind})",
                key=key,
                kind=question.kind.value,
            ),
        )
    for position, option in enumerate(question.options):
        if option.score is not None:
            problem(
                ("options", position, "score"), Message("'score' belongs only on check options")
            )
        if option.caps is not None:
            problem(("options", position, "caps"), Message("'caps' belongs only on check options"))


def _refuse_exclusive(question: Question, problem: DefinitionProblem) -> None:
    for position, option in enumerate(question.options):
        if option.exclusive:
            problem(
                ("options", position, "exclusive"),
                Message(
                    "'exclusive' belongs only on options of multi questions (this is a {kind})",
                    kind=question.kind.value,
                ),
            )


def _exclusive_values(question: Question) -> list[str]:
    return [option.value for option in question.options if option.exclusive]


def _exclusivity_problem(question: Question, values: tuple[str, ...]) -> str | None:
    """What is wrong with choosing `values` (options of `question`) together, if anything."""
    exclusive = _exclusive_values(question)
    if not exclusive:
        return None
    if not values:
        return Message(
            "'{id}' takes at least one option; for none of the others, choose {values} alone",
            id=question.id,
            values=" or ".join(exclusive),
        )
    chosen = [value for value in values if value in exclusive]
    if chosen and len(values) > 1:
        others = series([value for value in values if value != chosen[0]])
        return Message(
            "'{value}' is chosen alone in '{id}', not with other options (also chosen: {others})",
            value=chosen[0],
            id=question.id,
            others=others,
        )
    return None


def _option_value(written: str, offered: list[str]) -> str:
    """The option a person meant: `Yes` is `yes`, and true/on or false/off are yes or no."""
    lowered = written.lower()
    if lowered in offered:
        return lowered
    meant = _YES_WORDS.get(lowered)
    return meant if meant in offered else written


def _pick(question: Question, token: str) -> str | None:
    """The option a token names: its number, its value or its label."""
    options = question.options
    token = token.strip()
    if token.isdigit() and 1 <= int(token) <= len(options):
        return options[int(token) - 1].value
    lowered = token.lower()
    return next((o.value for o in options if lowered in (o.value, o.display.lower())), None)


def _listing(question: Question) -> str:
    return _(", ").join(f"{n}={o.value}" for n, o in enumerate(question.options, 1))
