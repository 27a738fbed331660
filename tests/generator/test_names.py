"""Spec names -> Python identifiers."""

from __future__ import annotations

import keyword

import pytest

from generator.errors import SpecWarning
from generator.model import Method, Param, Service
from generator.names import (
    method_names,
    pascal_case,
    safe_identifier,
    snake_case,
    unique_names,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("book.list", "book_list"),
        ("eth_getBlockByHash", "eth_get_block_by_hash"),
        ("Filecoin.ChainHead", "filecoin_chain_head"),
        ("device.io.tap", "device_io_tap"),
        ("token-account", "token_account"),
        ("Block hash", "block_hash"),
        ("HTTPServer", "http_server"),
        ("café", "cafe"),
        ("__init__", "init"),
    ],
)
def test_snake_case(raw: str, expected: str) -> None:
    assert snake_case(raw) == expected


def test_pascal_case_of_a_service_name() -> None:
    assert pascal_case("hero_books") == "HeroBooks"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("from", "from_"), ("class", "class_"), ("2fa", "m_2fa"), ("", "m"), ("close", "close_")],
)
def test_safe_identifier(raw: str, expected: str) -> None:
    assert safe_identifier(raw, "m", frozenset({"close"})) == expected


def test_unique_names_keep_the_first_and_number_the_rest() -> None:
    assert unique_names(["a", "a", "b", "a"], taken={"b"}) == ["a", "a_2", "b_2", "a_3"]


def _service(*methods: Method) -> Service:
    return Service("s", "s", "1", "1.3.2", methods, {}, "0" * 64)


def test_colliding_method_names_are_numbered_in_spec_order_and_warned() -> None:
    methods = [Method(n, (), None, f"/methods/{i}") for i, n in enumerate(["a.b", "a_b", "a-b"])]
    warnings: list[SpecWarning] = []
    names = method_names(_service(*methods), "spec.json", warnings)
    assert [n.name for n in names] == ["a_b", "a_b_2", "a_b_3"]
    assert [w.pointer for w in warnings] == ["/methods/1", "/methods/2"]
    assert warnings[0].message == "method 'a_b' is named a_b_2 in Python: a_b is taken by 'a.b'"
    assert warnings[1].message == "method 'a-b' is named a_b_3 in Python: a_b is taken by 'a.b'"


def test_param_names_avoid_keywords_self_and_the_body_names() -> None:
    params = tuple(Param(n, {}) for n in ["from", "self", "cast", "Block hash", "block-hash"])
    warnings: list[SpecWarning] = []
    (names,) = method_names(_service(Method("m", params, None, "/methods/0")), "f", warnings)
    assert names.params == ("from_", "self_", "cast_", "block_hash", "block_hash_2")
    assert all(not keyword.iskeyword(p) for p in names.params)
    assert warnings[0].pointer == "/methods/0/params/4"
