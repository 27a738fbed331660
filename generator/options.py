"""Options: one frozen object built from generate()'s arguments and passed down the stages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TypesStyle = Literal["typeddict", "pydantic"]


@dataclass(frozen=True, slots=True)
class Options:
    service: str | None = None
    """Service name (snake_case); None: derived from the source or ``info.title``."""
    types: TypesStyle = "typeddict"
    strict: bool = False
    """Turn every SpecWarning into a SpecError."""
