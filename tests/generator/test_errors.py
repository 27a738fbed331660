"""SpecError and SpecWarning: one line each, and a SpecError survives a trip through pickle."""

from __future__ import annotations

import pickle

from generator.errors import SpecError, SpecWarning, pointer


def test_one_line_with_source_and_pointer() -> None:
    assert str(SpecError("a.json", "/methods/2", "duplicate")) == "a.json: /methods/2: duplicate"
    assert str(SpecWarning("a.json", "", "odd")) == "a.json: /: odd"


def test_pointer_tokens_are_escaped() -> None:
    assert pointer("components", "schemas", "a/b~c", 3) == "/components/schemas/a~1b~0c/3"


def test_spec_error_pickles_with_its_fields() -> None:
    error = pickle.loads(pickle.dumps(SpecError("a.json", "/methods", "missing")))
    assert (error.source, error.pointer, error.message) == ("a.json", "/methods", "missing")
    assert str(error) == "a.json: /methods: missing"
