"""JUnit XML (CI dashboards): one testsuite per file, one failing testcase per finding; a file
with no finding gets one passing testcase, so every checked file shows up."""
from __future__ import annotations

from ..i18n import WORDS, where

ESCAPES_CONTROLS = True      # document text may carry terminal escapes: shown, never acted on
FORMATS = ("junit",)
MACHINE_READABLE = True


def render(report, options) -> str:
    from junitparser import Failure, JUnitXml, TestCase, TestSuite

    xml = JUnitXml("perflint")
    by_file: dict[str, list] = {fr.path: [] for fr in report.files}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    for path, findings in by_file.items():
        suite = TestSuite(path)
        if not findings:
            suite.add_testcase(TestCase("perflint", classname=path, time=0))
        for f in findings:
            name = f"{f.code} {f.name} ({where(f, WORDS['en']) or 'line 1'})"
            case = TestCase(name, classname=f"{path}.{f.project}" if f.project else path, time=0)
            failure = Failure(f.message, type_=f.severity)
            failure.text = "\n".join(x for x in (
                f"{f.file}:{f.line or 1}" + (f" [{where(f, WORDS['zh'])}]" if f.locator and f.locator.get("kind") != "txt" else ""),
                f.project and f"项目：{f.project}", f.indicator and f"指标：{f.indicator}",
                f.text and f"原文：{f.text}", f.hint and f"提示：{f.hint}") if x)
            case.result = [failure]
            suite.add_testcase(case)
        suite.update_statistics()
        xml.add_testsuite(suite)
    xml.update_statistics()
    body = xml.tostring()
    body = body.decode("utf-8") if isinstance(body, bytes) else body
    return body if body.startswith("<?xml") else '<?xml version="1.0" encoding="UTF-8"?>\n' + body
