"""Precision and recall on a synthetic corpus: injected defects are all found, nothing else changes."""
from __future__ import annotations

import importlib.util
import json
import sys

from conftest import ROOT


def corpus_module():
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus"] = module      # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_injected_defects_are_found_without_false_alarms(tmp_path):
    corpus = corpus_module()
    summary = corpus.generate(tables=320, out=tmp_path, defects=1.0, seed=7)
    assert summary["injected"] >= 10
    codes = {json.loads(line)["code"] for line in (tmp_path / "expected.jsonl").read_text(encoding="utf-8").splitlines()}
    assert len(codes) >= 4                     # several kinds of defect, not one
    result = corpus.score(tmp_path)
    assert result["recall"] == 1.0, result["details"]
    assert result["precision"] == 1.0, result["details"]
    assert result["regressions"] == 0, result["details"]


def test_renamed_copies_read_the_same(tmp_path):
    """Renaming projects changes nothing but the names: same tables, amounts and indicators."""
    import perflint

    corpus = corpus_module()
    corpus.generate(tables=79, out=tmp_path, defects=0.0, seed=3)
    origins = json.loads((tmp_path / "origins.json").read_text(encoding="utf-8"))
    for name, origin in origins.items():
        copy, original = perflint.extract(str(tmp_path / name)), perflint.extract(str(ROOT / "samples" / origin))
        assert [(p.amount("年度资金总额"), len(p.indicators)) for p in copy.projects] == \
            [(p.amount("年度资金总额"), len(p.indicators)) for p in original.projects]
        assert all(c.name.startswith(o.name) for c, o in zip(copy.projects, original.projects, strict=True))
