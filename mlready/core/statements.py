"""What a file says, statement by statement, as a probe's parser reads it: the commands a CI
job runs, the imported names a Python module calls, a Dockerfile's instructions..."""

# Pure: the I/O layer reads the text (and parses YAML and JSON, with its limits) and hands it
# here. A file that does not parse says nothing. A probe's `finds` pattern is matched to each
# statement's text; the finding shows the statement's line as written in the file.

import ast
import json
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple

LineOf = Callable[[tuple[str | int, ...]], int | None]
Documents = Sequence[tuple[Any, LineOf]]  # parsed YAML/JSON documents, with their lines


class Statement(NamedTuple):
    """One thing a file says: its line (None where unknown), its text, the part it belongs
    to (a CI job, a Kubernetes object)."""

    line: int | None
    text: str
    part: str = ""


def python_statements(name: str, text: str) -> list[Statement]:
    """A module's imports (`import mlflow.models.ModelSignature`) and the calls and uses of
    imported names, resolved (`call mlflow.register_model`); a notebook's code cells too."""
    if name.endswith(".ipynb"):
        return [
            Statement(None, item.text) for cell in _notebook_cells(text) for item in _python(cell)
        ]
    return _python(text)


def _notebook_cells(text: str) -> list[str]:
    try:
        notebook = json.loads(text)
    except (ValueError, RecursionError):
        return []
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    found = []
    for cell in cells if isinstance(cells, list) else ():
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source")
        lines = source if isinstance(source, list) else [source]
        code = "".join(line for line in lines if isinstance(line, str))
        # IPython's magics and shell lines are not Python.
        found.append(
            "\n".join("" if line.lstrip()[:1] in ("%", "!") else line for line in code.split("\n"))
        )
    return found


# The name a parsed module is given: the warnings its parsing raises are known by it.
_PARSED = "mlready-parsed-source"


