"""The `mlready` command and `python -m mlready`: the command-line interface, with Ctrl-C
told as one line and exit 130 even while the interface itself is still being loaded."""

import os
import sys


def main() -> None:
    """Run the command-line interface."""
    try:
        from mlready.cli import main as run_cli

        run_cli()
    except BaseException as error:
        # Ctrl-C before the interface's own handling exists (it loads in the first 50 ms), or
        # while a module loads, where Python 3.11 wraps it in another error (a class's
        # `__set_name__` turns it into a RuntimeError).
        if not _interrupted(error):
            raise
        _say_interrupted()
        os._exit(130)


def _interrupted(error: BaseException | None) -> bool:
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, KeyboardInterrupt):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _say_interrupted() -> None:
    messages = sys.modules.get("mlready.core.messages")
    word = messages._("interrupted") if messages is not None else "interrupted"
    try:
        sys.stderr.write(word + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # no stderr to tell
        pass


if __name__ == "__main__":
    main()
