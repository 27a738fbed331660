"""Where a client connects: a Unix socket path or an http(s):// or unix: URL, parsed once.

Also turns a failed connect into a TransportError that says what went wrong and where.
"""

from __future__ import annotations

import os
import socket
import ssl
from urllib.parse import urlsplit

from .errors import TransportError

_DEFAULT_SOCKET_ROOT = "~/hero/var/sockets"


class _Endpoint:
    """A Unix socket (``unix_path``) or a TCP host and port (``tls`` for https).

    ``path`` is the HTTP path POSTed to, ``host_header`` the Host header sent, and ``label`` the
    socket path or URL that error messages name.
    """

    __slots__ = ("host", "host_header", "label", "path", "port", "tls", "unix_path")

    def __init__(
        self,
        label: str,
        path: str,
        *,
        unix_path: str | None = None,
        host: str = "localhost",
        port: int = 0,
        tls: bool = False,
    ) -> None:
        if not path.startswith("/") or not path.isascii() or any(c in path for c in " \r\n\t"):
            raise ValueError(f"invalid HTTP path {path!r}: it must start with '/', in ASCII")
        self.label = label
        self.path = path
        self.unix_path = unix_path
        self.host = host
        self.port = port
        self.tls = tls
        if unix_path is not None:
            self.host_header = "localhost"
        else:
            name = f"[{host}]" if ":" in host else host
            self.host_header = name if port == (443 if tls else 80) else f"{name}:{port}"


def _endpoint_for(
    socket_path: str | os.PathLike[str] | None, url: str | None, rpc_path: str, service: str
) -> _Endpoint:
    """The endpoint a client constructor names; the service's default socket if it names none."""
    if socket_path is not None and url is not None:
        raise ValueError("give socket_path or url, not both")
    if url is not None:
        return _endpoint_from_url(url, rpc_path)
    if socket_path is None:
        if not service:
            raise ValueError("no socket_path or url given, and this client has no default socket")
        root = os.environ.get("HERO_SOCKET_DIR") or os.path.expanduser(_DEFAULT_SOCKET_ROOT)
        socket_path = os.path.join(root, service, "rpc.sock")
    path = os.fspath(socket_path)
    return _Endpoint(path, rpc_path, unix_path=path)


def _endpoint_from_url(url: str, rpc_path: str) -> _Endpoint:
    """Parse ``http://host:port/path``, ``https://...``, ``unix:/path`` or ``unix:///path``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "unix":
        if not parts.path:
            raise ValueError(f"no socket path in {url!r}")
        return _Endpoint(parts.path, rpc_path, unix_path=parts.path)
    if scheme not in ("http", "https"):
        raise ValueError(f"unsupported URL {url!r}: use http://, https://, or unix:/path/to.sock")
    if not parts.hostname:
        raise ValueError(f"no host in URL {url!r}")
    tls = scheme == "https"
    try:
        port = parts.port or (443 if tls else 80)
    except ValueError:
        raise ValueError(f"invalid port in URL {url!r}") from None
    path = parts.path or rpc_path
    if parts.query:
        path += "?" + parts.query
    label = parts._replace(netloc=parts.netloc.rpartition("@")[2], fragment="").geturl()
    return _Endpoint(label, path, host=parts.hostname, port=port, tls=tls)


def _positive_timeout(timeout: float) -> float:
    """``timeout`` if it is a usable number of seconds (a socket takes 0 as "never wait")."""
    if not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
    return timeout


def _connect_problem(endpoint: _Endpoint, exc: OSError) -> TransportError:
    """A TransportError saying why connecting to ``endpoint`` failed."""
    if isinstance(exc, FileNotFoundError):
        problem = "no such socket (is the service running?)"
    elif isinstance(exc, ConnectionRefusedError):
        problem = "connection refused (is the service running?)"
    elif isinstance(exc, TimeoutError):
        problem = "timed out connecting"
    elif isinstance(exc, PermissionError):
        problem = "permission denied"
    elif isinstance(exc, socket.gaierror):
        problem = f"cannot resolve host {endpoint.host!r}: {exc.strerror}"
    elif isinstance(exc, ssl.SSLError):
        problem = f"TLS handshake failed: {getattr(exc, 'verify_message', None) or exc.reason}"
    else:
        problem = f"cannot connect: {exc.strerror or exc}"
    return TransportError(endpoint.label, problem)
