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


def corpus_entries(tmp_path):
    return sorted((tmp_path / "cache").rglob("*.findings"))


@pytest.fixture
def corpus_runs(monkeypatch):
    """The cross-document rules' runs, by code."""
    import perflint.run

    runs = []
    real = perflint.run._corpus_findings
    monkeypatch.setattr(perflint.run, "_corpus_findings", lambda r, *a: runs.append(r.code) or real(r, *a))
    return runs


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
    cleaned = CliRunner().invoke(main, ["cache", "clean"])      # four files', the cross-document checks'
    assert cleaned.exit_code == 0 and "5 条" in cleaned.output and entries(tmp_path) == []
    assert corpus_entries(tmp_path) == []
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


def test_an_unchanged_folder_reads_the_cross_document_findings_back(cached, tmp_path, corpus_runs):
    cold = check(cached)
    assert {"PF501", "PF502"} <= {f["code"] for f in cold["findings"]}     # both have findings here
    assert sorted(corpus_runs) == ["PF501", "PF502"] and len(corpus_entries(tmp_path)) == 1
    corpus_runs.clear()
    assert check(cached) == cold and corpus_runs == []
    # a change that leaves what the files give the rules as it was: nothing to run again
    path = cached / "weixian-rsj-2021.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n补充说明\n", encoding="utf-8")
    check(cached)
    assert corpus_runs == []
    # one that moves every row (a line before them): the rules run again, over every file's items
    path.write_text("说明\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    changed = check(cached)
    assert sorted(corpus_runs) == ["PF501", "PF502"] and len(corpus_entries(tmp_path)) == 2
    corpus_runs.clear()
    assert check(cached) == changed and corpus_runs == []
    # in another language the findings are other texts: the rules run again
    check(cached, "--lang", "en")
    assert sorted(corpus_runs) == ["PF501", "PF502"]
    # and under other settings, though the files give the rules the same items
    corpus_runs.clear()
    check(cached, "--ignore", "PF204")
    assert sorted(corpus_runs) == ["PF501", "PF502"]


def test_a_damaged_cross_document_entry_is_run_again(cached, tmp_path, corpus_runs):
    cold = check(cached)
    corpus_runs.clear()
    for entry in corpus_entries(tmp_path):          # cut short: no entry
        entry.write_bytes(entry.read_bytes()[:-5])
    assert check(cached) == cold and sorted(corpus_runs) == ["PF501", "PF502"]
    corpus_runs.clear()
    for entry in corpus_entries(tmp_path):          # whole, but what it holds cannot be read
        data = entry.read_bytes()
        entry.write_bytes(data[:9] + b"\xff" * (len(data) - 9))
    assert check(cached) == cold and sorted(corpus_runs) == ["PF501", "PF502"]
    corpus_runs.clear()
    assert check(cached) == cold and corpus_runs == []      # written again


def test_a_damaged_chunk_past_the_first_runs_the_rules_again(cached, tmp_path, monkeypatch, corpus_runs):
    import perflint.cache

    monkeypatch.setattr(perflint.cache, "CORPUS_CHUNK", 2)     # many chunks
    cold = check(cached)
    [entry] = corpus_entries(tmp_path)
    data = bytearray(entry.read_bytes())
    first = 9 + int.from_bytes(data[1:9], "little")
    data[first + 9:] = b"\xff" * (len(data) - first - 9)      # the second chunk on
    entry.write_bytes(bytes(data))
    corpus_runs.clear()
    assert check(cached) == cold and sorted(corpus_runs) == ["PF501", "PF502"]
    corpus_runs.clear()
    assert check(cached) == cold and corpus_runs == []          # written again


def test_only_the_newest_cross_document_entries_are_kept(cached, tmp_path, monkeypatch):
    import perflint.cache

    monkeypatch.setattr(perflint.cache, "CORPUS_KEPT", 2)
    path = cached / "weixian-rsj-2021.txt"
    for n in range(4):        # each moves every row, so each run is a new entry
        path.write_text(f"说明{n}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        check(cached)
    assert len(corpus_entries(tmp_path)) == 2          # the newest two


def test_an_unwritable_cache_still_gives_every_cross_document_finding(cached, tmp_path, monkeypatch):
    cold = check(cached, "--no-cache")
    import perflint.cache
    import perflint.files

    def refused(*args, **kwargs):
        raise OSError("read-only")
    monkeypatch.setattr(perflint.files, "replacing", refused)
    monkeypatch.setattr(perflint.cache.tempfile, "mkstemp", refused)
    assert check(cached) == cold and corpus_entries(tmp_path) == []


def test_cache_entries_are_their_owners_alone(cached, tmp_path):
    """They hold the documents' texts: 0600, though reports get the usual permissions."""
    import os

    check(cached)
    kept = entries(tmp_path) + corpus_entries(tmp_path)
    assert len(kept) == 5
    assert {os.stat(p).st_mode & 0o777 for p in kept} == {0o600}
