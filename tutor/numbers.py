"""Reading numbers the way learners write them: 0.5, .5, 1/2, 2/4, 1 1/2, -3, 1,000, 25%."""

from __future__ import annotations

import re
from fractions import Fraction

_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_MIXED = re.compile(r"([+-]?)(\d+)\s+(\d+)\s*/\s*(\d+)")
_FRACTION = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*/\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))")


def parse_number(text: str) -> Fraction | None:
    """The exact value of a written number, or None when it is not one.

    Accepts integers, decimals (with or without a leading zero), thousands separators (1,000),
    fractions (3/4, -3/4), mixed numbers (1 1/2) and a trailing percent sign (25% = 1/4).
    Unicode minus signs are read as minus. Division by zero is not a number.
    """
    s = text.strip().replace("\u2212", "-").replace("\u2013", "-")
    if not s or len(s) > 100:
        return None
    percent = s.endswith("%")
    if percent:
        s = s[:-1].rstrip()
    value = _parse_plain(s)
    if value is None:
        return None
    return value / 100 if percent else value


def _parse_plain(s: str) -> Fraction | None:
    if _DECIMAL.fullmatch(s):
        return Fraction(s)
    if _THOUSANDS.fullmatch(s):
        return Fraction(s.replace(",", ""))
    m = _MIXED.fullmatch(s)
    if m:
        sign, whole, n, d = m.groups()
        if int(d) == 0:
            return None
        value = int(whole) + Fraction(int(n), int(d))
        return -value if sign == "-" else value
    m = _FRACTION.fullmatch(s)
    if m:
        n, d = Fraction(m.group(1)), Fraction(m.group(2))
        if d == 0:
            return None
        return n / d
    return None
