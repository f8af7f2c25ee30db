"""Every error a user can meet, with its exit code.

The CLI turns a `TutorError` into one line on stderr (`Error: ...`) and exits with `exit_code`;
nothing else in the program decides exit codes. The codes are documented in the README.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_CHECK_FAILED = 1  # a check was taken and not passed (study)
EXIT_USAGE = 2  # bad option or argument value (also Typer's own usage errors)
EXIT_NOT_FOUND = 3  # unknown or ambiguous topic or learner
EXIT_CURRICULUM = 4  # curriculum missing, unreadable or invalid
EXIT_STORE = 5  # the learner database or the state folder cannot be used
EXIT_STATE = 6  # the request needs state that is not there yet (e.g. no goal set)


class TutorError(Exception):
    """Base class: a message for the user and an exit code."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class UsageError(TutorError):
    exit_code = EXIT_USAGE


class NotFoundError(TutorError):
    exit_code = EXIT_NOT_FOUND


class UnknownTopicError(NotFoundError):
    def __init__(self, query: str, suggestions: list[str], *, ambiguous: bool = False) -> None:
        self.query = query
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        if ambiguous:
            message = f"{query!r} matches several topics: " + "; ".join(suggestions)
        elif suggestions:
            message = f"no topic matches {query!r}; closest: " + "; ".join(suggestions)
        else:
            message = f"no topic matches {query!r}"
        super().__init__(message)


class UnknownLearnerError(NotFoundError):
    pass


class CurriculumError(TutorError):
    exit_code = EXIT_CURRICULUM


class CurriculumInvalid(CurriculumError):
    """The curriculum was read but has problems; `problems` lists them all."""

    def __init__(self, root: str, problems: list[object]) -> None:
        self.root = root
        self.problems = problems
        n = len(problems)
        super().__init__(
            f"the curriculum at {root} has {n} problem{'s' if n != 1 else ''}; "
            f"run `tutor curriculum validate {root}` to list them"
        )


class StoreError(TutorError):
    exit_code = EXIT_STORE


class StateError(TutorError):
    exit_code = EXIT_STATE
