"""The only functions that let spec text into the tree: string literals, docstrings, identifiers,
and the cleaned one-line text allowed in comments. Escaping lives here and nowhere else.
"""

from __future__ import annotations

import keyword
import re

import libcst as cst

from generator.names import IDENTIFIER

_SURROGATE = re.compile("[\ud800-\udfff]")
_QUOTE_RUN = re.compile(r'"(?="|\Z)')
_SHORT_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(char: str) -> str:
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if char.isprintable():
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def string_literal(text: str) -> cst.SimpleString:
    """A double-quoted literal that evaluates to exactly ``text``, whatever it holds."""
    body = "".join('\\"' if c == '"' else _escape_char(c) for c in text)
    return cst.SimpleString(f'"{body}"')


def docstring_literal(text: str, indent: int = 0) -> cst.SimpleString:
    """A triple-quoted literal for ``text``, its lines indented for a body ``indent`` deep: newlines
    kept, a quote escaped only where it could close the literal (before another quote, or last),
    everything unprintable escaped."""
    # A lone surrogate cannot be a class's __doc__ (CPython encodes it to UTF-8): in
    # documentation it becomes U+FFFD; string literals, which carry data, keep it exactly.
    text = _SURROGATE.sub("\ufffd", text)
    lines = ["".join(_escape_char(c) for c in line).rstrip() for line in text.strip().split("\n")]
    pad = " " * indent
    text = "\n".join([lines[0]] + [pad + line if line else "" for line in lines[1:]])
    body = _QUOTE_RUN.sub('\\\\"', text)
    closing = "\n" + pad if len(lines) > 1 else ""
    return cst.SimpleString(f'"""{body}{closing}"""')


def docstring(text: str, indent: int = 0) -> cst.SimpleStatementLine:
    return cst.SimpleStatementLine([cst.Expr(docstring_literal(text, indent))])


def identifier(name: str) -> cst.Name:
    """A name produced by `generator.names`, checked again: ASCII identifier, not a keyword."""
    if not IDENTIFIER.match(name) or keyword.iskeyword(name):
        raise ValueError(f"not a safe identifier: {name!r}")
    return cst.Name(name)


def comment_text(text: str, limit: int = 100) -> str:
    """Spec text made safe for a ``#`` comment: one line of printable characters, shortened."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def value_literal(value: object) -> cst.BaseExpression:
    """A JSON value (a default, an error code) as an expression that evaluates to it."""
    if value is None or isinstance(value, bool):
        return cst.Name(repr(value))
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, int):
        number = cst.Integer(str(abs(value)))
        return cst.UnaryOperation(cst.Minus(), number) if value < 0 else number
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        number_f = cst.Float(repr(abs(value)))
        return cst.UnaryOperation(cst.Minus(), number_f) if value < 0 else number_f
    if isinstance(value, list):
        return cst.List([cst.Element(value_literal(v)) for v in value])
    if isinstance(value, dict):
        return cst.Dict(
            [cst.DictElement(string_literal(str(k)), value_literal(v)) for k, v in value.items()]
        )
    raise ValueError(f"not a JSON value: {type(value).__name__}")
