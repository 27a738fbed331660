# errors 1.0.0, 4 methods, sha256 62897545e09374f5fa61e4612d867a4483c31250c44b7dbf398eb83dd7b14959
# Declared errors: shared via components/errors and inline; codes in the…
# from errors_client import ErrorsClient: ErrorsClient() has the functions below as methods
# Errors: RpcError(code, message, data), subclasses below, TransportError
# mypy: disable-error-code=empty-body
from __future__ import annotations

from typing import Any


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


def file_read(path: str) -> str: ...  # Read a file: shared errors by ref plus inline ones
def file_write(path: str, content: str) -> int: ...  # Write a file: two quota errors whose messages sanitise to…
def file_validate(document: dict[str, Any]) -> bool: ...  # Validate a document: error data by $ref, a pre-defined code…
def file_stat(path: str) -> int: ...  # No declared errors, for contrast
