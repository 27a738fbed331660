# errors_interface.py: generated from the OpenRPC document of errors.
# Generated code, do not edit: regenerate with `python -m generator`.
# spec version 1.0.0, openrpc 1.3.2
# spec sha256 62897545e09374f5fa61e4612d867a4483c31250c44b7dbf398eb83dd7b14959
"""errors 1.0.0: Declared errors: shared via components/errors and inline; codes in the implementation-defined range (-32000 to -32099), a pre-defined code (-32602) and application codes; `data` as a schema, as a $ref and as a plain value; two messages that give the same class name ("Quota exceeded" / "Quota exceeded!"), a message that names a Python builtin ("File not found"), and messages with punctuation and unicode.
4 methods. Use: from errors_client import ErrorsClient; client = ErrorsClient()
Errors raised: RpcError (code, message, data) and the subclasses below; TransportError when the service cannot be reached.
"""

from __future__ import annotations

from typing import Any, Protocol, TypedDict


class ValidationDetail(TypedDict):
    pointer: str
    reason: str


class FileValidateDocumentParam(TypedDict):
    pass


class RpcError(Exception):
    code: int
    message: str
    data: Any


class InvalidParamsError(RpcError):
    code = -32602


class UnauthorizedError(RpcError):
    code = -32001


class RateLimitedError(RpcError):
    code = -32005


class FileNotFoundError(RpcError):
    code = 404


class ZugriffVerweigertUngultigesTokenOtraVezError(RpcError):
    code = 4100


class QuotaExceededError(RpcError):
    code = 4001


class QuotaExceededError2(RpcError):
    code = 4002


class CanTWriteDiskFull100Error(RpcError):
    code = 4003


class ValidationFailedError(RpcError):
    code = -32010


class ErrorsClient(Protocol):
    def file_read(self, path: str) -> str: ...  # Read a file: shared errors by ref plus inline ones.
    def file_write(self, path: str, content: str) -> int: ...  # Write a file: two quota errors whose messages sanitise to the same name.
    def file_validate(self, document: FileValidateDocumentParam) -> bool: ...  # Validate a document: error data by $ref, a pre-defined code with a plain-value data.
    def file_stat(self, path: str) -> int: ...  # No declared errors, for contrast.
