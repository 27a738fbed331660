"""The runtime every generated client is made of: stdlib-only transport, errors, batches.

Generated modules carry these modules' bodies spliced in, in ``SPLICE_ORDER``; the dynamic
client imports them from here.
"""

from __future__ import annotations

from .async_client import AsyncBaseClient
from .batch import BaseBatch, BatchResult
from .client import BaseClient
from .envelope import _named, _positional
from .errors import (
    InternalError,
    InvalidParamsError,
    InvalidRequestError,
    MethodNotFoundError,
    ParseError,
    RpcError,
    TransportError,
)

# Each module only uses names from modules before it, so their bodies can be concatenated.
SPLICE_ORDER = (
    "errors",
    "endpoint",
    "framing",
    "envelope",
    "transport",
    "client",
    "batch",
    "async_transport",
    "async_client",
)

__all__ = [
    "BaseClient",
    "AsyncBaseClient",
    "BaseBatch",
    "BatchResult",
    "RpcError",
    "ParseError",
    "InvalidRequestError",
    "MethodNotFoundError",
    "InvalidParamsError",
    "InternalError",
    "TransportError",
    "SPLICE_ORDER",
    "_named",
    "_positional",
]
