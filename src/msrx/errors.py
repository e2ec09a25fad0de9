"""Exit codes and the errors that map onto them."""

from __future__ import annotations

from typing import NamedTuple

# Documented in the README ("Exit codes"); scripts rely on them.
EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_OUTPUT = 74  # sysexits EX_IOERR: stdout closed, full (/dev/full) or not writable
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `yes | head`
EXIT_INTERRUPTED = 130  # 128 + SIGINT


class Problem(NamedTuple):
    """One thing wrong with a dataset file."""

    path: str
    message: str
    line: int | None = None
    treatment: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        parts = [where]
        if self.treatment:
            parts.append(f"treatment {self.treatment!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        parts.append(self.message)
        return ": ".join(parts)


class DataError(Exception):
    """The dataset could not be read or is invalid (exit code 3)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(str(problems[0]) if problems else "invalid dataset")


class UsageError(Exception):
    """The command line asked for something that cannot be done (exit code 2)."""
