"""Judging a learner's answer fairly, by question kind.

- numeric: any equivalent written form (0.5, .5, 1/2, 2/4, 1 1/2, -3, 1,000), within the
  item's tolerance; a leading "x =" or currency sign and a trailing unit word are allowed.
- choice: the choice's letter (a, B, (c), d)) or its text.
- text: any accepted answer, after normalising case, spacing and punctuation.
- expression: algebraic equivalence, tested by evaluating both expressions at random points
  (the way edX's formula response grades), so 2(x+1), 2x + 2 and x*2 + 2 all match.
"""

from __future__ import annotations

import ast
import math
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from tutor.numbers import parse_number
from tutor.questions import QuestionInstance

MAX_ANSWER_LENGTH = 500
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class Verdict:
    correct: bool
    expected: str  # the answer as shown to the learner
    note: str = ""  # why, when the answer could not be read (e.g. "not a number")


def grade(instance: QuestionInstance, response: str) -> Verdict:
    expected = display_answer(instance)
    text = (response or "").strip()
    if not text:
        return Verdict(False, expected, "no answer given")
    if len(text) > MAX_ANSWER_LENGTH:
        return Verdict(False, expected, "answer too long to read")
    judge = _JUDGES[instance.kind]
    return judge(instance, text, expected)


def display_answer(instance: QuestionInstance) -> str:
    if instance.kind == "choice" and instance.answer in instance.choices:
        letter = LETTERS[instance.choices.index(instance.answer)]
        return f"{letter}) {instance.answer}"
    return instance.answer


# --- numeric --------------------------------------------------------------------------------------
_LEAD = re.compile(r"^(?:[a-zA-Z]\w*\s*=\s*|[$£€]\s*)")
_TRAIL = re.compile(r"\s*(?:[a-zA-Z][a-zA-Z .]*|°|[$£€¢])$")


def read_number(text: str) -> Fraction | None:
    """A learner's number, forgiving a leading "x =" or currency sign and a trailing unit."""
    s = unicodedata.normalize("NFKC", text).strip()
    value = parse_number(s)
    if value is not None:
        return value
    stripped = _TRAIL.sub("", _LEAD.sub("", s)).strip()
    if stripped and stripped != s:
        return parse_number(stripped)
    return None


def _numeric(instance: QuestionInstance, text: str, expected: str) -> Verdict:
    target = parse_number(instance.answer)
    if target is None:  # cannot happen for a validated curriculum
        return Verdict(False, expected, "this question's answer key is not a number")
    value = read_number(text)
    if value is None:
        return Verdict(False, expected, "that is not a number")
    if _close(value, target, instance.tolerance):
        return Verdict(True, expected)
    # "25%" to a question whose answer is 25 (the prompt asked for a percent)
    percent = text.strip().endswith("%") and not instance.answer.strip().endswith("%")
    return Verdict(percent and _close(value * 100, target, instance.tolerance), expected)


def _close(value: Fraction, target: Fraction, tolerance: float | None) -> bool:
    if value == target:
        return True
    if tolerance is None:
        # decimals typed by hand for a recurring answer: 0.333 for 1/3 is not accepted unless
        # the item declares a tolerance; tiny float noise is.
        return abs(float(value) - float(target)) <= 1e-9 * max(1.0, abs(float(target)))
    return abs(float(value) - float(target)) <= tolerance + 1e-12


# --- choice ---------------------------------------------------------------------------------------
_LETTER = re.compile(r"^\(?([a-zA-Z])[).:]?$")


def _choice(instance: QuestionInstance, text: str, expected: str) -> Verdict:
    m = _LETTER.match(text.strip())
    if m and len(instance.choices) <= len(LETTERS):
        n = LETTERS.index(m.group(1).lower())
        if n < len(instance.choices):
            return Verdict(instance.choices[n] == instance.answer, expected)
        if not any(normalise(c) == normalise(text) for c in instance.choices):
            return Verdict(False, expected, f"there is no choice {m.group(1)}")
    said = light(text)
    for choice in instance.choices:
        if light(choice) == said:
            return Verdict(choice == instance.answer, expected)
    loose = [c for c in instance.choices if normalise(c) == normalise(text)]
    if len(loose) == 1:
        return Verdict(loose[0] == instance.answer, expected)
    if len(loose) > 1:
        return Verdict(False, expected, "that matches several choices; answer with a letter")
    if parse_number(text) is not None:
        value = parse_number(text)
        for choice in instance.choices:
            if parse_number(choice) is not None and parse_number(choice) == value:
                return Verdict(choice == instance.answer, expected)
    return Verdict(False, expected, "that is not one of the choices")


# --- text -----------------------------------------------------------------------------------------
_MINUS = str.maketrans({"−": "-", "–": "-", "—": "-", "‐": "-"})


def light(text: str) -> str:
    """Case and spacing folded, minus signs unified, end punctuation and quotes dropped: signs,
    slashes and brackets still count."""
    s = unicodedata.normalize("NFKC", text).translate(_MINUS).casefold()
    s = " ".join(s.split()).strip("\"'“”‘’")
    return s.rstrip(".!?;,").strip()


def normalise(text: str) -> str:
    """Case-, accent-width-, spacing- and punctuation-insensitive form of a short answer."""
    s = unicodedata.normalize("NFKC", text).casefold()
    s = "".join(ch if (ch.isalnum() or ch.isspace()) else " " for ch in s)
    return " ".join(s.split())


