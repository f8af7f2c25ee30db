"""`tutor study`: the explainer, then a check, one question at a time."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from tutor.cli.state import JsonOpt, emit_json, get_state, is_interactive, note, out, wants_json
from tutor.errors import EXIT_CHECK_FAILED, StateError, UsageError

LETTERS = "abcdefghijklmnopqrstuvwxyz"
HELP_LINE = "Type your answer. ? for a hint, :skip to skip, :quit to stop (your answers are saved)."


def register(app: typer.Typer) -> None:
    app.command("study")(study)


def study(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Argument(help="Topic id or title (default: the top of `tutor next`).")] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, max=50, help="Questions in the check.")] = 5,
    answers: Annotated[
        str | None,
        typer.Option("--answers", help="Answers file (- for stdin): one per line, or JSON lines."),
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for question choice and numbers.")] = None,
    no_probe: Annotated[bool, typer.Option("--no-probe", help="After repeated failure, do not check the prerequisites.")] = False,
    skip_explainer: Annotated[bool, typer.Option("--skip-explainer", help="Go straight to the questions.")] = False,
    json_output: JsonOpt = False,
) -> None:
    """Study a topic: its explainer, then a check. Exit 0 when passed, 1 when not."""
    from tutor.matching import resolve_topic
    from tutor.study import StudySession, parse_answers

    state = get_state(ctx)
    curriculum = state.curriculum
    as_json = wants_json(ctx, json_output)
    topic_id = resolve_topic(curriculum, topic) if topic else _default_topic(ctx)
    t = curriculum.topic(topic_id)
    if not t.questions:
        raise StateError(f"{t.title} has no practice questions yet: nothing to study")
    scripted = None
    if answers is not None:
        scripted = parse_answers(_read_answers(answers))
    elif not is_interactive():
        raise UsageError("stdin is not a terminal: pass --answers FILE (or --answers - to read stdin)")
    session = StudySession(curriculum, state.store, state.learner(), topic_id, seed=seed)
    pinned = scripted if scripted and all(s.question_id for s in scripted) else None
    if scripted and not pinned and any(s.question_id for s in scripted):
        raise UsageError("answers: either every JSON line names its question, or none does")
    if not as_json and not skip_explainer:
        _show_explainer(t, interactive=scripted is None)
    if scripted is not None:
        ask = _scripted_asker(scripted, quiet=as_json)
    else:
        ask = _terminal_asker()
    result = session.run(
        ask, count=len(pinned) if pinned else count, pinned=pinned, probe=not no_probe,
        on_graded=None if as_json else (lambda graded: out(_feedback(graded))),
    )
    if as_json:
        emit_json({"learner": session.learner.name, **result.as_dict()})
    else:
        _summary(curriculum, result)
    if not result.passed:
        raise typer.Exit(EXIT_CHECK_FAILED)


def _default_topic(ctx: typer.Context) -> str:
    from tutor.cli.planning import _view
    from tutor.progress import next_items

    curriculum, view = _view(ctx)
    if not view.goals:
        raise StateError("no topic given and no goal set; run `tutor study TOPIC` or `tutor goal TOPIC`")
    items = next_items(curriculum, view, 1)
    if not items:
        raise StateError("nothing left to study toward your goals")
    note(f"Studying {items[0].title}: {items[0].reason}")
    return items[0].id


def _read_answers(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read answers file {source}: {getattr(exc, 'strerror', None) or exc}") from None


# --- output --------------------------------------------------------------------------------------
def _markdown(text: str, interactive: bool) -> None:
    if interactive and sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        out(text)


def _show_explainer(topic: Any, interactive: bool) -> None:
    out(f"# {topic.title}")
    out("")
    _markdown(f"**Core idea.** {topic.core_idea}", interactive)
    out("")
    _markdown(topic.explainer, interactive)
    out("")
    if interactive:
        typer.prompt("Press Enter when you are ready for the questions", default="",
                     show_default=False, err=True)  # fmt: skip


def _question_text(instance: Any, step: Any) -> str:
    head = (f"Question {step.number} of {step.total}" if step.phase == "check"
            else f"Prerequisite check {step.number} of {step.total}: {step.topic_title}")  # fmt: skip
    lines = ["", head, instance.prompt]
    for n, choice in enumerate(instance.choices):
        lines.append(f"  {LETTERS[n]}) {choice}")
    return "\n".join(lines)


def _feedback(graded: Any) -> str:
    v = graded.verdict
    if graded.response.skipped:
        first = f"Skipped. The answer: {v.expected}"
    elif v.correct:
        first = "Correct." + (" (with a hint)" if graded.response.hint_used else "")
    else:
        first = f"Incorrect{' (' + v.note + ')' if v.note else ''}. The answer: {v.expected}"
    expl = graded.instance.explanation
    return first + (f"\n{expl}" if expl else "")


def _terminal_asker():  # type: ignore[no-untyped-def]
    from tutor.study import Response

    out(HELP_LINE)

    def ask(instance: Any, step: Any) -> Response:
        if step.phase == "probe" and step.number == 1:
            out("")
            out("Two checks in a row did not pass. A few quick questions on the prerequisites "
                "will show which one needs work.")  # fmt: skip
        out(_question_text(instance, step))
        hint_used = False
        started = time.monotonic()
        while True:
            try:
                text = input("> ")
            except EOFError:
                return Response(quit=True)
            cmd = text.strip()
            if cmd in ("?", ":hint"):
                hint_used = True
                out(f"Hint: {instance.hint}" if instance.hint else "No hint for this one.")
            elif cmd in (":help", ":h"):
                out(HELP_LINE)
            elif cmd in (":quit", ":q"):
                return Response(quit=True)
            elif cmd in (":skip", ":s"):
                return Response(skipped=True, hint_used=hint_used,
                                seconds=time.monotonic() - started)  # fmt: skip
            else:
                return Response(text=text, hint_used=hint_used, seconds=time.monotonic() - started)

    return ask


def _scripted_asker(scripted: list[Any], quiet: bool):  # type: ignore[no-untyped-def]
    from tutor.study import Response

    queue = list(scripted)

    def ask(instance: Any, step: Any) -> Response:
        if not quiet:
            out(_question_text(instance, step))
        if not queue:
            if not quiet:
                out("(no more answers in the file: stopping here)")
            return Response(quit=True)
        s = queue.pop(0)
        if s.quit:
            return Response(quit=True)
        if not quiet:
            out(f"> {':skip' if s.skip else s.text}")
        return Response(text=s.text, hint_used=s.hint, skipped=s.skip)

    return ask


def _summary(curriculum: Any, result: Any) -> None:
    out("")
    if result.quit and not result.completed:
        out(f"Stopped after {result.asked} question{'s' if result.asked != 1 else ''}; "
            "your answers are saved.")  # fmt: skip
    out(f"{result.correct} of {result.asked} correct. Estimated mastery: {result.mastery:.0%}.")
    title = curriculum.topic(result.topic_id).title
    if result.passed:
        out(f"Check passed: {title} is mastered.")
    elif result.completed:
        out(f"Check not passed yet: {title} needs more practice.")
    if result.remediation:
        target = curriculum.topic(result.remediation.target_id)
        out(f"Go back to {target.title} first: {result.remediation.reason}.")
        out(f"  tutor study {target.id}")
    elif result.completed and not result.passed:
        out(f"  Reread the explainer (tutor show {result.topic_id}) and try again: tutor study {result.topic_id}")
