"""Results as pydantic models: spliced into clients generated with ``--types pydantic`` only.

Not part of SPLICE_ORDER: the stdlib-only clients never carry it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import TypeAdapter


@cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _validated(annotation: Any, value: Any) -> Any:
    """``value`` (decoded JSON) validated into ``annotation`` (a model, a list of models...)."""
    return _adapter(annotation).validate_python(value)