def _text(instance: QuestionInstance, text: str, expected: str) -> Verdict:
    said, loose = light(text), normalise(text)
    # Punctuation is ignored only for answers without digits: "x-intercept" may be typed
    # "x intercept", but "-3" is not "3".
    ok = any(light(a) == said or (not _has_digit(a) and normalise(a) == loose)
             for a in instance.answers)  # fmt: skip
    if not ok:
        value = parse_number(text)
        ok = value is not None and any(parse_number(a) == value for a in instance.answers)
    return Verdict(ok, expected)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


# --- expression -----------------------------------------------------------------------------------
FUNCTIONS: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt, "sin": math.sin, "cos": math.cos, "tan": math.tan, "exp": math.exp,
    # as the curriculum teaches it: ln is the natural logarithm, log with no base is base 10
    "ln": math.log, "log": math.log10, "log10": math.log10, "log2": math.log2, "abs": abs,
}  # fmt: skip
CONSTANTS = {"pi": math.pi, "e": math.e}
_SUPERSCRIPTS = str.maketrans({"²": "^2", "³": "^3", "⁴": "^4", "·": "*", "×": "*", "÷": "/",
                               "−": "-", "–": "-", "π": " pi "})  # fmt: skip


class ExpressionError(ValueError):
    pass


def prepare_expression(text: str) -> str:
    """Learner notation -> Python syntax: 2x -> 2*x, x^2 -> x**2, (a)(b) -> (a)*(b), xy -> x*y."""
    s = unicodedata.normalize("NFKC", text.translate(_SUPERSCRIPTS)).strip()
    tokens = re.findall(r"log10|log2|\d+\.?\d*|\.\d+|[A-Za-z_]+|\*\*|\S", s)
    out: list[str] = []
    for tok in tokens:
        if tok[0].isalpha() and tok not in FUNCTIONS and tok not in CONSTANTS and len(tok) > 1:
            # a run of letters that is not a known name: a product of single-letter variables
            parts = list(tok)
        else:
            parts = [tok]
        for part in parts:
            if out and _implicit_product(out[-1], part):
                out.append("*")
            out.append(part)
    return "".join(out).replace("^", "**")


def _implicit_product(prev: str, cur: str) -> bool:
    prev_value = prev[0].isdigit() or prev[0] == "." or prev == ")" or (
        prev[0].isalpha() and prev not in FUNCTIONS)
    cur_value = cur[0].isdigit() or cur[0] == "." or cur[0].isalpha() or cur == "("
    if not (prev_value and cur_value):
        return False
    if prev[0].isdigit() and cur[0].isdigit():
        return False
    return not (prev[0].isalpha() and prev not in FUNCTIONS and cur == "(" and len(prev) > 1)


_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Load, ast.Call,
            ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd, ast.Mod)  # fmt: skip


def compile_expression(text: str) -> tuple[Callable[[dict[str, float]], float], set[str]]:
    """A function of the expression's variables, and the variable names; ExpressionError when
    it is not a plain algebraic expression."""
    source = prepare_expression(_strip_lhs(text))
    if not source:
        raise ExpressionError("empty expression")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise ExpressionError(f"cannot read {text!r} as an expression") from None
    names: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ExpressionError(f"{text!r} is not a plain algebraic expression")
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS and not node.keywords
        ):
            raise ExpressionError(f"unknown function in {text!r}")
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS and node.id not in CONSTANTS:
            names.add(node.id)
    code = compile(tree, "<expression>", "eval")

    def evaluate(values: dict[str, float]) -> float:
        env: dict[str, object] = {**FUNCTIONS, **CONSTANTS, **values}
        value = eval(code, {"__builtins__": {}}, env)  # noqa: S307 - AST checked above
        if isinstance(value, complex):
            raise ValueError("complex value")
        return float(value)

    return evaluate, names


def _strip_lhs(text: str) -> str:
    """'y = 2x + 1' and 'f(x) = 2x + 1' -> '2x + 1'."""
    m = re.match(r"^\s*(?:[A-Za-z]\w*(?:\([A-Za-z, ]*\))?)\s*=(?!=)(.*)$", text)
    return m.group(1) if m else text


def equivalent(a: str, b: str, trials: int = 12) -> bool:
    fa, na = compile_expression(a)
    fb, nb = compile_expression(b)
    names = sorted(na | nb)
    rng = random.Random(1234)
    checked = 0
    for _ in range(trials * 4):
        values = {n: rng.uniform(-3.0, 3.0) or 0.5 for n in names}
        try:
            va, vb = fa(values), fb(values)
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            continue
        if not math.isclose(va, vb, rel_tol=1e-7, abs_tol=1e-9):
            return False
        checked += 1
        if checked >= trials:
            return True
    return checked > 0


def _expression(instance: QuestionInstance, text: str, expected: str) -> Verdict:
    try:
        _, said_names = compile_expression(text)
    except ExpressionError as exc:
        return Verdict(False, expected, str(exc))
    _, expected_names = compile_expression(instance.answer)
    extra = said_names - expected_names
    if extra:
        return Verdict(False, expected, f"the answer does not use {', '.join(sorted(extra))}")
    try:
        return Verdict(equivalent(text, instance.answer), expected)
    except ExpressionError as exc:
        return Verdict(False, expected, str(exc))


_JUDGES: dict[str, Callable[[QuestionInstance, str, str], Verdict]] = {
    "numeric": _numeric,
    "choice": _choice,
    "text": _text,
    "expression": _expression,
}
