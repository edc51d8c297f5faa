"""The user-facing failures of wenming, each with the exit code the command line documents.

Exit codes: 0 found; 1 nothing found; 2 usage error, ambiguous input or unusable data file.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2


class WenmingError(Exception):
    """A failure to report to the user: a short Chinese message and, where one helps, a suggestion."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        message: str,
        suggestion: str | None = None,
        candidates: list[str] | None = None,
        choices: list[dict[str, str | None]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion
        self.candidates = candidates or []  # for people: one line each
        # For scripts: the same candidates as fields (e.g. key, violation_basis, penalty_basis).
        self.choices = choices or []


class NotFound(WenmingError):
    """The input is well formed but names nothing the regulation has (exit 1)."""

    exit_code = EXIT_NOT_FOUND


class BadInput(WenmingError):
    """The input cannot be understood, or is ambiguous (exit 2)."""

    exit_code = EXIT_USAGE
