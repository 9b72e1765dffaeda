"""The `mlready` command and `python -m mlready`: the command-line interface, with Ctrl-C
told as one line and exit 130 even while the interface itself is still being loaded."""

import os
import sys


def main() -> None:
    """Run the command-line interface."""
    try:
        from mlready.cli import main as run_cli

        run_cli()
    except KeyboardInterrupt:
        # Ctrl-C before the interface's own handling exists (it loads in the first 50 ms).
        _say_interrupted()
        os._exit(130)


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
