"""Stage 1, load: a path, "-", bytes, a dict or a live service (unix:/..., http(s)://...) -> LoadedSpec.

JSON always; YAML too when PyYAML is importable. Services are asked with ``rpc.discover``.
"""

from __future__ import annotations

import datetime
import hashlib
import http.client
import json
import os
import socket
import ssl
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.errors import SpecError

try:
    import yaml
except ImportError:  # pragma: no cover - PyYAML is a dependency, but YAML support is optional
    yaml = None

DEFAULT_TIMEOUT = 10.0
_DISCOVER = b'{"jsonrpc":"2.0","method":"rpc.discover","id":1}'


@dataclass(frozen=True, slots=True)
class LoadedSpec:
    document: dict[str, Any]
    label: str
    """How messages name the source: the path, ``<stdin>``, ``<bytes>``, ``<dict>`` or the URL."""
    sha256: str
    """sha256 of the canonical JSON (sorted keys, no whitespace, UTF-8)."""
    base_dir: Path | None = None
    """Directory relative file refs start from (None: not loaded from a file)."""
    path: Path | None = None
    """The absolute path of the file, when loaded from one."""
    service_hint: str | None = None
    """A service name suggested by the source (the socket's folder name)."""


def load_spec(
    source: str | os.PathLike[str] | bytes | Mapping[str, Any], *, timeout: float = DEFAULT_TIMEOUT
) -> LoadedSpec:
    """Load an OpenRPC document; raise SpecError (one line, no traceback) when that is impossible."""
    if isinstance(source, Mapping):
        try:
            document = json.loads(json.dumps(dict(source), ensure_ascii=False))
        except (TypeError, ValueError) as exc:
            raise SpecError("<dict>", "", f"not JSON data: {exc}") from None
        return _loaded(document, "<dict>")
    if isinstance(source, bytes):
        return _loaded(parse_text(source, "<bytes>"), "<bytes>")
    text = os.fspath(source)
    if text == "-":
        return _loaded(parse_text(sys.stdin.buffer.read(), "<stdin>"), "<stdin>")
    if text.startswith("unix:"):
        return _from_unix_socket(text, timeout)
    if text.startswith(("http://", "https://")):
        return _loaded(_fetch(text, lambda: _http_connection(text, timeout), _url_path(text)), text)
    return _from_file(Path(text), text)


def parse_text(data: bytes, label: str, suffix: str = "") -> dict[str, Any]:
    """JSON (or YAML) bytes -> the top-level object; ``suffix`` picks the format for files."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(label, "", f"not UTF-8 text (bad byte at offset {exc.start})") from None
    if suffix in (".yaml", ".yml"):
        value = _parse_yaml(text, label)
    else:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            where = f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
            value = _yaml_mapping_or_none(text) if suffix != ".json" else None
            if value is None:
                raise SpecError(label, "", f"not JSON: {where}") from None
    if not isinstance(value, dict):
        raise SpecError(label, "", f"the top level is {json_type(value)}, not an object")
    return value


def json_type(value: object) -> str:
    """The JSON name of a value's type, with its article, for messages ("an array")."""
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _loaded(document: dict[str, Any], label: str, **where: Any) -> LoadedSpec:
    try:
        canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise SpecError(label, "", f"not JSON data: {exc}") from None
    digest = hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
    return LoadedSpec(document, label, digest, **where)


def _from_file(path: Path, label: str) -> LoadedSpec:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SpecError(label, "", "file not found") from None
    except IsADirectoryError:
        raise SpecError(label, "", "is a directory, not a spec file") from None
    except OSError as exc:
        raise SpecError(label, "", f"cannot read: {exc.strerror or exc}") from None
    document = parse_text(data, label, path.suffix.lower())
    absolute = path.resolve()
    return _loaded(document, label, base_dir=absolute.parent, path=absolute)


def _parse_yaml(text: str, label: str) -> Any:
    if yaml is None:
        raise SpecError(label, "", "is YAML, and reading YAML needs PyYAML (pip install pyyaml)")
    try:
        return _jsonable(yaml.load(text, Loader=_yaml_loader()))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SpecError(label, "", f"not YAML: {exc.problem or exc.context}{where}") from None
    except yaml.YAMLError as exc:
        raise SpecError(label, "", f"not YAML: {exc}") from None


def _yaml_mapping_or_none(text: str) -> dict[str, Any] | None:
    """Content that is not JSON may still be a YAML mapping; anything else is not a spec."""
    if yaml is None:
        return None
    try:
        value = yaml.load(text, Loader=_yaml_loader())
    except yaml.YAMLError:
        return None
    return _jsonable(value) if isinstance(value, dict) else None


def _yaml_loader() -> Any:
    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def _jsonable(value: Any) -> Any:
    """YAML gives dates and non-string keys; the rest of the pipeline expects what JSON gives."""
    if isinstance(value, dict):
        return {_json_key(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _json_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    return json.dumps(key) if isinstance(key, bool) or key is None else str(key)


class _UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP/1.1 over a Unix socket: http.client speaks the protocol, only the socket differs."""

    def __init__(self, socket_path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = socket_path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.socket_path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


def _from_unix_socket(label: str, timeout: float) -> LoadedSpec:
    path = label.removeprefix("unix:")
    path = path[2:] if path.startswith("///") else path  # unix:///run/x.sock is unix:/run/x.sock
    attempts = [("POST", "/rpc"), ("POST", "/"), ("GET", "/openrpc.json")]
    document = _fetch(label, lambda: _UnixHTTPConnection(path, timeout), attempts)
    return _loaded(document, label, service_hint=Path(path).parent.name or None)


def _http_connection(url: str, timeout: float) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    host, port = parts.hostname or "localhost", parts.port
    if parts.scheme == "https":
        context = ssl.create_default_context()
        return http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
    return http.client.HTTPConnection(host, port, timeout=timeout)


def _url_path(url: str) -> list[tuple[str, str]]:
    parts = urlsplit(url)
    return [("POST", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""))]


def _fetch(
    label: str, connect: Callable[[], http.client.HTTPConnection], attempts: list[tuple[str, str]]
) -> dict[str, Any]:
    """Try each (method, path) in turn; the first that yields an OpenRPC object wins."""
    problems = []
    for method, target in attempts:
        status, body = _request(label, connect(), method, target)
        outcome = _discovered(status, body)
        if isinstance(outcome, dict):
            return outcome
        problems.append(f"{method} {target}: {outcome}")
    raise SpecError(label, "", "no OpenRPC document from the service (" + "; ".join(problems) + ")")


def _request(
    label: str, connection: http.client.HTTPConnection, method: str, target: str
) -> tuple[int, bytes]:
    body = _DISCOVER if method == "POST" else None
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    try:
        connection.request(method, target, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise SpecError(label, "", f"cannot reach the service: {reason}") from None
    finally:
        connection.close()


def _discovered(status: int, body: bytes) -> dict[str, Any] | str:
    """The OpenRPC document in a response, or why there is none."""
    if status != 200:
        return f"HTTP {status}"
    try:
        value = json.loads(body)
    except ValueError:
        return "the answer is not JSON"
    if isinstance(value, dict) and "error" in value and "result" not in value:
        error = value["error"]
        return f"rpc.discover failed: {error.get('message') if isinstance(error, dict) else error}"
    if isinstance(value, dict) and "jsonrpc" in value:
        value = value.get("result")
    if not isinstance(value, dict):
        return f"the answer is {json_type(value)}, not an OpenRPC object"
    return value
