"""PyYAML imported without compiling the pure-Python reader's character check until it is used."""

from __future__ import annotations

import subprocess
import sys

import yaml

from mlready.io import yaml_import


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.strip()


def test_the_pattern_deferred_is_the_readers_own() -> None:
    # If PyYAML changed the pattern, nothing would be deferred: the run only gets slower.
    assert yaml.reader.Reader.NON_PRINTABLE.pattern.startswith(yaml_import._NON_PRINTABLE_START)


def test_a_run_parsing_with_libyaml_never_compiles_it() -> None:
    said = run_python(
        "from mlready.io.yamlio import parse_yaml\n"
        "import yaml\n"
        "parse_yaml('a: [1, 2]\\n', source='a.yaml')\n"
        "pattern = yaml.reader.Reader.NON_PRINTABLE\n"
        "print(type(pattern).__name__, pattern._compiled is None)"
    )
    assert said == "_CompiledOnUse True"


def test_the_pure_python_reader_still_refuses_what_it_refused() -> None:
    # Where PyYAML runs without libyaml, the deferred pattern compiles on first use and
    # finds the same characters.
    said = run_python(
        "import mlready.io.yamlio\n"
        "import yaml\n"
        "print(yaml.safe_load('a: b\\n') == {'a': 'b'})\n"
        "try:\n"
        "    yaml.load('a: \\x07', Loader=yaml.SafeLoader)\n"
        "except yaml.reader.ReaderError as error:\n"
        "    print('refused', hex(error.character))\n"
        "print(yaml.reader.Reader.NON_PRINTABLE.search('ok\\ufffe').start())"
    )
    assert said.splitlines() == ["True", "refused 0x7", "2"]


def test_every_other_pattern_compiles_at_once() -> None:
    said = run_python(
        "import re\n"
        "import mlready.io.yamlio\n"
        "import yaml\n"
        "print(re.compile is re.compile, type(yaml.resolver.Resolver.yaml_implicit_resolvers"
        "['t'][0][1]).__name__)"
    )
    assert said == "True Pattern"
