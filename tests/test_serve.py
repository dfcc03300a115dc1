"""perflint serve: the local page in a real browser (drop, read, download the commented copy),
the JSON endpoint, the limits and the access check, and a bounded load test. Every server is
started here, in its own process, with its own temporary folder."""
from __future__ import annotations

import asyncio
import base64
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import docx
import httpx
import pytest
from click.testing import CliRunner
from test_html_report import ARTIFACTS, browser  # noqa: F401 - the shared headless Chromium

from perflint.cli import main

from conftest import SAMPLES

REALWORLD = SAMPLES.parent / "tests" / "data" / "realworld"
WORD = REALWORLD / "yuanzhou" / "yuanzhou_2022_shuiyuan.docx"
EXCEL = REALWORLD / "wuhai" / "wuhai_2021_zaisheng.xlsx"
TEXT = SAMPLES / "ningxia-jycy-2024.txt"


class Server:
    """``perflint serve`` in a process of its own, on a free port, with a private TMPDIR."""

    def __init__(self, folder: Path, *args: str, isolated: bool = True):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.tmp = folder / "tmp"
        self.tmp.mkdir(parents=True)
        self.cwd = folder
        env = {**os.environ, "TMPDIR": str(self.tmp)}
        self.process = subprocess.Popen([sys.executable, "-m", "perflint", "serve", "--no-browser",
                                         *(["--isolated"] if isolated else []),
                                         "--port", str(self.port), *args], cwd=folder, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(150):
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not start: " + self.process.stdout.read().decode())

    def uploads_left(self) -> list[str]:
        return [p.name for p in self.tmp.iterdir() if p.name.startswith("perflint-upload-")]

    def peak_kb(self) -> int:
        """The peak resident memory of the server and its worker processes (Linux)."""
        total = 0
        pids = [self.process.pid] + self.children()
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
        return total

    def children(self) -> list[int]:
        return [int(p) for p in subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True,
                                               text=True).stdout.split()]

    def stop(self) -> list[int]:
        """Stop the server; the worker processes still running a moment later (none, or a leak)."""
        workers = self.children()
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        time.sleep(0.5)
        left = [pid for pid in workers if Path(f"/proc/{pid}").exists()
                and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()]
        for pid in left:
            os.kill(pid, 9)
        return left


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("serve"))
    yield s
    assert s.stop() == []                          # no worker outlives the server


def upload(path: Path, name: str | None = None):
    return ("file", (name or path.name, path.read_bytes()))


def test_the_json_endpoint_gives_what_check_gives(server, tmp_path):
    answer = httpx.post(server.url + "/api/check", files=[upload(TEXT, "宁夏.txt")], timeout=60)
    assert answer.status_code == 200
    data = answer.json()
    shutil.copy(TEXT, tmp_path / "宁夏.txt")
    os.chdir(tmp_path)
    cli = json.loads(CliRunner().invoke(main, ["check", "宁夏.txt", "--isolated", "--format", "json"]).stdout)
    assert data["summary"] == cli["summary"]
    assert [(f["code"], f["line"], f["message"]) for f in data["findings"]] == \
        [(f["code"], f["line"], f["message"]) for f in cli["findings"]]
    assert server.uploads_left() == []            # nothing of the user's stays


def test_a_bad_file_is_a_finding_never_a_500(server):
    answer = httpx.post(server.url + "/api/check", files=[("file", ("坏.docx", b"PK\x03\x04broken"))], timeout=60)
    assert answer.status_code == 200 and [f["code"] for f in answer.json()["findings"]] == ["PF001"]
    page = httpx.post(server.url + "/check", files=[("file", ("<i>坏<i>.docx", b"\x00" * 100))], timeout=60)
    assert page.status_code == 200 and "无法检查" in page.text
    assert "<i>坏<i>" not in page.text and "&lt;i&gt;坏&lt;i&gt;" in page.text     # names escaped too
    # a name is only ever shown: a path in it is not followed
    sneaky = httpx.post(server.url + "/api/check", files=[("file", ("../../etc/passwd.txt", b"x"))], timeout=60)
    assert sneaky.status_code == 200 and sneaky.json()["files"][0]["path"] == "passwd.txt"
    assert httpx.post(server.url + "/api/check", content=b"not a form", timeout=10).status_code == 400


