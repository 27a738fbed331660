"""The words the agent sends to the LLM (system prompt, the retry and no-code messages) and the code
taken out of its replies."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

__all__ = [
    "RETRY_INSTRUCTION",
    "ClientNames",
    "extract_code",
    "no_code_message",
    "retry_message",
    "system_prompt",
]

RETRY_INSTRUCTION = "The script failed with this error. Fix it and return the corrected script."
STDERR_TAIL = 4096
_FENCE = re.compile(r"```[ \t]*(?:python3?|py)?[ \t]*\n(.*?)```", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ClientNames:
    """The exact import line and constructor call a script uses."""

    module: str
    cls: str

    @property
    def import_line(self) -> str:
        return f"from {self.module} import {self.cls}"

    @property
    def constructor(self) -> str:
        return f"client = {self.cls}()"


def system_prompt(service: str, interface: str, names: ClientNames) -> str:
    return f"""You write one Python 3 script that does what the user asks, using the {service} \
service through its generated Python client. The client module sits next to the script.

The client's interface ({service}_interface.py):

```python
{interface.rstrip()}
```

Rules:
- Import the client with exactly this line: {names.import_line}
- Create it with exactly this call (it finds the service by itself): {names.constructor}
- Print the answer to stdout, plainly; print nothing else.
- Use only the client and the Python standard library: no network or file access besides the \
client, no third-party packages.
- Let unexpected errors raise, so they show on stderr.
- Reply with the whole script in one ```python fenced block."""


def retry_message(script: str, exit_code: int | None, stderr: str, problem: str) -> str:
    """The follow-up after a failed run: the script, its exit code, the last 4 KB of stderr."""
    tail = stderr[-STDERR_TAIL:]
    return (
        f"{RETRY_INSTRUCTION}\n\nProblem: {problem}\nExit code: {exit_code}\n\n"
        f"Script:\n```python\n{script.rstrip()}\n```\n\nLast {STDERR_TAIL} bytes of stderr:\n"
        f"```\n{tail.rstrip()}\n```"
    )


def no_code_message() -> str:
    return (
        "Your reply contained no Python script that parses. Return the whole script in one "
        "```python fenced block."
    )


def extract_code(reply: str) -> str | None:
    """The reply's fenced Python block (the longest one that parses), or the whole reply when
    it parses as Python; None when neither does."""
    blocks: list[str] = [block for block in _FENCE.findall(reply) if _parses(block)]
    if blocks:
        return max(blocks, key=len).strip() + "\n"
    text = reply.strip()
    return text + "\n" if text and "```" not in text and _parses(text) else None


def _parses(code: str) -> bool:
    if not code.strip():
        return False
    try:
        ast.parse(code)
    except (SyntaxError, ValueError):  # ValueError: NUL bytes in the source
        return False
    return True
