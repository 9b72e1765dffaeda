"""The built-in report templates compiled to Python ahead of time.

Jinja parses and compiles a template to Python on every run that renders it: for the built-in
report that is a fixed 60 ms or so of each `mlready report`, more than the rendering of a
small bank. So the built-in templates also ship compiled, as the modules of
`mlready/render/compiled/`, which the report loads with Jinja's `ModuleLoader` (and Python
caches as byte code). They are used only while they were compiled from the very sources
beside them by the Jinja installed (`compiled_loader` checks both); otherwise the report
compiles the sources as before. A user's template is always compiled from its source, in the
sandbox.

After changing a built-in template (a test fails until then):

    python -m mlready.render.precompile
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import ModuleLoader

from mlready.io.resources import templates_dir
from mlready.render.report import COMPILED, builtin_environment, source_hash

MANIFEST = "__init__.py"


def compiled_modules() -> dict[str, str]:
    """The file name and text of each module of `compiled/`, as the Jinja installed writes
    them from the built-in templates now; `__init__.py` names that Jinja and the sources."""
    modules: dict[str, str] = {}
    sources: dict[str, str] = {}
    for path in sorted(templates_dir().glob("*.j2")):
        source = path.read_text(encoding="utf-8")
        environment = builtin_environment(html=path.name.endswith(".html.j2"))
        code = environment.compile(source, path.name, None, raw=True, defer_init=True)
        modules[ModuleLoader.get_module_filename(path.name)] = code
        sources[path.name] = source_hash(source)
    # Written as `ruff format` writes Python, so that the module is left as it is.
    listed = "".join(f'    "{name}": "{digest}",\n' for name, digest in sorted(sources.items()))
    modules[MANIFEST] = (
        '"""The built-in report templates, compiled by Jinja. Written by\n'
        '`python -m mlready.render.precompile`: do not edit."""\n\n'
        f'JINJA = "{jinja2.__version__}"\n'
        f"SOURCES = {{\n{listed}}}\n"
    )
    return modules


def write_compiled(folder: Path = COMPILED) -> list[Path]:
    """Write the compiled modules into `folder` (replacing those of any older sources)."""
    folder.mkdir(exist_ok=True)
    modules = compiled_modules()
    for stale in folder.glob("tmpl_*.py"):
        if stale.name not in modules:
            stale.unlink()
    written = []
    for name, text in modules.items():
        target = folder / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for path in write_compiled():
        print(f"Wrote {path}")