def test_a_file_that_kills_its_worker_is_refused_and_the_next_upload_is_checked(tmp_path):
    from test_pool import KILLER

    (tmp_path / "local_rules").mkdir()
    (tmp_path / "local_rules" / "killer.py").write_text(KILLER, encoding="utf-8")
    (tmp_path / "perflint.toml").write_text('rule-paths = ["local_rules"]\n', encoding="utf-8")
    s = Server(tmp_path / "serve", "--config", str(tmp_path / "perflint.toml"), isolated=False)
    try:
        boom = [("file", ("boom.txt", "项目名称：爆炸\n".encode()))]
        answer = httpx.post(s.url + "/api/check", files=boom, timeout=60)
        assert answer.status_code == 422 and "进程意外退出" in answer.json()["error"]
        page = httpx.post(s.url + "/check", files=boom, timeout=60)
        assert page.status_code == 422 and "进程意外退出" in page.text
        after = httpx.post(s.url + "/api/check", files=[upload(TEXT)], timeout=60)     # new workers
        assert after.status_code == 200 and after.json()["summary"]["files"] == 1 and after.json()["findings"]
        assert s.uploads_left() == []
    finally:
        assert s.stop() == []


def test_limits_and_the_access_check(tmp_path):
    guarded = Server(tmp_path, "--token", "s3cret", "--max-file-mb", "1", "--max-files", "3")
    try:
        assert httpx.get(guarded.url + "/").status_code == 403
        assert httpx.get(guarded.url + "/?token=wrong").status_code == 403
        assert httpx.post(guarded.url + "/api/check", files=[upload(TEXT)]).status_code == 403
        ok = httpx.get(guarded.url + "/?token=s3cret")
        assert ok.status_code == 200 and 'data-token="s3cret"' in ok.text
        assert "http://" not in ok.text and "https://" not in ok.text     # offline: nothing fetched from elsewhere
        auth = {"Authorization": "Bearer s3cret"}
        big = httpx.post(guarded.url + "/api/check", headers=auth, timeout=30,
                         files=[("file", ("大.txt", b"x" * (1024 * 1024 + 10)))])
        assert big.status_code == 413 and "超过 1 MB" in big.json()["error"]
        # a request without a declared length, its bulk in a plain field, is bounded all the same
        def endless():
            yield b"--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"
            for _ in range(8):
                yield b"x" * (1024 * 1024)
        bulky = httpx.post(guarded.url + "/api/check", content=endless(), timeout=30,
                           headers={**auth, "Content-Type": "multipart/form-data; boundary=b"})
        assert bulky.status_code == 413
        many = httpx.post(guarded.url + "/api/check", headers=auth, timeout=30,
                          files=[upload(TEXT, f"{k}.txt") for k in range(4)])
        assert many.status_code == 413 and "最多上传 3 个文件" in many.json()["error"]
        assert guarded.uploads_left() == []
        httpx.post(guarded.url + "/api/check", headers=auth, files=[upload(TEXT)], timeout=60)   # workers busy once
    finally:
        assert guarded.stop() == []                # no worker outlives the server
    # another address than this computer's needs a token
    refused = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--no-browser"])
    assert refused.exit_code == 2 and "--token" in refused.output


def test_accepting_from_the_page_writes_the_accept_file(server):
    data = httpx.post(server.url + "/api/check", files=[upload(TEXT, "宁夏.txt")], timeout=60).json()
    first = data["findings"][0]
    page = httpx.post(server.url + "/check", files=[upload(TEXT, "宁夏.txt")], timeout=60).text
    start = page.index(f'data-code="{first["code"]}" data-message=')
    key = page[page.rindex('data-key="', 0, start) + 10:].split('"', 1)[0]
    answer = httpx.post(server.url + "/accept", json={"file": "宁夏.txt", "key": key, "code": first["code"],
                                                      "message": first["message"], "reason": "已核实"})
    assert answer.status_code == 200 and (server.cwd / "perflint-accepted.toml").exists()
    again = httpx.post(server.url + "/api/check", files=[upload(TEXT, "宁夏.txt")], timeout=60).json()
    assert again["summary"]["accepted"] == 1 and again["summary"]["findings"] == data["summary"]["findings"] - 1
    assert httpx.post(server.url + "/accept", json={"file": "x"}).status_code == 400
    (server.cwd / "perflint-accepted.toml").unlink()


