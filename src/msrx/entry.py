"""The console script's entry point: Ctrl-C even during start-up exits 130.

The `msrx` script imports this tiny module first; Typer, rich and the rest
load inside the try, so an interrupt while they import ends quietly too.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from msrx.cli import main as run
    except KeyboardInterrupt:
        sys.exit(130)
    run()
