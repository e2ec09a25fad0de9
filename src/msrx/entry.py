"""The console script's entry point: Ctrl-C even during start-up exits 130.

The `msrx` script imports this tiny module first; Typer, rich and the rest
load inside the try, so an interrupt while they import ends quietly too.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

EXIT_INTERRUPTED = 130  # msrx.errors.EXIT_INTERRUPTED; not imported, to keep this module tiny
_interrupted = False


def _unraisable(unraisable: Any) -> None:
    # CPython cannot raise an exception from a callback, such as importlib's
    # module-lock callback during an import, and hands it here instead: a
    # Ctrl-C landing there was printed as "Exception ignored in ..." with a
    # traceback and lost, and msrx finished with 0.
    global _interrupted
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        _interrupted = True
    else:
        sys.__unraisablehook__(unraisable)


def main() -> None:
    sys.unraisablehook = _unraisable
    try:
        try:
            from msrx.cli import main as run
        except KeyboardInterrupt:
            sys.exit(EXIT_INTERRUPTED)
        run()
    except SystemExit:
        if not _interrupted:
            raise
    if _interrupted:
        sys.exit(EXIT_INTERRUPTED)