def test_the_page_in_a_real_browser(server, browser, tmp_path):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(1366, 900)
    browser.get(server.url + "/")
    assert "预算绩效目标表检查" in browser.title
    started = time.perf_counter()
    # dropped on the drop zone, as a user drags files from a folder: the files are put in a
    # scratch input (the browser's only way in for files), then dropped as a DataTransfer
    browser.execute_script("const i = document.createElement('input'); i.type = 'file'; i.multiple = true;"
                           "i.id = 'scratch'; i.style.display = 'none'; document.body.appendChild(i);")
    browser.find_element(By.ID, "scratch").send_keys(f"{WORD}\n{EXCEL}")
    browser.execute_script("const dt = new DataTransfer(); for (const f of document.getElementById('scratch').files)"
                           " dt.items.add(f); document.getElementById('drop').dispatchEvent("
                           "new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));")
    WebDriverWait(browser, 90).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-done"))
    elapsed = time.perf_counter() - started
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-done") == "yes"
    files = browser.find_elements(By.CSS_SELECTOR, "section.file")
    assert [f.get_attribute("data-file") for f in files] == [WORD.name, EXCEL.name]
    for section in files:
        verdict = section.find_element(By.CSS_SELECTOR, ".verdict").text
        assert verdict.startswith(("需修改：", "可以提交"))
        # the table is drawn, with the rows that have findings coloured and numbered
        assert section.find_elements(By.CSS_SELECTOR, "table.form tr")
        marked = section.find_elements(By.CSS_SELECTOR, "table.form tr[data-mark]")
        assert marked and all(r.get_attribute("class").startswith("sev-") for r in marked)
        assert section.find_elements(By.CSS_SELECTOR, "ol.findings li .mark")
    # in the Word table, the very cell a finding names is outlined (the value of a row without a unit)
    hit = files[0].find_elements(By.CSS_SELECTOR, "table.form tr[data-mark] td.hit")
    assert any(c.text == "80000" for c in hit)
    assert "需修改" in browser.find_element(By.ID, "overall").text
    # the page fits a 1366-pixel screen: nothing wider than the window
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 1366
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "serve-page.png"))
    (ARTIFACTS / "serve-timing.txt").write_text(f"drop to rendered tables (docx + xlsx): {elapsed:.2f} s\n")
    # printed: the controls are left out, the findings go under their table, and it prints
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not browser.find_element(By.ID, "drop").is_displayed()
    assert browser.execute_script(
        "return getComputedStyle(document.querySelector('.cols')).gridTemplateColumns.split(' ').length") == 1
    printed = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {})["data"])
    assert printed.startswith(b"%PDF") and len(printed) > 10_000
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    # the commented copy downloads, and its comments read back
    link = files[0].find_element(By.CSS_SELECTOR, "a.copy")
    assert link.get_attribute("download") == WORD.stem + ".perflint.docx"
    data = base64.b64decode(link.get_attribute("href").split(",", 1)[1])
    comments = list(docx.Document(io.BytesIO(data)).comments)
    assert comments and all(c.author == "perflint" for c in comments)
    assert server.uploads_left() == []


def test_fifty_concurrent_uploads(server, tmp_path):
    """A bounded load test: 50 uploads at once, of mixed sizes, some corrupt."""
    bodies = [("宁夏.txt", TEXT.read_bytes()), (WORD.name, WORD.read_bytes()), (EXCEL.name, EXCEL.read_bytes()),
              ("坏.docx", b"PK\x03\x04" + os.urandom(2000)), ("大.txt", TEXT.read_bytes() * 8),
              ("乱.pdf", b"%PDF-1.4\n" + os.urandom(5000))]

    async def one(client, k):
        name, body = bodies[k % len(bodies)]
        t = time.perf_counter()
        answer = await client.post(server.url + "/check", files=[("file", (name, body))], timeout=300)
        return answer.status_code, time.perf_counter() - t, answer.text

    async def all_of_them():
        async with httpx.AsyncClient() as client:
            return await asyncio.gather(*(one(client, k) for k in range(50)))

    results = asyncio.run(all_of_them())
    codes = [code for code, _, _ in results]
    latencies = sorted(t for _, t, _ in results)
    assert codes == [200] * 50
    assert all('class="verdict' in text for _, _, text in results)
    peak = server.peak_kb()
    figures = (f"50 uploads: failures {codes.count(200) and 50 - codes.count(200)}, "
               f"p50 {statistics.median(latencies):.2f} s, p95 {latencies[int(0.95 * 50) - 1]:.2f} s, "
               f"peak memory {peak / 1024:.0f} MB (server and workers)\n")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "serve-load.txt").write_text(figures)
    assert peak < 1_500_000                         # the memory ceiling: 1.5 GB for all processes
    assert server.uploads_left() == []
