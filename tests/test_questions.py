"""Templated items: the sandbox's functions compute answers, and the sandbox stays closed."""

from __future__ import annotations

import math

import pytest

from tutor.questions import render_text


@pytest.mark.parametrize(
    ("source", "params", "expected"),
    [
        ("{{num(round(ln(a), 3))}}", {"a": 10}, "2.303"),
        ("{{num(round(log10(a), 4))}}", {"a": 50}, "1.699"),
        ("{{num(round(exp(a), 2))}}", {"a": 2}, "7.39"),
        ("{{num(round(degrees(atan2(a, b)), 1))}}", {"a": 1, "b": 1}, "45"),
        ("{{num(round(sin(radians(a)), 4))}}", {"a": 30}, "0.5"),
        ("{{num(round(degrees(acos(a / b)), 2))}}", {"a": 1, "b": 2}, "60"),
        ("{{frac(a, b)}} or {{mixed(a, b)}}", {"a": 7, "b": 2}, "7/2 or 3 1/2"),
        ("{{floor(a / b)}} {{ceil(a / b)}}", {"a": 7, "b": 2}, "3 4"),
    ],
)
def test_template_functions_compute_answers(source: str, params: dict[str, int], expected: str) -> None:
    assert render_text(source, params) == expected


def test_pi_and_e_are_the_constants() -> None:
    assert float(render_text("{{pi}}", {})) == pytest.approx(math.pi)
    assert float(render_text("{{e}}", {})) == pytest.approx(math.e)


def test_the_sandbox_does_not_reach_python_internals() -> None:
    from jinja2.exceptions import SecurityError

    with pytest.raises(SecurityError):
        render_text("{{ num.__globals__ }}", {})


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{num(round(100 * 1 / 80, 1))}}", "1.3"),  # 1.25 %: Python's round gives 1.2
        ("{{round(5 / 2)}}", "3"),
        ("{{num(round(-1.25, 1))}}", "-1.3"),
        ("{{num(round(0.5 / 8, 3))}}", "0.063"),
        ("{{num(round(2.675, 2))}}", "2.68"),
        ("{{round(1234, -2)}}", "1200"),
    ],
)
def test_round_goes_half_up_as_learners_are_taught(source: str, expected: str) -> None:
    assert render_text(source, {}) == expected
