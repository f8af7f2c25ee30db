"""The `tutor` command line. Each command group lives in its own module; this one wires them
together and turns every `TutorError` into one line on stderr and its exit code."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from tutor import __version__
from tutor.cli.state import CurriculumOpt, JsonOpt, LearnerOpt, NowOpt, get_state, parse_now
from tutor.errors import TutorError

EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class TutorGroup(TyperGroup):
    """The one place where errors become messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TutorError as exc:
            typer.echo(f"Error: {exc.message}", err=True)
            if exc.hint:
                typer.echo(exc.hint, err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("Interrupted; everything answered so far is saved.", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # the reader went away (`tutor plan | head`): stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if os.environ.get("TUTOR_DEBUG"):
                raise
            if "click" in type(exc).__module__:  # usage errors: Typer reports them itself
                raise
            typer.echo(
                f"Error: internal error ({type(exc).__name__}: {exc}); "
                "rerun with TUTOR_DEBUG=1 for details and please report it",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from None
        finally:
            state = ctx.obj
            if state is not None and hasattr(state, "close"):
                state.close()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tutor {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    learner: LearnerOpt = None,
    curriculum: CurriculumOpt = None,
    json_output: JsonOpt = False,
    now: NowOpt = None,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Plan and study a path through a prerequisite graph of topics.

    Run `tutor` alone to see where you stand and what to do next.
    """
    state = get_state(ctx)
    state.learner_name = learner
    state.curriculum_path = curriculum
    state.json = json_output
    try:
        state.now = parse_now(now)
    except TutorError as exc:
        typer.echo(f"Error: {exc.message}", err=True)
        raise typer.Exit(exc.exit_code) from None
    if ctx.invoked_subcommand is None:
        from tutor.cli.planning import overview

        ctx.invoke(overview, ctx=ctx)


# Which module defines each command: a run imports and builds only the command it was asked
# for (Typer inspects every registered command's signature on each start). Help, a bare
# `tutor` and anything unknown get the full set.
COMMAND_MODULES = {
    "topics": "browse", "show": "browse",
    "know": "knowledge", "unknow": "knowledge", "goal": "knowledge",
    "plan": "planning", "next": "planning", "status": "planning",
    "study": "study", "where": "system",
    "learner": "learners", "curriculum": "curriculum",
}  # fmt: skip
_GROUPS = {"learners": "learner", "curriculum": "curriculum"}  # modules that are a command group
_GLOBAL_OPTIONS_WITH_VALUE = {"--learner", "-l", "--curriculum", "-c", "--now"}


def requested_command(argv: list[str]) -> str | None:
    """The command name in a command line, skipping the global options before it."""
    args = iter(argv)
    for arg in args:
        if arg == "--":
            return None
        if arg in _GLOBAL_OPTIONS_WITH_VALUE:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def make_app(command: str | None = None) -> typer.Typer:
    """The `tutor` application: every command, or only the module that defines `command`."""
    import importlib

    app = typer.Typer(
        cls=TutorGroup,
        name="tutor",
        help="Plan and study a path through a prerequisite graph of topics.",
        invoke_without_command=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
        add_completion=False,
    )
    app.callback()(root)
    wanted = [COMMAND_MODULES[command]] if command in COMMAND_MODULES else COMMAND_MODULES.values()
    for name in dict.fromkeys(wanted):
        module = importlib.import_module(f"tutor.cli.{name}")
        if name in _GROUPS:
            app.add_typer(module.app, name=_GROUPS[name])
        else:
            module.register(app)
    return app


def __getattr__(name: str) -> Any:
    # `from tutor.cli import app` (tests, embedding): the full application, built once
    if name == "app":
        full = globals()["app"] = make_app()
        return full
    raise AttributeError(name)


def main() -> None:
    try:
        make_app(requested_command(sys.argv[1:]))(prog_name="tutor")
    except KeyboardInterrupt:  # pragma: no cover - outside a command
        sys.exit(EXIT_INTERRUPTED)
