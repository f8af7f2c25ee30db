"""The grader, table by table: equivalent forms are accepted, others are not."""

from __future__ import annotations

import pytest

from tutor.grading import equivalent, grade, normalise, prepare_expression
from tutor.questions import QuestionInstance


def item(kind: str, answer: str | tuple[str, ...], choices: tuple[str, ...] = (),
         tolerance: float | None = None) -> QuestionInstance:  # fmt: skip
    answers = answer if isinstance(answer, tuple) else (answer,)
    return QuestionInstance("q", kind, "prompt", answers, choices, None, None, tolerance, {})


NUMERIC = [
    ("0.5", ["0.5", ".5", "1/2", "2/4", " 0.50 ", "50%", "+0.5", "x = 0.5", "x=1/2"],
     ["0.4", "5", "1/3", "half", "", "   ", "0.5.5", "1/0"]),
    ("1.5", ["1 1/2", "3/2", "1.5", "1.50", "6/4"], ["1 1/3", "1", "15"]),
    ("-3", ["-3", "−3", "-3.0", "-6/2", "y = -3"], ["3", "--3", "- 3 4"]),
    ("1000", ["1000", "1,000", "1000.0", "$1000", "1000 dollars"], ["1,00", "100", "10,00"]),
    ("25", ["25", "25%", "25 cm"], ["0.25", "2.5"]),
    ("0.25", ["0.25", "25%", "1/4"], ["25"]),
    ("12", ["12 apples", "12°"], ["12 13", "twelve and more"]),
]


@pytest.mark.parametrize(("answer", "accepted", "rejected"), NUMERIC)
def test_numeric(answer: str, accepted: list[str], rejected: list[str]) -> None:
    q = item("numeric", answer)
    for text in accepted:
        assert grade(q, text).correct, f"{text!r} should equal {answer}"
    for text in rejected:
        assert not grade(q, text).correct, f"{text!r} should not equal {answer}"


def test_numeric_tolerance() -> None:
    q = item("numeric", "0.33", tolerance=0.01)
    assert grade(q, "1/3").correct and grade(q, "0.333").correct and grade(q, ".34").correct
    assert not grade(q, "0.35").correct
    exact = item("numeric", "1/3")
    assert grade(exact, "2/6").correct and not grade(exact, "0.33").correct


def test_numeric_feedback_says_why() -> None:
    assert grade(item("numeric", "4"), "four").note == "that is not a number"
    assert grade(item("numeric", "4"), "").note == "no answer given"
    assert grade(item("numeric", "4"), "9" * 600).note == "answer too long to read"


CHOICES = ("Add 4 to both sides", "Divide both sides by 3", "Subtract 11 from both sides")


@pytest.mark.parametrize("text", ["a", "A", "(a)", "a)", "a.", "add 4 to both sides",
                                  "  Add 4 to both sides! ", "ADD 4 TO BOTH SIDES"])  # fmt: skip
def test_choice_accepted(text: str) -> None:
    assert grade(item("choice", "Add 4 to both sides", CHOICES), text).correct


@pytest.mark.parametrize("text", ["b", "C", "d", "z", "", "add 4", "Divide both sides by 3", "ab"])
def test_choice_rejected(text: str) -> None:
    assert not grade(item("choice", "Add 4 to both sides", CHOICES), text).correct


def test_choice_feedback_names_letter_and_text() -> None:
    v = grade(item("choice", "Divide both sides by 3", CHOICES), "a")
    assert v.expected == "b) Divide both sides by 3"
    assert grade(item("choice", "Divide both sides by 3", CHOICES), "q").note == "there is no choice q"


def test_choice_numbers_by_value() -> None:
    q = item("choice", "0.5", ("0.25", "0.5", "2"))
    assert grade(q, "1/2").correct and grade(q, "b").correct and not grade(q, "2").correct


TEXT = [
    (("division", "dividing"), ["Division", " division. ", "DIVIDING", "division!"],
     ["multiplication", "", "divisions by zero"]),
    (("latent space", "embedding space"), ["Latent   Space", "latent-space", "EMBEDDING SPACE"],
     ["latent", "space"]),
    (("café",), ["Café", "CAFÉ", "café"], ["cafe x"]),
    (("12",), ["12", "12.0", "twelve"[:0] + "12"], ["13"]),
]


@pytest.mark.parametrize(("answers", "accepted", "rejected"), TEXT)
def test_text(answers: tuple[str, ...], accepted: list[str], rejected: list[str]) -> None:
    q = item("text", answers)
    for text in accepted:
        assert grade(q, text).correct, text
    for text in rejected:
        assert not grade(q, text).correct, text


def test_normalise() -> None:
    assert normalise("  Hello,   World! ") == "hello world"
    assert normalise("ＡＢＣ") == "abc"  # full-width letters


EXPRESSION = [
    ("2*x + 3", ["2x+3", "3 + 2x", "x*2+3", "2(x + 1.5)", "y = 2x + 3", "f(x) = 3+2*x"],
     ["2x-3", "2x", "3x+2", "2y+3", "", "2x+", "import os", "__import__('os')"]),
    ("x**2 - 1", ["x^2 - 1", "(x+1)(x-1)", "x²-1", "-1 + x*x"], ["x^2+1", "(x-1)^2"]),
    ("A/l", ["A/l", "A / l", "A*l^-1", "(1/l)A"], ["l/A", "a/l"]),
    ("(x - 3)/2", ["x/2 - 3/2", "0.5x - 1.5", "(x-3)/2"], ["(x-3)*2", "x - 3/2"]),
    ("2*pi*r", ["2πr", "2*pi*r", "pi*2*r"], ["pi*r^2"]),
    ("sqrt(x)", ["x^(1/2)", "sqrt(x)", "x**0.5"], ["x/2"]),
    # log with no base is base 10, as the logarithms topic teaches; ln is natural
    ("ln(2)", ["ln(4)/2", "ln(2)", "log(2)/log(e)", "log2(2)*ln(2)"], ["log(4)/2", "log(2)"]),
    ("log10(x)", ["log(x)", "ln(x)/ln(10)"], ["ln(x)"]),
]


@pytest.mark.parametrize(("answer", "accepted", "rejected"), EXPRESSION)
def test_expression(answer: str, accepted: list[str], rejected: list[str]) -> None:
    q = item("expression", answer)
    for text in accepted:
        assert grade(q, text).correct, f"{text!r} should match {answer}"
    for text in rejected:
        assert not grade(q, text).correct, f"{text!r} should not match {answer}"


def test_expression_notation() -> None:
    assert prepare_expression("2x(x+1)") == "2*x*(x+1)"
    assert prepare_expression("3sqrt(x)") == "3*sqrt(x)"
    assert equivalent("xy", "y*x")


def test_very_long_and_non_ascii_answers_are_refused_politely() -> None:
    for kind, answer in (("numeric", "3"), ("text", "three"), ("expression", "x")):
        q = item(kind, answer)
        assert not grade(q, "x" * 10_000).correct
        assert not grade(q, "三").correct
        assert not grade(q, "\u200b").correct
