"""--shard K/N and perflint merge: a run split in parts, merged back into the one-run report."""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from perflint.cli import main

from conftest import SAMPLES


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_parts_merge_into_the_report_of_one_run(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for k in range(2):
        for path in SAMPLES.glob("*.txt"):
            shutil.copy(path, folder / f"{k}-{path.name}")
    one = invoke("check", folder, "--isolated", "--format", "json").stdout
    for k in (1, 2, 3):
        done = invoke("check", folder, "--isolated", "--shard", f"{k}/3", "-o", tmp_path / f"part{k}.bin")
        assert done.exit_code == 0 and f"第 {k}/3 部分" in done.output
    merged = invoke("merge", tmp_path / "part2.bin", tmp_path / "part1.bin", tmp_path / "part3.bin", "--format", "json")
    assert merged.stdout == one and merged.exit_code == 1         # the samples hold errors
    assert any('"PF501"' in line for line in one.splitlines())    # cross-document findings, across parts


def test_bad_shards_and_missing_parts_are_usage_errors(tmp_path):
    sample = SAMPLES / "ningxia-jycy-2024.txt"
    assert invoke("check", sample, "--shard", "3/2", "-o", tmp_path / "p").exit_code == 2
    assert invoke("check", sample, "--shard", "1/2").exit_code == 2              # -o is required
    invoke("check", sample, "--isolated", "--shard", "1/2", "-o", tmp_path / "p1")
    missing = invoke("merge", tmp_path / "p1")
    assert missing.exit_code == 2 and "缺少第 2 部分" in missing.output
    (tmp_path / "junk").write_bytes(b"not a part")
    assert invoke("merge", tmp_path / "junk").exit_code == 2
