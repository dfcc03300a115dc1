"""Findings wait on disk when a run holds many: the report is the same, and so are its counts."""
from __future__ import annotations

import perflint
import perflint.spool as spool
from perflint.findings import Location, make
from perflint.reporters import render
from perflint.spool import Allowance, Buckets, Spool

from conftest import SAMPLES


def _finding(file: str, line: int):
    return make(code="PF999", name="made-up", category="text", severity="warning", message=f"第{line}行",
                file=file, line=line, coordinates={"kind": "docx", "table": 1, "row": line})


def test_buckets_give_back_each_files_findings_in_order_from_memory_and_disk():
    allowance = Allowance(memory_mb=0, batch=3)        # look at the memory every 3: always over
    buckets = Buckets(allowance)
    for line in range(1, 11):
        buckets.add("b.txt" if line % 2 else "a.txt", [_finding("b.txt" if line % 2 else "a.txt", line)])
    assert buckets.spilled and allowance.held < 3
    assert buckets.files() == {"a.txt", "b.txt"}
    assert [f.line for f in buckets.take("a.txt")] == [2, 4, 6, 8, 10]
    assert [f.line for f in buckets.take("b.txt")] == [1, 3, 5, 7, 9]
    assert buckets.take("a.txt") == [] and allowance.held == 0
    buckets.close()


def test_a_spool_on_disk_is_a_sequence_of_the_same_findings():
    allowance = Allowance(memory_mb=0, batch=5)
    spool_ = Spool(allowance, chunk=4)
    findings = [_finding("a.txt", line) for line in range(1, 24)]
    for k in range(0, len(findings), 3):
        spool_.extend(findings[k:k + 3])
    kept = spool_.finished()
    assert kept is spool_ and len(kept) == 23 and bool(kept)
    assert list(kept) == findings and list(kept) == findings          # walked twice
    assert kept[0] == findings[0] and kept[-1] == findings[-1] and kept[5:9] == findings[5:9]
    assert kept == findings
    assert type(kept[7].location) is Location and kept[7].location.coordinates == findings[7].location.coordinates
    assert sum(kept.tally.values()) == 23
    # walked from anywhere (a report written in parts), the parts before passed over
    for start in (0, 1, 3, 4, 5, 12, 22, 23, 30):
        assert list(kept.iter_from(start)) == findings[start:], start


def test_a_files_findings_handed_over_from_disk_stay_where_they_are(monkeypatch):
    buckets, spool_ = Buckets(Allowance(memory_mb=0, batch=2)), Spool(Allowance(), chunk=100)
    for line in range(1, 7):
        buckets.add("a.txt" if line <= 3 else "b.txt", [_finding("a.txt" if line <= 3 else "b.txt", line)])
    assert buckets.spilled
    writes = []
    real = spool._Disk.put
    monkeypatch.setattr(spool._Disk, "put", lambda disk, items: writes.append(len(items)) or real(disk, items))
    spool_.extend([_finding("0.txt", 1)])                      # in memory, before them
    buckets.hand_over("a.txt", spool_)
    buckets.hand_over("b.txt", spool_)
    spool_.extend([_finding("c.txt", 1)])
    buckets.close()                                          # the spool still reads their disk
    assert writes == []                                      # nothing written again
    assert [(f.file, f.line) for f in spool_] == [("0.txt", 1), ("a.txt", 1), ("a.txt", 2), ("a.txt", 3),
                                                  ("b.txt", 4), ("b.txt", 5), ("b.txt", 6), ("c.txt", 1)]
    assert len(spool_) == 8 and spool_[3].line == 3 and spool_[-1].file == "c.txt"
    assert sum(spool_.tally.values()) == 8 and spool_.finished() is spool_
    spool_.spill()                                           # the parts in memory join them on disk
    assert writes == [1, 1] and spool_.held == 0
    assert [(f.file, f.line) for f in spool_][::3] == [("0.txt", 1), ("a.txt", 3), ("b.txt", 6)]


def test_findings_held_share_one_copy_of_each_text_until_a_spill():
    allowance = Allowance()
    buckets = Buckets(allowance)
    # the same message made twice, in two files (as from two copies of one template)
    a, b = (make(code="PF999", name="made-up", category="text", severity="warning", file=name, line=3,
                 message="".join(["目标值", "未填写"]), text="".join(["持续", "提高"])) for name in ("a.txt", "b.txt"))
    assert a.message is not b.message
    buckets.add("a.txt", [a])
    buckets.add("b.txt", [b])
    kept_a, kept_b = buckets.take("a.txt")[0], buckets.take("b.txt")[0]
    assert (kept_a, kept_b) == (a, b) and type(kept_a.location) is Location
    assert kept_a.message is kept_b.message and kept_a.text is kept_b.text
    # findings that share what they share already are added as they are, when the caller says so
    c = a._replace(location=a.location._replace(file="c.txt"), message="".join(["目标值", "未填写"]))
    buckets.add("c.txt", [c], share=False)
    assert buckets.take("c.txt")[0].message is c.message is not kept_a.message
    unshared = Buckets(allowance, share=False)
    unshared.add("d.txt", [c], share=True)
    assert unshared.take("d.txt")[0].message is kept_a.message
    buckets.spill()                       # nothing held: the allowance's copies stay
    assert allowance._texts
    allowance.grew(0)
    allowance._next_look, allowance.memory_mb = 0, 0        # over the ceiling at the next look
    allowance.grew(0)
    assert allowance._texts == {}         # let go with the spill


