"""Notes on what a command is doing, for ``--verbose``.

Silent unless the command line turns them on, and cheap when silent: no logging
machinery is imported at start-up. The library calls `trace` and `timed`; the command line
decides where the notes go.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_sink: Callable[[str], None] | None = None


def trace_to(sink: Callable[[str], None] | None) -> None:
    """Send the notes to `sink` (None: drop them)."""
    global _sink
    _sink = sink


def trace(message: str) -> None:
    if _sink is not None:
        _sink(message)


@contextmanager
def timed(step: str) -> Iterator[None]:
    """Note how long a step took, when tracing."""
    if _sink is None:
        yield
        return
    start = time.perf_counter()
    yield
    trace(f"{step} in {(time.perf_counter() - start) * 1000:.0f} ms")
