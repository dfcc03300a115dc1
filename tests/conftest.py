"""Shared test fixtures: sample paths and golden-file comparison (``--update-golden`` rewrites)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# the CLI keeps a result cache in the user's cache folder: the tests keep none (a cached result
# would hide what a test changes), except tests/test_cache.py, which uses a folder of its own
os.environ["PERFLINT_NO_CACHE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output instead of comparing")


def dump(obj, indent: int = 0) -> str:
    """JSON with nested structure indented but lists of scalars on one line (readable diffs)."""
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(obj, dict) and obj:
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dump(v, indent + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and any(isinstance(x, (dict, list)) for x in obj):
        return "[\n" + ",\n".join(inner + dump(x, indent + 1) for x in obj) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False)


@pytest.fixture
def golden(request):
    """``golden(name, data)``: compare ``data`` with tests/golden/<name>, or rewrite it."""
    update = request.config.getoption("--update-golden")

    def check(name: str, data) -> None:
        path = GOLDEN / name
        text = dump(data) + "\n"
        if update or not path.exists():
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {name} was missing and has been written; review it")
            return
        expected = json.loads(path.read_text(encoding="utf-8"))
        assert data == expected, f"{name} differs from the golden file (rerun with --update-golden after review)"

    return check
