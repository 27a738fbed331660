"""The dynamic client: a service's methods built at runtime from its ``rpc.discover`` document.

    client = connect("hero_books")          # or connect(socket_path=...), connect(url=...)
    client.book_get("infra")                # help(client.book_get): signature and docstring

Same method names, params on the wire, errors and docstrings as the generated client, on the same
runtime, without a generation step. Importing this module does not load the generator's stages;
the first ``connect`` does.
"""

from __future__ import annotations

import difflib
import inspect
import os
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from generator.runtime import BaseBatch, BaseClient, RpcError, TransportError, _named, _positional
from generator.runtime.endpoint import _endpoint_for
from generator.runtime.envelope import _Params
from generator.runtime.errors import _STANDARD_ERRORS

if TYPE_CHECKING:
    from generator.dynamic_spec import MethodPlan, ServicePlan

__all__ = ["connect", "DynamicClient", "DynamicBatch"]


def connect(
    service: str | None = None,
    *,
    socket_path: str | os.PathLike[str] | None = None,
    url: str | None = None,
    timeout: float = 30.0,
    rpc_path: str = "/rpc",
) -> DynamicClient:
    """A client for the service at ``socket_path`` or ``url``, or by default at the service's
    socket (``$HERO_SOCKET_DIR/<service>/rpc.sock``, else ``~/hero/var/sockets/...``).

    Its class (``HeroBooksClient`` for hero_books) is built from the document the service
    returns for ``rpc.discover``. Raises SpecError (one line) when no document can be fetched
    or used; the other arguments mean what they mean for a generated client.
    """
    if service is None and socket_path is None and url is None:
        raise ValueError("connect() needs a service name, socket_path= or url=")
    endpoint = _endpoint_for(socket_path, url, rpc_path, service or "")
    if endpoint.unix_path is not None:
        source = f"unix:{endpoint.unix_path}"
    else:
        source = f"{'https' if endpoint.tls else 'http'}://{endpoint.host_header}{endpoint.path}"
    # Imported here: the parse stages and the assembler's naming helpers (libcst) are needed
    # only to build a class, not to import this module.
    from generator.dynamic_spec import service_plan

    cls = _client_class(service_plan(source, service, timeout))
    return cls(
        endpoint.unix_path if url is None else None, url=url, timeout=timeout, rpc_path=rpc_path
    )


class DynamicClient(BaseClient):
    """What every class `connect` builds subclasses: a BaseClient with ``batch()``.

    The error classes are attributes of the class, named as in the generated module
    (``except client.BookNotFoundError``), with RpcError, TransportError and the standard
    JSON-RPC errors; PascalCase names, so no method can take one.
    """

    _BATCH: ClassVar[type[DynamicBatch]]

    def batch(self) -> DynamicBatch:
        """Collect calls; they are sent as one JSON-RPC batch when the block ends."""
        return self._BATCH(self)

    def __getattr__(self, name: str) -> Any:
        raise _no_such_method(self, name)


class DynamicBatch(BaseBatch):
    """What every batch class `connect` builds subclasses: the client's methods, each returning
    a BatchResult."""

    def __getattr__(self, name: str) -> Any:
        raise _no_such_method(self, name)


def _client_class(plan: ServicePlan) -> type[DynamicClient]:
    """The client class of a service plan: one method per RPC method, and its batch class."""
    errors = _error_classes(plan)
    batch = type(
        plan.names.batch,
        (DynamicBatch,),
        {
            "__doc__": f"A batch of {plan.names.client} calls: each returns a BatchResult.",
            "__module__": __name__,
            **{m.name: _rpc_method(m, plan.names.batch, m.summary) for m in plan.methods},
        },
    )
    namespace = {
        "__doc__": plan.doc,
        "__module__": __name__,
        "_SERVICE": plan.service,
        "_ERRORS": {e.code: errors[e.name] for e in plan.errors},
        "_BATCH": batch,
        **errors,
        **{m.name: _rpc_method(m, plan.names.client, m.doc) for m in plan.methods},
    }
    return type(plan.names.client, (DynamicClient,), namespace)


def _error_classes(plan: ServicePlan) -> dict[str, type[Exception]]:
    classes: dict[str, type[Exception]] = {"RpcError": RpcError, "TransportError": TransportError}
    classes |= {cls.__name__: cls for cls in _STANDARD_ERRORS.values()}
    for error in plan.errors:
        if error.name not in classes:  # a standard code under its standard name has its class
            base = _STANDARD_ERRORS.get(error.code, RpcError)
            namespace = {"code": error.code, "__doc__": error.doc, "__module__": __name__}
            classes[error.name] = type(error.name, (base,), namespace)
    return classes


def _rpc_method(plan: MethodPlan, owner: str, doc: str) -> Callable[..., Any]:
    """The method of a client (returns the result) or of a batch (returns a BatchResult), named,
    documented and signed like the generated one, for help()."""

    def method(self: BaseClient | BaseBatch, /, *args: Any, **kwargs: Any) -> Any:
        params = _params(plan, args, kwargs)
        if plan.notification:
            return self._notify(plan.rpc_name, params)
        return self._call(plan.rpc_name, params)

    method.__name__ = plan.name
    method.__qualname__ = f"{owner}.{plan.name}"
    method.__doc__ = doc
    this = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    parameters = [this, *plan.signature.parameters.values()]
    # The ignore: mypy does not know functions carry __signature__; inspect.signature reads it.
    method.__signature__ = plan.signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    return method


def _params(plan: MethodPlan, args: tuple[Any, ...], kwargs: dict[str, Any]) -> _Params:
    """The call's arguments as the generated method would send them (TypeError if they do not
    fit the signature); warns first when the method is deprecated."""
    bound = plan.signature.bind(*args, **kwargs)
    bound.apply_defaults()
    if plan.deprecated:
        message = f"{plan.rpc_name} is deprecated"
        warnings.warn(message, DeprecationWarning, stacklevel=3)  # the caller of the method
    if not plan.py_names:
        return None
    values = [bound.arguments[py] for py in plan.py_names]
    if plan.by_position:
        last_required = max((i + 1 for i, r in enumerate(plan.required) if r), default=0)
        return _positional(values, last_required)
    pairs = list(zip(plan.wire_names, values, plan.required, strict=True))
    return _named(
        {name: value for name, value, required in pairs if required},
        {name: value for name, value, required in pairs if not required},
    )


def _no_such_method(obj: object, name: str) -> AttributeError:
    """An AttributeError for a name the service has no method for, with the nearest names."""
    methods = [n for n, v in vars(type(obj)).items() if inspect.isfunction(v) and n[0] != "_"]
    near = difflib.get_close_matches(name, methods, n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    return AttributeError(f"{type(obj).__name__} has no attribute {name!r}{hint}")