def test_findings_sharing_much_already_have_their_texts_shared_only_once_memory_is_crowded(monkeypatch):
    # (a cross-document rule's: sharing them again costs time while memory is plentiful)
    a, b, c = (make(code="PF999", name="made-up", category="text", severity="warning", file=name, line=3,
                    message="".join(["目标值", "未填写"])) for name in ("a.txt", "b.txt", "c.txt"))
    allowance = Allowance(memory_mb=1000, batch=1)
    monkeypatch.setattr(spool, "resident_mb", lambda: 500.0)         # half the ceiling: plentiful
    when_crowded = Buckets(allowance, share=None)
    when_crowded.add("a.txt", [a])
    when_crowded.add("b.txt", [b])
    assert not allowance.crowded
    assert when_crowded.take("b.txt")[0].message is b.message
    monkeypatch.setattr(spool, "resident_mb", lambda: 800.0)         # past three quarters of it
    when_crowded.add("a.txt", [a, a])                                 # (seen at the look after this)
    assert allowance.crowded
    when_crowded.add("b.txt", [b])
    when_crowded.add("c.txt", [c])
    assert when_crowded.take("c.txt")[0].message is when_crowded.take("b.txt")[0].message
    monkeypatch.setattr(spool, "resident_mb", lambda: 100.0)         # and stays so for the run
    when_crowded.add("a.txt", [a])
    assert allowance.crowded
    # where memory cannot be read: crowded once half the findings allowed are held
    counted = Allowance(memory_mb=1000, batch=1, spill_at=4)
    monkeypatch.setattr(spool, "resident_mb", lambda: None)
    store = Buckets(counted, share=None)
    store.add("a.txt", [a])
    assert not counted.crowded
    store.add("b.txt", [b])
    assert counted.crowded


def test_a_spool_that_fits_is_a_list():
    spool_ = Spool(Allowance())
    spool_.extend([_finding("a.txt", 1)])
    assert spool_.finished() == [_finding("a.txt", 1)] and isinstance(spool_.finished(), list)


def test_a_run_that_spills_gives_the_report_of_one_that_does_not(monkeypatch):
    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    in_memory = perflint.check(paths)
    assert isinstance(in_memory.findings, list)
    monkeypatch.setattr(spool, "MEMORY_MB", 0)         # over the ceiling from the start
    monkeypatch.setattr(spool, "BATCH", 50)
    spilled = perflint.check(paths)
    assert isinstance(spilled.findings, Spool)
    assert [f.to_json() for f in spilled.findings] == [f.to_json() for f in in_memory.findings]
    assert spilled.summary == in_memory.summary and spilled.statistics() == in_memory.statistics()
    assert spilled.exit_code("warning") == in_memory.exit_code("warning")
    assert {f.code for f in spilled.findings} >= {"PF501", "PF502"}      # the cross-document ones too
    for fmt in ("full", "concise", "json", "sarif"):     # the reporters walk the spool as a list
        assert render(spilled, fmt) == render(in_memory, fmt), fmt


def test_without_room_on_disk_the_run_goes_on_in_memory(monkeypatch):
    def refused(self):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(spool._Disk, "__init__", refused)
    monkeypatch.setattr(spool, "MEMORY_MB", 0)
    monkeypatch.setattr(spool, "BATCH", 10)
    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    report = perflint.check(paths)
    assert isinstance(report.findings, list)
    monkeypatch.undo()
    assert [f.to_json() for f in report.findings] == [f.to_json() for f in perflint.check(paths).findings]


def _failing_rule_run(code, packed, folder, *rest):
    raise RuntimeError("the worker ran out of memory")


def test_a_cross_document_rule_whose_worker_fails_runs_in_the_run_itself(monkeypatch):
    import perflint.run as run

    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    alone = perflint.check(paths)
    monkeypatch.setattr(run, "_corpus_in_worker", _failing_rule_run)     # inherited by forked workers
    parallel = perflint.check(paths, jobs=2)
    assert {f.code for f in parallel.findings} >= {"PF501", "PF502"}
    assert [f.to_json() for f in parallel.findings] == [f.to_json() for f in alone.findings]


def test_findings_handed_back_through_a_file_come_back_whole_and_the_file_goes(tmp_path):
    found = [_finding(f"{k % 3}.docx", k) for k in range(1, 4_500)]      # three chunks
    path = spool.to_file(iter(found), str(tmp_path), size=2_000)
    assert [f.to_json() for f in spool.from_file(path)] == [f.to_json() for f in found]
    assert not list(tmp_path.iterdir())
    stopped = spool.from_file(spool.to_file(iter(found), str(tmp_path)))
    next(stopped)
    stopped.close()                     # the reading stops part way: the file goes all the same
    assert not list(tmp_path.iterdir())


def test_a_parallel_run_leaves_no_file_behind_and_gives_the_report_of_one_process(tmp_path, monkeypatch):
    import tempfile

    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    alone = perflint.check(paths)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)      # read TMPDIR again (workers inherit it)
    parallel = perflint.check(paths, jobs=2)
    assert {f.code for f in parallel.findings} >= {"PF501", "PF502"}
    assert [f.to_json() for f in parallel.findings] == [f.to_json() for f in alone.findings]
    assert not list(tmp_path.iterdir())
