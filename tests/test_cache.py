"""The result cache: an unchanged file is not read again and the report is the same; a change to
the file, its name or the configuration is a miss; a damaged entry is ignored; --no-cache and
perflint cache clean."""
from __future__ import annotations

import json
import pickle
import shutil

import pytest
from click.testing import CliRunner

from perflint import documents
from perflint.cli import main

from conftest import SAMPLES


@pytest.fixture
def cached(tmp_path, monkeypatch):
    monkeypatch.delenv("PERFLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("PERFLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def check(folder, *args):
    result = CliRunner().invoke(main, ["check", str(folder), "--isolated", "--format", "json", *args])
    return json.loads(result.stdout)


def entries(tmp_path):
    return sorted((tmp_path / "cache").rglob("*.pickle"))


def test_an_unchanged_folder_is_not_read_again_and_reports_the_same(cached, tmp_path, monkeypatch):
    cold = check(cached)
    assert len(entries(tmp_path)) == 4
    calls = []
    real = documents.extract_parts
    monkeypatch.setattr(documents, "extract_parts", lambda *a, **k: calls.append(a) or real(*a, **k))
    import perflint.run
    monkeypatch.setattr(perflint.run, "extract_parts", documents.extract_parts)
    warm = check(cached)
    assert calls == [] and warm == cold          # nothing read, the same report to the byte
    # one file changed: only it is read again
    (cached / "ningxia-jycy-2024.txt").write_text(
        (cached / "ningxia-jycy-2024.txt").read_text(encoding="utf-8") + "\n补充说明\n", encoding="utf-8")
    check(cached)
    assert [a[0].rsplit("/", 1)[1] for a in calls] == ["ningxia-jycy-2024.txt"]
    # another configuration is another result
    calls.clear()
    check(cached, "--ignore", "PF204")
    assert len(calls) == 4


def test_a_damaged_entry_is_ignored_and_written_again(cached, tmp_path):
    cold = check(cached)
    for entry in entries(tmp_path):
        entry.write_bytes(b"not a pickle")
    assert check(cached) == cold
    assert all(entry.read_bytes() != b"not a pickle" for entry in entries(tmp_path))
    for entry in entries(tmp_path):        # a pickle, but not of an outcome (an older perflint's)
        entry.write_bytes(pickle.dumps(("result", [], None, [])))
    assert check(cached) == cold


def test_no_cache_and_cache_clean(cached, tmp_path):
    check(cached, "--no-cache")
    assert entries(tmp_path) == []
    check(cached)
    assert len(entries(tmp_path)) == 4
    where = CliRunner().invoke(main, ["cache", "dir"]).output.strip()
    assert where.startswith(str(tmp_path / "cache"))
    cleaned = CliRunner().invoke(main, ["cache", "clean"])
    assert cleaned.exit_code == 0 and "4 条" in cleaned.output and entries(tmp_path) == []
    shown = CliRunner().invoke(main, ["check", str(cached / "ningxia-jycy-2024.txt"), "--show-settings"]).output
    assert "结果缓存" in shown and str(tmp_path / "cache") in shown


def test_findings_cached_in_one_language_are_not_shown_in_another(cached, tmp_path, monkeypatch):
    # the run's language comes from the working directory's configuration; the files' own
    # configuration (docs/perflint.toml) does not change, so only the run's language tells the
    # entries apart
    (cached / "perflint.toml").write_text('select = ["ALL"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def run_in(lang: str, *args: str) -> dict:
        (tmp_path / "perflint.toml").write_text(f'lang = "{lang}"\n', encoding="utf-8")
        # (without cross-document rules: what they collect is keyed by the run's settings anyway)
        result = CliRunner().invoke(main, ["check", str(cached), "--format", "json", "--ignore", "PF501,PF502",
                                           *args])
        return json.loads(result.stdout)

    chinese = run_in("zh")
    english = run_in("en")
    assert english == run_in("en", "--no-cache") != chinese
    assert [f["fingerprint"] for f in english["findings"]] == [f["fingerprint"] for f in chinese["findings"]]