def parsed_python(text: str) -> ast.Module | None:
    """The syntax tree of Python source (read, never run), or None where it does not parse."""
    # An invalid escape sequence (`"\d"` in a pattern) is a warning when parsed: on stderr
    # from Python 3.12, and a SyntaxError that loses the whole module under `-W error`. The
    # filter names only this module's parses, and is put back if a caller reset the filters.
    # (The filters Python starts with name their module as text, those added as a pattern.)
    if not any(getattr(item[3], "pattern", item[3]) == _PARSED for item in warnings.filters):
        warnings.filterwarnings("ignore", module=_PARSED)
    try:
        return ast.parse(text, filename=_PARSED)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _python(text: str) -> list[Statement]:
    tree = parsed_python(text)
    if tree is None:
        return []
    names: dict[str, str] = {}  # a local name -> the imported name it stands for
    found: list[Statement] = []
    try:
        nodes = list(ast.walk(tree))
    except RecursionError:
        return []
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.partition(".")[0]
                names[alias.asname or top] = alias.name if alias.asname else top
                found.append(Statement(node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                if alias.name != "*":
                    names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                found.append(Statement(node.lineno, f"import {node.module}.{alias.name}"))
    # A long text given a name (`SYSTEM_PROMPT = """..."""`): the name, never the text.
    for node in nodes:
        if isinstance(node, ast.Assign) and _long_text(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.append(Statement(node.lineno, f"assign {target.id} = text"))
    if not names:
        return sorted(found, key=lambda item: item.line or 0)
    # A module-level `app = fastapi.FastAPI()` stands for an instance: `app.get` is then
    # `fastapi.FastAPI().get`.
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            called = _dotted(node.value.func, names)
            if called is not None:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        names[target.id] = called + "()"
    # A called name is a call; the inner part of `a.b.c` is not a use of its own.
    skipped = {id(node.func) for node in nodes if isinstance(node, ast.Call)}
    skipped |= {id(node.value) for node in nodes if isinstance(node, ast.Attribute)}
    for node in nodes:
        if isinstance(node, ast.Call):
            called = _dotted(node.func, names)
            if called is not None:
                found.append(Statement(node.lineno, f"call {called}({_arguments(node)})"))
        elif isinstance(node, ast.Attribute) and id(node) not in skipped:
            used = _dotted(node, names)
            if used is not None and "." in used:
                found.append(Statement(node.lineno, f"use {used}"))
    return sorted(found, key=lambda item: item.line or 0)


def _long_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and len(node.value) >= 40
    return isinstance(node, ast.JoinedStr) and len(node.values) > 1


def _dotted(node: ast.expr, names: dict[str, str]) -> str | None:
    """The imported name an expression stands for (`m.register_model` with `import mlflow as
    m`: `mlflow.register_model`), or None: a local name, `self.x`, a call's result."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in names:
        return None
    return ".".join([names[node.id], *reversed(parts)])


def _arguments(call: ast.Call) -> str:
    """The first argument when it is a string written out (a route's path) or a name (where a
    seed comes from: `request.seed`), and the names of the keyword arguments: `'/health'`,
    `registered_model_name=`."""
    shown = []
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str) and len(first.value) <= 200:
        shown.append(repr(first.value))
    elif first is not None and (written := _written(first)) is not None:
        shown.append(written)
    shown += [f"{keyword.arg}=" for keyword in call.keywords if keyword.arg is not None]
    return ", ".join(shown)


def _written(node: ast.expr) -> str | None:
    """A name or attribute as written (`cfg.seed`), or None for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return ".".join([node.id, *reversed(parts)]) if isinstance(node, ast.Name) else None


def dockerfile_statements(name: str, text: str) -> list[Statement]:
    """A Dockerfile's instructions (`HEALTHCHECK CMD curl -f ...`), continuation lines joined,
    comments left out; the instruction in capitals. A development image says nothing."""
    if not runtime_image(name):
        return []
    found: list[Statement] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue  # a comment inside a continued instruction
        if not pending:
            start = number
        pending.append(line.removesuffix("\\").strip())
        if line.endswith("\\"):
            continue
        instruction, _, rest = " ".join(part for part in pending if part).partition(" ")
        found.append(Statement(start, f"{instruction.upper()} {rest.strip()}".strip()))
        pending = []
    return found


# Requirement files that are not the runtime's: linting, docs, tests, development.
_SIDE = ("dev", "lint", "doc", "docs", "test", "tests", "testing", "style", "typing", "mypy")
_SIDE_MORE = ("format", "ci", "bench", "benchmark", "benchmarks", "example", "examples", "build")
# The oldest versions a library supports, installed by one CI job: `requirements.min.txt`.
_SIDE_LOWEST = ("min", "minimum", "lowest", "oldest")


def runtime_requirements(name: str) -> bool:
    """Whether a requirements file holds the runtime dependencies (not `requirements-dev.txt`,
    `requirements/lint.txt` and the like)."""
    base = name.rpartition("/")[2].lower().rpartition(".")[0]
    folder = name.rpartition("/")[0].rpartition("/")[2].lower()
    words = set(base.replace("-", "_").replace(".", "_").split("_"))
    words -= {"requirements", "reqs", "requirement"}
    if folder in ("requirements", "reqs"):
        words.add(base)
    return not words & set(_SIDE + _SIDE_MORE + _SIDE_LOWEST)


# Folders of development images and tools: a dev container, Kubernetes projects' `hack/`.
_TOOLING_FOLDERS = frozenset({".devcontainer", "hack", "tools", "tooling"})


def runtime_image(name: str) -> bool:
    """Whether a Dockerfile builds an image the system runs (not `.devcontainer/Dockerfile`,
    `dev.Dockerfile`, `Dockerfile.ci`, `hack/` or `tools/` images and the like)."""
    *folders, base = name.lower().split("/")
    words = set(base.replace("-", ".").replace("_", ".").split("."))
    if folders:
        words.add(folders[-1])
    # A production image may well be built from a `build/` folder.
    return not words & (set(_SIDE + _SIDE_MORE) - {"build"}) and _TOOLING_FOLDERS.isdisjoint(
        folders
    )


def requirements_statements(name: str, text: str) -> list[Statement]:
    """The runtime requirements of a requirements file (`numpy==1.26.4`), and `all pinned` at
    the first one when every one is pinned with `==` (a side file for linting says nothing)."""
    if not runtime_requirements(name):
        return []
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.partition(" #")[0].strip().removesuffix("\\").strip()
        if not line or line.startswith(("#", "-", "http:", "https:", "git+", ".", "/")):
            continue
        found.append(Statement(number, line))
    return _with_pinned(found)


def dependency_statements(dependencies: Sequence[object]) -> list[Statement]:
    """The runtime dependencies of a `pyproject.toml` (`[project] dependencies`, parsed by the
    caller), and `all pinned` when every one is pinned with `==`."""
    return _with_pinned([Statement(None, item) for item in dependencies if isinstance(item, str)])


def _with_pinned(found: list[Statement]) -> list[Statement]:
    pinned = [item for item in found if _pinned(item.text)]
    if found and len(pinned) == len(found):
        return [Statement(found[0].line, "all pinned"), *found]
    return found


def _pinned(requirement: str) -> bool:
    spec = requirement.partition(";")[0]
    return "==" in spec and not any(mark in spec for mark in (">", "<", "~=", "!=", ",", "*"))


# CI: the keys whose values are commands run, or actions used.
_COMMAND_KEYS = frozenset(
    {"run", "script", "before_script", "after_script", "command", "commands", "bash", "pwsh"}
    | {"powershell", "uses", "install", "before_install", "steps_script", "cmd", "entrypoint"}
)


def ci_statements(name: str, documents: Documents, lines: Sequence[str]) -> list[Statement]:
    """The commands a CI configuration runs (`run: pytest -q`, `uses: actions/checkout@v4`),
    each with its job; never names, conditions, path filters or comments."""
    if name.rpartition("/")[2] == "Jenkinsfile":
        return _jenkins(lines)
    found: list[Statement] = []
    for data, line_of in documents:
        if not isinstance(data, dict):
            continue
        jobs = data.get("jobs") if name.startswith(".github/workflows/") else None
        parts: Iterable[tuple[tuple[str | int, ...], Any]] = (
            ((("jobs", job), value) for job, value in jobs.items())
            if isinstance(jobs, dict)
            else (((key,), value) for key, value in data.items())
        )
        for path, value in parts:
            found += _commands(value, path, str(path[-1]), line_of, lines)
    return found


def _commands(
    data: Any, path: tuple[str | int, ...], part: str, line_of: LineOf, lines: Sequence[str]
) -> Iterator[Statement]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in _COMMAND_KEYS:
                yield from _command_lines(value, (*path, key), key, part, line_of, lines)
            else:
                yield from _commands(value, (*path, key), part, line_of, lines)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _commands(item, (*path, index), part, line_of, lines)


def _command_lines(
    value: Any,
    path: tuple[str | int, ...],
    key: str,
    part: str,
    line_of: LineOf,
    lines: Sequence[str],
) -> Iterator[Statement]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _command_lines(item, (*path, index), key, part, line_of, lines)
        return
    if isinstance(value, dict):  # CircleCI's `run: {name: ..., command: ...}`
        yield from _commands(value, path, part, line_of, lines)
        return
    if not isinstance(value, str):
        return
    line = line_of(path)
    # A block scalar (`run: |`) starts on the line after its key.
    block = line is not None and 0 < line <= len(lines) and lines[line - 1].rstrip()[-1:] in "|>"
    first = line + 1 if line is not None and block else line
    label = "uses" if key == "uses" else "run"
    for offset, written in enumerate(value.splitlines()):
        command = written.strip()
        if command and not command.startswith("#"):
            at = first + offset if first is not None and (block or offset == 0) else first
            yield Statement(at, f"{label}: {command}", part)


def _jenkins(lines: Sequence[str]) -> list[Statement]:
    found = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        for step in ("sh ", "sh(", "bat ", "bat(", "powershell "):
            if line.startswith(step):
                command = line[len(step) :].strip(" ('\"")
                found.append(Statement(number, f"run: {command}"))
    return found


# Kubernetes workloads: the objects that run containers.
_WORKLOADS = frozenset(
    {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"}
    | {"Rollout", "DeploymentConfig"}
)
# Every kind `kubernetes_statements` reads something of: a document of another kind need not
# be parsed at all.
KINDS_READ = _WORKLOADS | {"InferenceService"}
_POD_SPECS: tuple[tuple[str, ...], ...] = (
    ("spec",),
    ("spec", "template", "spec"),
    ("spec", "jobTemplate", "spec", "template", "spec"),
)


def kubernetes_statements(documents: Documents) -> list[Statement]:
    """Each workload (`kind: Deployment`...), what each of its containers sets (`Deployment
    container api readinessProbe`) and a KServe canary's share of traffic (`InferenceService
    canary 10`); custom resource definitions and other kinds say nothing."""
    found: list[Statement] = []
    for data, line_of in documents:
        if isinstance(data, dict) and data.get("kind") == "InferenceService":
            found += _kserve_canary(data, line_of)
        if not isinstance(data, dict) or data.get("kind") not in _WORKLOADS:
            continue
        kind = str(data["kind"])
        meta = data.get("metadata")
        part = f"{kind}/{meta.get('name', '')}" if isinstance(meta, dict) else kind
        found.append(Statement(line_of(("kind",)), f"kind {kind}", part))
        for spec_path in _POD_SPECS:
            spec: Any = data
            for key in spec_path:
                spec = spec.get(key) if isinstance(spec, dict) else None
            containers = spec.get("containers") if isinstance(spec, dict) else None
            for index, container in enumerate(containers if isinstance(containers, list) else ()):
                if not isinstance(container, dict):
                    continue
                label = container.get("name", index)
                for key in container:
                    where = (*spec_path, "containers", index, key)
                    text = f"{kind} container {label} {key}"
                    if key == "image" and isinstance(container[key], str):
                        text += f" {container[key]}"  # what runs: `Job container x image k6`
                    found.append(Statement(line_of(where), text, part))
    return found


def _kserve_canary(data: dict[str, Any], line_of: LineOf) -> list[Statement]:
    spec = data.get("spec")
    predictor = spec.get("predictor") if isinstance(spec, dict) else None
    share = predictor.get("canaryTrafficPercent") if isinstance(predictor, dict) else None
    if not isinstance(share, int) or isinstance(share, bool):
        return []
    where = ("spec", "predictor", "canaryTrafficPercent")
    return [Statement(line_of(where), f"InferenceService canary {share}", "InferenceService")]


def defined_tests(name: str, text: str) -> list[Statement]:
    """The tests a test file defines (`test test_fit`), the first one first: Python's test
    functions and `Test*` classes' test methods, Go's `func TestX`, `it(...)`, `@Test`..."""
    # A test file is evidence as a whole, so a statement names a test but no line: an empty
    # `__init__.py`, a helpers module or a `conftest.py` of fixtures alone defines none.
    if name.endswith(".py"):
        return [Statement(None, f"test {test}") for test in _python_tests(text)]
    base = name.rpartition("/")[2]
    starts = next((marks for ending, marks in _TEST_MARKS if base.endswith(ending)), _JVM_MARKS)
    return [
        Statement(None, f"test {line.strip()}")
        for line in text.splitlines()
        if line.strip().startswith(starts)
    ]


# How a test begins, by the file's ending (anything else: JUnit's and the like's `@Test`).
_JVM_MARKS = ("@Test", "@ParameterizedTest", 'test("', "test_that(")
_TEST_MARKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("_test.go", ("func Test", "func Fuzz")),
    ("Tests.swift", ("func test",)),
    ("_test.dart", ("test(", "testWidgets(", "group(")),
    (".R", ("test_that(",)),
    *(
        (ending, ("it(", "it.", "test(", "test.", "describe(", "describe."))
        for ending in (".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs")
    ),
)


def _python_tests(text: str) -> list[str]:
    """The test functions and methods pytest or unittest would collect from a module: its test
    functions (async ones too), and the test methods of its test classes (`_TestClass`), those
    inherited from the module's own classes included, in the order defined."""
    tree = parsed_python(text)
    if tree is None or _not_collected(tree.body):
        return []
    classes: dict[str, _TestClass] = {}
    found: list[str] = []
    for node in _definitions(tree.body):
        if isinstance(node, ast.ClassDef):
            item = classes[node.name] = _TestClass.of(node, classes)
            found += item.tests()
        elif node.name.startswith("test") and not _fixture(node):
            found.append(node.name)
    return found


_Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
# Bases that give a class a constructor, which pytest does not collect a class with (a
# `TestFilter(BaseModel)` of a library is a model), and decorators that write one.
_CONSTRUCTED = frozenset(
    {"BaseModel", "NamedTuple", "TypedDict", "Enum", "IntEnum", "StrEnum", "Flag", "IntFlag"}
)
_CONSTRUCTING = frozenset({"dataclass", "define", "frozen", "mutable", "s", "attrs"})


class _TestClass(NamedTuple):
    """A class of a test module, as pytest and unittest see it."""

    # unittest collects every subclass of a `*TestCase`, however far down the module's classes;
    # pytest, the `Test*` classes without a constructor, whatever their bases, and the `Test*`
    # classes nested in them. A class that says `__test__ = False` is never collected.

    name: str
    collected: bool
    unittest: bool
    constructed: bool  # has a constructor, or inherits one from a class of the module
    methods: tuple[str, ...]  # test methods, its own first, then those of the module's bases
    nested: tuple["_TestClass", ...]  # the `Test*` classes defined in it

    @classmethod
    def of(cls, node: ast.ClassDef, known: "dict[str, _TestClass]") -> "_TestClass":
        """The class `node`; `known` holds the classes defined before it in the module."""
        bases = [_last_name(base) for base in node.bases]
        local = [known[base] for base in bases if base in known]
        body = list(_definitions(node.body))
        unittest = any(base.endswith("TestCase") for base in bases) or any(
            base.unittest for base in local
        )
        constructed = (
            any(item.name in ("__init__", "__new__") for item in body)
            or any(_last_name(item) in _CONSTRUCTING for item in node.decorator_list)
            or any(base in _CONSTRUCTED or base.endswith(("Error", "Exception")) for base in bases)
            or any(base.constructed for base in local)
        )
        own = [
            item.name
            for item in body
            if not isinstance(item, ast.ClassDef)
            and item.name.startswith("test")
            and not _fixture(item)
        ]
        methods = tuple(dict.fromkeys(own + [name for base in local for name in base.methods]))
        collected = not _not_collected(node.body) and (
            unittest or (node.name.startswith("Test") and not constructed)
        )
        nested = tuple(_TestClass.of(item, {}) for item in body if isinstance(item, ast.ClassDef))
        return cls(node.name, collected, unittest, constructed, methods, nested)

    def tests(self) -> list[str]:
        """Its tests as `Class.method` (`Outer.Inner.method`), none where not collected."""
        if not self.collected:
            return []
        found = [f"{self.name}.{method}" for method in self.methods]
        if not self.unittest:  # unittest leaves nested classes alone
            for inner in self.nested:
                if inner.name.startswith("Test"):
                    found += [f"{self.name}.{test}" for test in inner.tests()]
        return found


def _definitions(body: Sequence[ast.stmt]) -> Iterator[_Definition]:
    """The functions and classes a module or class body defines, in order, those under an
    `if`, `try` or `with` included (`if sys.platform != "win32": def test_...`)."""
    for node in body:
        if isinstance(node, _Definition):
            yield node
        elif isinstance(node, ast.If):
            yield from _definitions(node.body)
            yield from _definitions(node.orelse)
        elif isinstance(node, ast.Try | ast.TryStar):
            for part in (node.body, *(handler.body for handler in node.handlers)):
                yield from _definitions(part)
            yield from _definitions(node.orelse)
            yield from _definitions(node.finalbody)
        elif isinstance(node, ast.With | ast.AsyncWith):
            yield from _definitions(node.body)


def _not_collected(body: Sequence[ast.stmt]) -> bool:
    """Whether a module or class says `__test__ = False`: pytest and unittest's runners then
    collect nothing of it."""
    return any(
        isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "__test__" for target in node.targets)
        and isinstance(node.value, ast.Constant)
        and node.value.value is False
        for node in body
    )


def _fixture(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a function is a fixture (`@pytest.fixture`, `@pytest_asyncio.fixture(...)`):
    named `test_data`, it is what a test uses, not a test."""
    return any(_last_name(item) == "fixture" for item in node.decorator_list)


def _last_name(node: ast.expr) -> str:
    """The last name of a dotted expression (`unittest.TestCase`: TestCase); of a call, its
    function's (`pytest.fixture(scope=...)`: fixture); "" for anything else."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""
