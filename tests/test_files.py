"""Which files a run covers: folder walks skip lock files, hidden and build folders and what a
.gitignore or an exclude pattern names; nothing is skipped in silence; a run with nothing to check
is a usage error that says why."""
from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from perflint.cli import main
from perflint.files import collect
from perflint.readers import supported_suffixes

from conftest import SAMPLES

SAMPLE = SAMPLES / "ningxia-jycy-2024.txt"


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _tree(root):
    """A folder as reviewers receive them: tables, lock files, build output, a hidden folder."""
    for rel in ("a.txt", "sub/b.txt", "build/c.txt", "pkg.egg-info/d.txt", ".hidden/e.txt",
                "drafts/f.txt", "ignored/g.txt"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE, path)
    (root / "~$表.docx").write_bytes(b"\x00" * 162)           # Word's lock file beside an open 表.docx
    (root / "sub" / ".~lock.表.xlsx#").write_text("user,host", encoding="utf-8")
    (root / "notes.json").write_text("{}", encoding="utf-8")
    (root / ".gitignore").write_text("ignored/\n", encoding="utf-8")
    return root


def test_a_walk_skips_lock_files_hidden_and_build_folders_and_gitignored_files(tmp_path):
    root = _tree(tmp_path / "docs")
    selection = collect([str(root)], supported_suffixes())
    assert [p[len(str(root)) + 1:] for p in selection.files] == ["a.txt", "drafts/f.txt", "sub/b.txt"]
    assert sorted(p.rsplit("/", 1)[1] for p in selection.skipped["lock"]) == [".~lock.表.xlsx#", "~$表.docx"]
    assert [p.rsplit("/", 1)[1] for p in selection.skipped["unsupported"]] == ["notes.json"]
    # an exclude pattern is a .gitignore pattern: a folder anywhere (left out whole), or files
    excluded = collect([str(root)], supported_suffixes(), exclude=("drafts/",))
    assert "drafts/f.txt" not in [p[len(str(root)) + 1:] for p in excluded.files]
    by_name = collect([str(root)], supported_suffixes(), exclude=("b.txt",))
    assert [p[len(str(root)) + 1:] for p in by_name.skipped["excluded"]] == ["sub/b.txt"]
    # without the .gitignore and the defaults, everything but hidden and lock files is taken
    everything = collect([str(root)], supported_suffixes(), default_exclude=(), respect_gitignore=False)
    assert len(everything.files) == 6


def test_a_gitignore_above_the_folder_counts_inside_its_repository(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text("old/\n", encoding="utf-8")
    for rel in ("docs/new.txt", "docs/old/x.txt"):
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE, repo / rel)
    assert [p.rsplit("/", 1)[1] for p in collect([str(repo / "docs")], supported_suffixes()).files] == ["new.txt"]


def test_files_named_directly_are_checked_even_when_excluded_but_lock_files_never(tmp_path):
    root = _tree(tmp_path / "docs")
    named = collect([str(root / "build" / "c.txt"), str(root / "~$表.docx")], supported_suffixes(),
                    exclude=("build/",))
    assert named.files == (str(root / "build" / "c.txt"),)
    assert named.skipped == {"lock": (str(root / "~$表.docx"),)}


def test_skipped_files_are_counted_in_the_summary(tmp_path):
    root = _tree(tmp_path / "docs")
    code, out = run("check", str(root), "--format", "concise", "--isolated")
    assert "跳过 3 个文件：1 个格式不支持，2 个 Office 临时锁定文件" in out
    assert "共 3 个文件" in out
    code, out = run("check", str(root), "--format", "json", "--isolated")
    data = json.loads(out)
    assert data["summary"]["skipped"] == 3 and len(data["skipped"]["lock"]) == 2
    code, out = run("check", str(root), "--format", "concise", "--isolated", "--lang", "en")
    assert "Skipped 3 files: 1 in formats not supported, 2 office lock files" in out


def test_a_run_that_checks_no_file_is_a_usage_error_saying_why(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out = run("check", str(empty))
    assert code == 2 and "没有可检查的文件" in out and "没有文件" in out
    other = tmp_path / "other"
    other.mkdir()
    (other / "data.json").write_text("{}", encoding="utf-8")
    (other / "~$表.docx").write_bytes(b"\x00")
    code, out = run("check", str(other))
    assert code == 2 and "1 个文件的格式不受支持（.json" in out and "1 个 Office 临时锁定文件" in out
    code, out = run("extract", str(empty))
    assert code == 2 and "没有可检查的文件" in out


def test_a_folder_named_on_the_command_line_is_checked_though_a_gitignore_above_ignores_it(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text("out/\n", encoding="utf-8")
    (repo / "out" / "run").mkdir(parents=True)
    shutil.copy(SAMPLE, repo / "out" / "run" / "a.txt")
    assert len(collect([str(repo / "out" / "run")], supported_suffixes()).files) == 1
    assert collect([str(repo)], supported_suffixes()).files == ()          # walked into: ignored


# ---- writing a report (-o) ------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
def test_a_report_written_to_a_named_pipe_goes_into_it_and_leaves_the_pipe_a_pipe(tmp_path):
    """-o /dev/null or a pipe: written through, never replaced by a file (run as root, a rename
    over /dev/null would break every program on the machine)."""
    import stat
    import threading

    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    code, _ = run("check", str(SAMPLE), "--isolated", "--no-cache", "--format", "json", "-o", str(pipe))
    reader.join(timeout=60)
    assert code == 0            # findings below the fail level: the exit code a file would give
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert json.loads(received[0])["summary"]["projects"] > 0
    assert not list(tmp_path.glob(".perflint-*"))


def test_a_report_written_through_a_link_replaces_the_file_it_points_to_and_keeps_its_mode(tmp_path):
    target = tmp_path / "reports" / "report.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    run("check", str(SAMPLE), "--isolated", "--no-cache", "--format", "json", "-o", str(link))
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["projects"] > 0
    assert os.stat(target).st_mode & 0o777 == 0o640


def test_a_new_report_gets_the_usual_permissions_not_a_temporary_files(tmp_path):
    import perflint.files

    run("check", str(SAMPLE), "--isolated", "--no-cache", "--format", "json", "-o", str(tmp_path / "r.json"))
    assert os.stat(tmp_path / "r.json").st_mode & 0o777 == 0o666 & ~perflint.files._UMASK != 0o600


@pytest.mark.skipif(not os.path.islink("/dev/stdout"), reason="/dev/stdout is a link on Linux")
def test_a_report_written_to_dev_stdout_reaches_the_pipe_and_dev_stdout_stays_a_link():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "perflint", "check", str(SAMPLE), "--isolated", "--no-cache",
                           "--format", "json", "-o", "/dev/stdout"], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["summary"]["projects"] > 0
    assert os.path.islink("/dev/stdout")
