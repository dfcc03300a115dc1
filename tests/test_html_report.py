"""The HTML report, opened in a real headless Chromium: content, filters, escaping, screenshot."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import perflint
from perflint.findings import make
from perflint.report import FileResult
from perflint.reporters import RenderOptions, render

from conftest import ROOT, SAMPLES

CHROMIUM, DRIVER = shutil.which("chromium") or "/usr/bin/chromium", shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = ROOT / "tests" / ".artifacts"
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def _report():
    report = perflint.check([str(SAMPLES)])
    # document text that looks like markup must show as text, never run
    report.files.append(FileResult("hostile.txt", "text-grid", 1))
    report.findings.append(make(
        code="PF801", name="leaked-markup", category="text", severity="error",
        message=f"混入了网页标记 {HOSTILE}", file="hostile.txt", line=3,
        coordinates={"kind": "docx", "table": 1, "row": 3, "column": "指标值"},
        project=f"项目{HOSTILE}", indicator="指标&lt;", hint="删除 <b>标记</b>", text=HOSTILE,
        fingerprint="hostile"))
    return report


def test_html_is_self_contained_and_escaped():
    page = render(_report(), "html", RenderOptions())
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned" in page
    assert 'onerror="window' not in page
    assert page.count('<tr class="finding"') == len(_report().findings)


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
        if os.environ.get("PERFLINT_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (tests/install-browser.sh installs it)")
        pytest.skip("Chromium not installed (tests/install-browser.sh installs it)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1400,1000", "--lang=zh-CN"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def test_report_in_a_real_browser(browser, tmp_path):
    from selenium.webdriver.common.by import By

    report = _report()
    path = tmp_path / "report.html"
    path.write_text(render(report, "html", RenderOptions()), encoding="utf-8")
    browser.get(path.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.finding")
    total = len(report.findings)

    def visible() -> int:
        return len([r for r in rows if r.is_displayed()])

    assert browser.title == "预算绩效目标表检查报告"
    assert len(rows) == total == visible()
    assert browser.execute_script("return window.__pwned") is None          # nothing ran
    hostile = browser.find_element(By.CSS_SELECTOR, 'tr[data-fingerprint="hostile"]')
    assert "<script>window.__pwned = 1</script>" in hostile.text and "表1 第3行 指标值" in hostile.text
    bars = browser.find_elements(By.CSS_SELECTOR, "#chart rect.bar")
    assert {b.get_attribute("data-category") for b in bars} == {f.category for f in report.findings}
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "html-report.png"))

    info = len([f for f in report.findings if f.severity == "info"])
    browser.find_element(By.CSS_SELECTOR, 'input[name="severity"][value="info"]').click()
    assert visible() == total - info
    assert browser.find_element(By.ID, "shown").text == str(total - info)
    browser.find_element(By.CSS_SELECTOR, 'input[name="category"][value="text"]').click()
    expected = len([f for f in report.findings if f.severity != "info" and f.category != "text"])
    assert visible() == expected
    # a file whose every finding is filtered out folds away
    assert not browser.find_element(By.XPATH, '//details[summary[contains(., "hostile.txt")]]').is_displayed()
    browser.find_element(By.CSS_SELECTOR, 'input[name="severity"][value="info"]').click()
    browser.find_element(By.CSS_SELECTOR, 'input[name="category"][value="text"]').click()
    browser.find_element(By.ID, "search").send_keys("PF402")
    # a finding that stands for PF402 (its covers) is found by the search too
    assert visible() == len([f for f in report.findings if "PF402" in (f.code, *f.covers)]) > 0
    browser.save_screenshot(str(ARTIFACTS / "html-report-filtered.png"))
    assert Path(ARTIFACTS / "html-report.png").stat().st_size > 10_000


def test_html_in_english():
    page = render(_report(), "html", RenderOptions(lang="en"))
    assert "<title>Budget performance target check</title>" in page and 'lang="en"' in page
