"""CSV cells that a spreadsheet cannot run: text starting with =, +, -, @, a tab or a carriage return
gets a leading apostrophe (OWASP, "CSV Injection"). Numbers stay numbers, -3.5 included."""

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|inf|nan)", re.IGNORECASE)


def safe_cell(value):
    """The value as a CSV cell a spreadsheet shows as typed: text that would start a formula is
    prefixed with an apostrophe; numbers (and text that is a plain decimal number) are left alone."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START) or NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_row(row):
    return [safe_cell(v) for v in row]
