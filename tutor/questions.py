"""Templated practice items: draw parameters, render the item, in a sandbox.

A templated question declares integer ranges (`params`) and optionally a condition (`where`).
`instantiate(question, seed)` draws the parameters with a seeded RNG (so any attempt can be
reproduced from its recorded parameters) and renders prompt, choices, answer, hint and explanation
in a sandboxed Jinja2 environment with StrictUndefined. The answer of a numeric item is always
computed by its template, never typed.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from tutor.model import Question

MAX_DRAWS = 1000


class TemplateProblem(Exception):
    """A templated item that cannot be rendered (bad template, `where` never holds, ...)."""


@dataclass(frozen=True, slots=True)
class QuestionInstance:
    """A question as the learner sees it: every template rendered."""

    question_id: str
    kind: str
    prompt: str
    answers: tuple[str, ...]  # accepted answers; the first is the one shown as "the answer"
    choices: tuple[str, ...]
    hint: str | None
    explanation: str | None
    tolerance: float | None
    params: dict[str, int]

    @property
    def answer(self) -> str:
        return self.answers[0]


def num(x: Any) -> str:
    """A number without float noise or trailing zeros: num(0.1 + 0.2) == '0.3'."""
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, Fraction):
        if x.denominator == 1:
            return str(x.numerator)
        x = float(x)
    if isinstance(x, float):
        if math.isfinite(x) and x == round(x) and abs(x) < 1e15:
            return str(int(round(x)))
        text = f"{x:.10g}"
        if "e" in text:
            text = f"{x:.12f}".rstrip("0").rstrip(".")
        return text
    return str(x)


def frac(n: int, d: int) -> str:
    """The reduced fraction n/d as text: frac(6, 8) == '3/4', frac(8, 4) == '2'."""
    f = Fraction(n, d)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def mixed(n: int, d: int) -> str:
    """n/d as a mixed number: mixed(7, 2) == '3 1/2'."""
    f = Fraction(n, d)
    whole, rest = divmod(abs(f.numerator), f.denominator)
    sign = "-" if f < 0 else ""
    if rest == 0:
        return f"{sign}{whole}"
    if whole == 0:
        return f"{sign}{rest}/{f.denominator}"
    return f"{sign}{whole} {rest}/{f.denominator}"


def round_half_up(x: float, ndigits: int | None = None) -> float:
    """`round` as learners are taught it: halves go away from zero (1.25 -> 1.3, 2.5 -> 3),
    on the number as written (2.675 -> 2.68), where Python's own rounds half to even on the
    binary value (1.2, 2, 2.67)."""
    from decimal import ROUND_HALF_UP, Decimal, DecimalException

    try:
        exact = Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
        rounded = exact.quantize(Decimal(1).scaleb(-(ndigits or 0)), rounding=ROUND_HALF_UP)
    except (DecimalException, TypeError, ValueError):  # inf, nan, huge: as Python does
        return round(x, ndigits)
    if ndigits is None or isinstance(x, int):
        return int(rounded)
    return float(rounded)


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.globals.update(
        gcd=math.gcd,
        lcm=math.lcm,
        abs=abs,
        min=min,
        max=max,
        round=round_half_up,
        sqrt=math.sqrt,
        # logarithms, exponentials and trigonometry (angles in radians; degrees()/radians()
        # convert), so that such answers are computed rather than looked up in tables
        ln=math.log,
        log10=math.log10,
        log2=math.log2,
        exp=math.exp,
        sin=math.sin,
        cos=math.cos,
        tan=math.tan,
        asin=math.asin,
        acos=math.acos,
        atan=math.atan,
        atan2=math.atan2,
        degrees=math.degrees,
        radians=math.radians,
        floor=math.floor,
        ceil=math.ceil,
        pi=math.pi,
        e=math.e,
        num=num,
        frac=frac,
        mixed=mixed,
    )
    return env


@lru_cache(maxsize=4096)
def _template(source: str) -> Any:
    return _environment().from_string(source)


@lru_cache(maxsize=1024)
def _condition(source: str) -> Any:
    return _environment().compile_expression(source)


def render_text(source: str, params: dict[str, int]) -> str:
    return str(_template(source).render(**params)).strip()


def draw_params(question: Question, rng: random.Random) -> dict[str, int]:
    """Draw parameter values until the `where` condition holds."""
    for _ in range(MAX_DRAWS):
        values = {name: rng.randint(low, high) for name, low, high in question.params}
        if not question.where:
            return values
        try:
            ok = _condition(question.where)(**values)
        except Exception as exc:  # a template error is the author's, reported by validation
            raise TemplateProblem(f"`where` fails: {type(exc).__name__}: {exc}") from exc
        if ok:
            return values
    raise TemplateProblem(f"`where` ({question.where}) held in none of {MAX_DRAWS} draws")


def instantiate(
    question: Question, seed: int | None = None, params: dict[str, int] | None = None
) -> QuestionInstance:
    """Render a question. `params` reproduces a recorded attempt; otherwise draw with `seed`."""
    if not question.templated:
        return QuestionInstance(
            question_id=question.id,
            kind=question.kind,
            prompt=question.prompt,
            answers=question.answer if isinstance(question.answer, tuple) else (question.answer,),
            choices=question.choices,
            hint=question.hint,
            explanation=question.explanation,
            tolerance=question.tolerance,
            params={},
        )
    if params is None:
        params = draw_params(question, random.Random(seed))
    try:
        answers = (
            tuple(render_text(a, params) for a in question.answer)
            if isinstance(question.answer, tuple)
            else (render_text(question.answer, params),)
        )
        return QuestionInstance(
            question_id=question.id,
            kind=question.kind,
            prompt=render_text(question.prompt, params),
            answers=answers,
            choices=tuple(render_text(c, params) for c in question.choices),
            hint=render_text(question.hint, params) if question.hint else None,
            explanation=render_text(question.explanation, params) if question.explanation else None,
            tolerance=question.tolerance,
            params=dict(params),
        )
    except TemplateProblem:
        raise
    except Exception as exc:
        raise TemplateProblem(f"{type(exc).__name__}: {exc}") from exc
