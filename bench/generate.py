"""Generator benchmark: generate() per spec next to datamodel-code-generator alone on the same schemas.

    python bench/generate.py [--specs DIR] [--quick] [--tokens]

Prints, per spec of ../shared/specs and per synthetic spec of 50/200/800 methods: the full pipeline
(uncached), datamodel-code-generator alone on exactly the JSON Schema document the pipeline hands it
(same options, so no formatting), that plus Black (what datamodel-code-generator does by default),
and the ratios; then the 800/200 scaling ratio, the cost of a second generate() of an unchanged spec,
and the interface size as tokens (words and punctuation marks) over the spec's tokens (the spec as
``json.dumps(document, indent=2)``). ``--tokens`` prints only that last figure, without timings.
Targets (issue 2): pipeline <= 1.5x datamodel-code-generator alone; 800 methods <= 4.5x the
200-method time; second generate() <= 5 ms; median interface/spec tokens <= 0.12.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import black

from generator import generate
from generator.describe import describe
from generator.format import CLIENT_MODE
from generator.options import Options
from generator.pipeline import _run_stages
from generator.typegen import run_datamodel_codegen, types_input

ROOT = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> int:
    return len(TOKEN.findall(text))


def best_of(fn: Callable[[], Any], runs: int) -> float:
    """Fastest of ``runs`` calls, in ms (the least disturbed by the rest of the machine)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def dcg_input(document: dict[str, Any]) -> dict[str, Any]:
    described = describe(document)
    return types_input(described.service, described.names).schema


def synthetic(methods: int) -> dict[str, Any]:
    """A spec of ``methods`` methods over methods/4 component schemas, each method with two params
    (one a ref) and an object result with a ref inside."""
    schemas = {
        f"Thing{i}": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "size": {"type": "integer"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "kind": {"enum": ["a", "b", "c"]},
            },
        }
        for i in range(max(1, methods // 4))
    }

    def ref(i: int) -> dict[str, str]:
        return {"$ref": f"#/components/schemas/Thing{i % len(schemas)}"}

    return {
        "openrpc": "1.3.2",
        "info": {"title": f"synthetic_{methods}", "version": "1.0.0"},
        "methods": [
            {
                "name": f"group{i % 7}.method{i}",
                "summary": f"Method number {i}.",
                "params": [
                    {"name": "id", "required": True, "schema": {"type": "string"}},
                    {"name": "thing", "schema": ref(i)},
                ],
                "result": {
                    "name": "out",
                    "schema": {
                        "type": "object",
                        "properties": {"thing": ref(i + 1), "count": {"type": "integer"}},
                    },
                },
            }
            for i in range(methods)
        ],
        "components": {"schemas": schemas},
    }


def measure(label: str, document: dict[str, Any], source: Any, runs: int) -> dict[str, Any]:
    schema = dcg_input(document)
    dcg_ms = best_of(lambda: run_datamodel_codegen(schema, Options()), runs)
    types_text = run_datamodel_codegen(schema, Options())
    black_ms = best_of(lambda: black.format_str(types_text, mode=CLIENT_MODE), runs)
    pipeline_ms = best_of(lambda: _run_stages(source, Options()), runs)
    result = generate(source)
    return {
        "spec": label,
        "methods": len(document.get("methods", [])),
        "pipeline_ms": pipeline_ms,
        "dcg_ms": dcg_ms,
        "dcg_black_ms": dcg_ms + black_ms,
        "ratio": pipeline_ms / dcg_ms,
        "ratio_vs_dcg_black": pipeline_ms / (dcg_ms + black_ms),
        "token_ratio": token_ratio(document, result.interface),
    }


def token_ratio(document: dict[str, Any], interface: str) -> float:
    return tokens(interface) / tokens(json.dumps(document, indent=2))


def print_token_ratios(specs: Path) -> None:
    """The ``--tokens`` report: interface/spec tokens per spec, then the median and max line."""
    rows = []
    for path in sorted(specs.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        rows.append(
            {
                "methods": len(document.get("methods", [])),
                "token_ratio": token_ratio(document, generate(path).interface),
            }
        )
        print(
            f"{path.stem:44} {rows[-1]['methods']:4} methods  "
            f"interface/spec tokens {rows[-1]['token_ratio']:.3f}",
            flush=True,
        )
    print_token_summary(rows)


def print_token_summary(rows: list[dict[str, Any]]) -> None:
    token_ratios = [r["token_ratio"] for r in rows if r["methods"]]
    print(
        f"interface tokens / spec tokens: median {statistics.median(token_ratios):.3f} "
        f"(target <= 0.12), max {max(token_ratios):.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--specs", type=Path, default=ROOT.parent / "shared" / "specs")
    parser.add_argument("--quick", action="store_true", help="one run each instead of best of 3")
    parser.add_argument("--tokens", action="store_true", help="only the token ratios, no timings")
    args = parser.parse_args()
    if args.tokens:
        print_token_ratios(args.specs)
        return
    runs = 1 if args.quick else 3
    generate(ROOT / "golden" / "hero_books" / "openrpc.json")  # imports and compiled validators

    rows = []
    for path in sorted(args.specs.glob("*.json")):
        rows.append(measure(path.stem, json.loads(path.read_text(encoding="utf-8")), path, runs))
        print_row(rows[-1])
    synthetic_rows = {}
    for size in (50, 200, 800):
        document = synthetic(size)
        synthetic_rows[size] = measure(f"synthetic-{size}", document, document, runs)
        print_row(synthetic_rows[size])

    hero = ROOT / "golden" / "hero_books" / "openrpc.json"
    big = args.specs / "ethereum-execution-apis.json"
    generate(hero), generate(big)
    cached_ms = best_of(lambda: generate(hero), 20)
    cached_big_ms = best_of(lambda: generate(big), 5)
    ratios = [r["ratio"] for r in rows]
    print()
    print(
        f"pipeline / datamodel-code-generator alone: median {statistics.median(ratios):.2f}x, "
        f"max {max(ratios):.2f}x (target <= 1.5x)"
    )
    print(
        f"pipeline / (datamodel-code-generator + Black): median "
        f"{statistics.median(r['ratio_vs_dcg_black'] for r in rows):.2f}x"
    )
    scale = synthetic_rows[800]["pipeline_ms"] / synthetic_rows[200]["pipeline_ms"]
    print(f"800 methods / 200 methods: {scale:.2f}x (target <= 4.5x)")
    print(
        f"second generate() of an unchanged spec: {cached_ms:.2f} ms (hero_books), "
        f"{cached_big_ms:.2f} ms (ethereum-execution-apis, 2 MB) (target <= 5 ms)"
    )
    print_token_summary(rows)


def print_row(row: dict[str, Any]) -> None:
    print(
        f"{row['spec']:44} {row['methods']:4} methods  pipeline {row['pipeline_ms']:8.0f} ms  "
        f"dcg {row['dcg_ms']:7.0f} ms  dcg+black {row['dcg_black_ms']:7.0f} ms  "
        f"ratio {row['ratio']:5.2f}x  vs dcg+black {row['ratio_vs_dcg_black']:5.2f}x  "
        f"interface/spec tokens {row['token_ratio']:.3f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
