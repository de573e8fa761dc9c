"""Giving the memory a one-off build freed back to the operating system."""

import ctypes
import gc
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None under another C library (musl, macOS)."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim  # the process's own symbols
    except (OSError, AttributeError):
        return None
    return trim


def return_freed_memory() -> None:
    """Collect the build's garbage and let glibc give the free pages among the objects that
    stay back to the system: the word lists and patterns leave about 10 MB of freed memory
    in the C heap that glibc would otherwise keep for the process (RSS)."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
