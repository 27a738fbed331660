"""Problems found in a spec: values until the CLI turns them into text and exit codes.

Exception
 └── SpecError          generation cannot go on (file, JSON pointer, message)
SpecWarning             a dataclass, not an exception: collected, reported, generation goes on
                        (``strict=True`` turns every warning into a SpecError)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SpecWarning:
    """Something off in a spec that generation works around."""

    source: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.pointer or '/'}: {self.message}"


class SpecError(Exception):
    """A spec no client can be made from; ``pointer`` is a JSON pointer into it."""

    def __init__(self, source: str, pointer: str, message: str) -> None:
        super().__init__(f"{source}: {pointer or '/'}: {message}")
        self.source = source
        self.pointer = pointer
        self.message = message

    def __reduce__(self) -> tuple[type[SpecError], tuple[str, str, str]]:
        # picklable, so a worker process can hand it back (the router generates in one)
        return (type(self), (self.source, self.pointer, self.message))

    @classmethod
    def from_warning(cls, warning: SpecWarning) -> SpecError:
        return cls(warning.source, warning.pointer, warning.message)


def escape_pointer_token(token: str | int) -> str:
    """One JSON pointer reference token (RFC 6901: ``~`` -> ``~0``, ``/`` -> ``~1``)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """A JSON pointer from its tokens: ``pointer("methods", 3, "params")`` -> ``/methods/3/params``."""
    return "".join("/" + escape_pointer_token(t) for t in tokens)
