"""The registry: the service-name rule every room relies on, and the records it keeps."""

from __future__ import annotations

import pytest

from router.registry import Registry, ServiceRecord, is_service_name
from router.upstream import Endpoint


@pytest.mark.parametrize("name", ["hero_books", "a", "svc2", "x" * 64])
def test_service_names_are_lower_snake_case(name: str) -> None:
    assert is_service_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "..",
        "../x",
        "a/b",
        "/etc",
        "a\x00",
        "Hero",
        "h\u00e9ros",
        "\uff48ero",  # fullwidth h: NFKC would fold it to "hero"
        "a-b",
        "a.b",
        "1a",
        "_a",
        "x" * 65,
        "a\n",
        "a%2e",
    ],
)
def test_anything_else_is_not_a_service_name(name: str) -> None:
    assert not is_service_name(name)


def record(name: str, status: str = "ok") -> ServiceRecord:
    return ServiceRecord(
        name=name,
        endpoint=Endpoint(socket_path=f"/run/{name}/rpc.sock"),
        status=status,  # type: ignore[arg-type]
        message="",
        spec_sha256="ab" * 32,
        spec_version="1.0.0",
        method_count=3,
        last_scan=2.0,
        last_change=1.0,
        generations=1,
    )


def test_records_come_sorted_by_name_and_replace_by_name() -> None:
    registry = Registry()
    for name in ("gamma", "alpha", "beta"):
        registry.put(record(name))
    registry.put(record("beta", "unreachable"))
    assert [r.name for r in registry.records()] == ["alpha", "beta", "gamma"]
    assert registry.get("beta") == record("beta", "unreachable")
    registry.remove("alpha")
    registry.remove("never-there")
    assert [r.name for r in registry.records()] == ["beta", "gamma"]
    assert registry.get("alpha") is None


def test_a_record_as_json_names_its_endpoint() -> None:
    assert record("alpha").as_json() == {
        "name": "alpha",
        "endpoint": "unix:/run/alpha/rpc.sock",
        "status": "ok",
        "message": "",
        "spec_sha256": "ab" * 32,
        "spec_version": "1.0.0",
        "method_count": 3,
        "last_scan": 2.0,
        "last_change": 1.0,
        "generations": 1,
    }
