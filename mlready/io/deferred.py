"""Work a run can leave until its output is out: writing a bank's cache entry."""

# The run that meets a bank for the first time would otherwise spend the time of turning it into
# an entry (tens of milliseconds for a large bank) before it answers. The command line turns
# deferral on; at its end, a child process does the deferred work with its standard streams
# closed, so that the run ends (and a caller reading its output sees the end) without waiting
# for it. Where there is no fork, or deferral is off (mlready used as a library, the tests' runs
# in one process), the work is done at once. The entry is written atomically, so a run that
# starts meanwhile finds it whole or not at all.

from __future__ import annotations

import os
import sys
from collections.abc import Callable


class _Queue:
    """The work left for the end of the run; None while deferral is off."""

    jobs: list[Callable[[], None]] | None = None


def defer_work() -> None:
    """From now on, `later` keeps work for `run_deferred`."""
    _Queue.jobs = []


def later(job: Callable[[], None]) -> None:
    """Do `job` at the end of the run (see the module), or now when deferral is off."""
    if _Queue.jobs is None:
        job()
    else:
        _Queue.jobs.append(job)


def run_deferred() -> bool:
    """Do the deferred work in a child process that the run does not wait for; True when a
    child took it (the run then ends at once, see `mlready.cli.main`)."""
    jobs, _Queue.jobs = _Queue.jobs or [], None
    if not jobs:
        return False
    fork = getattr(os, "fork", None)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = fork() if fork is not None else -1
    except (OSError, ValueError):
        pid = -1
    if pid > 0:
        return True  # the parent ends; the child is adopted and finishes on its own
    if pid < 0:  # no fork here: the work is done now
        for job in jobs:
            job()
        return False
    try:
        quiet = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):  # a caller waiting for the run's output must not wait for this
            os.dup2(quiet, stream)
        for job in jobs:
            job()
    finally:
        os._exit(0)
