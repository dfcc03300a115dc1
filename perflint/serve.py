"""``perflint serve``: a local web page where office staff drop their tables and read the
findings beside the tables themselves — and a JSON endpoint for budget systems.

Built on Starlette (served by uvicorn). Safe by construction:

- uploads are streamed, chunk by chunk, into a private temporary folder (mode 0700) under names
  perflint makes (``0.docx``, ``1.xlsx``: the user's file name is only ever shown, escaped, never
  used as a path), with a size limit per file and a count limit per request, and the folder is
  deleted before the response is sent;
- checks run in a bounded pool of worker processes (``--workers``), off the event loop, each file
  under perflint's own time and memory budget, so one huge PDF does not hold up other users;
- every text from a document is escaped; a file perflint cannot read is a finding, never a 500;
- it binds 127.0.0.1; another address needs ``--token`` (checked on every request but the
  health check, in constant time).

Downloads (the HTML and XLSX reports, the annotated copy of each file) travel inside the response
as ``data:`` links, so nothing of a user's is kept on the server after it has answered.
"""
from __future__ import annotations

import asyncio
import base64
import hmac
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route


@dataclass(frozen=True)
class ServeSettings:
    token: str | None = None
    workers: int = 2
    max_file_mb: int = 20
    max_files: int = 20
    config: Any = None                 # a config path, {} for none, or None for discovery
    lang: str = "zh"
    temp_root: str | None = None       # where private upload folders are made (default: the system's)
    accept_file: str | None = None     # where the page's 接受 button writes (default: found from the cwd)
    extra: dict = field(default_factory=dict)


class UploadRefused(Exception):
    """An upload beyond the limits, or not a form: the status and the message for the user."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


# ---- receiving files ----------------------------------------------------------------------------

async def receive_files(request: Request, folder: str, settings: ServeSettings) -> list[tuple[str, str]]:
    """Stream the request's files into ``folder``; (path, name as given) per file."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    from .readers import supported_suffixes

    limit = settings.max_file_mb * 1024 * 1024
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit * settings.max_files + 1024 * 1024:
        raise UploadRefused(413, f"上传的内容过大：每个文件不超过 {settings.max_file_mb} MB，"
                                 f"每次不超过 {settings.max_files} 个文件")
    kind, params = parse_options_header(request.headers.get("content-type", ""))
    if kind != b"multipart/form-data" or b"boundary" not in params:
        raise UploadRefused(400, "请以表单（multipart/form-data）上传文件，字段名为 file")
    files: list[tuple[str, str]] = []
    state: dict[str, Any] = {"header": b"", "value": b"", "disposition": b"", "out": None, "size": 0}
    suffixes = set(supported_suffixes())

    def on_part_begin():
        state.update(disposition=b"", out=None, size=0)

    def on_header_field(data, start, end):
        state["header"] += data[start:end]

    def on_header_value(data, start, end):
        state["value"] += data[start:end]

    def on_header_end():
        if state["header"].lower() == b"content-disposition":
            state["disposition"] = state["value"]
        state["header"] = state["value"] = b""

    def on_headers_finished():
        _, options = parse_options_header(state["disposition"])
        if b"filename" not in options:
            return                      # a plain field: nothing perflint needs
        if len(files) >= settings.max_files:
            raise UploadRefused(413, f"一次最多上传 {settings.max_files} 个文件")
        given = options[b"filename"].decode("utf-8", "replace")
        name = os.path.basename(given.replace("\\", "/")) or "未命名"
        suffix = os.path.splitext(name)[1].lower()
        path = os.path.join(folder, f"{len(files)}{suffix if suffix in suffixes else '.bin'}")
        state["out"] = open(path, "wb")
        files.append((path, name))

    def on_part_data(data, start, end):
        out = state["out"]
        if out is None:
            return
        state["size"] += end - start
        if state["size"] > limit:
            raise UploadRefused(413, f"文件“{files[-1][1]}”超过 {settings.max_file_mb} MB，未检查")
        out.write(data[start:end])

    def on_part_end():
        if state["out"] is not None:
            state["out"].close()
            state["out"] = None

    parser = MultipartParser(params[b"boundary"], {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field, "on_header_value": on_header_value,
        "on_header_end": on_header_end, "on_headers_finished": on_headers_finished,
        "on_part_data": on_part_data, "on_part_end": on_part_end})
    total, ceiling = 0, limit * settings.max_files + 1024 * 1024
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > ceiling:         # whatever the parts are, the request as a whole is bounded
                raise UploadRefused(413, f"上传的内容过大：每个文件不超过 {settings.max_file_mb} MB，"
                                         f"每次不超过 {settings.max_files} 个文件")
            parser.write(chunk)
        parser.finalize()
    except UploadRefused:
        raise
    except Exception:
        raise UploadRefused(400, "上传的表单不完整或已损坏，请重新上传") from None
    finally:
        if state["out"] is not None:
            state["out"].close()
    if not files:
        raise UploadRefused(400, "没有收到文件：请选择或拖入 .docx、.xlsx、.pdf、.txt 等文件")
    return files


# ---- the work, in a worker process -------------------------------------------------------------

def check_uploads(files: list[tuple[str, str]], config: Any, lang: str, accept_file: str | None,
                  page: bool) -> dict:
    """Check the uploaded files (in a worker process) and return what the response needs: the
    JSON report, and for the page the rendered results and the downloads."""
    from . import accept
    from .run import check

    names = {path: name for path, name in files}
    # the models kept, so that the page draws the tables without reading the files again
    report = check([path for path, _ in files], config, names=names, lang=lang, models=True)
    accepted = accept_file or accept.find()
    if accepted:
        try:
            accept.apply(report, accepted)
        except accept.AcceptError:
            pass                         # a broken accept file must not take the page down
    if not page:
        return {"json": report.to_json()}
    from .web import render_results

    downloads = _downloads(files, report, lang)
    return {"json": report.to_json(), "html": render_results(report, files, downloads, lang)}


def _downloads(files: list[tuple[str, str]], report, lang: str) -> dict:
    """The reports and the annotated copies, as (file name, data: URL)."""
    from .annotate import annotate_file
    from .reporters import RenderOptions, write_file

    folder = os.path.dirname(files[0][0])
    out = os.path.join(folder, "out")
    os.makedirs(out, exist_ok=True)
    made: dict[str, Any] = {"reports": [], "copies": {}}
    for fmt, mime in (("html", "text/html"),
                      ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")):
        target = os.path.join(out, f"report.{fmt}")
        write_file(report, fmt, target, RenderOptions(lang=lang))
        made["reports"].append((f"perflint-报告.{fmt}", _data_url(target, mime)))
    by_file: dict[str, list] = {}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    for k, (path, name) in enumerate(files):
        sub = os.path.join(out, str(k))
        os.makedirs(sub)
        done = annotate_file(path, by_file.get(name, []), sub, report, lang)
        stem = os.path.splitext(name)[0]
        mime = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}.get(done.kind, "text/html")
        made["copies"][name] = (f"{stem}.perflint.{done.kind}", _data_url(done.copy, mime))
    return made


def _data_url(path: str, mime: str) -> str:
    with open(path, "rb") as f:
        return f"data:{mime};base64,{base64.b64encode(f.read()).decode('ascii')}"


# ---- the application ----------------------------------------------------------------------------

def create_app(settings: ServeSettings = ServeSettings()) -> Starlette:
    from .web import page

    pool: dict[str, ProcessPoolExecutor] = {}

    def new_pool() -> ProcessPoolExecutor:
        import multiprocessing

        # spawned, not forked: a fork of a process running an event loop and threads is unsafe
        return ProcessPoolExecutor(settings.workers, mp_context=multiprocessing.get_context("spawn"))

    @asynccontextmanager
    async def lifespan(app):
        pool["workers"] = new_pool()
        try:
            yield
        finally:
            # the workers end with the server: none is left running once it has stopped
            pool["workers"].shutdown(wait=True, cancel_futures=True)

    def allowed(request: Request) -> bool:
        if settings.token is None:
            return True
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip() \
            or request.query_params.get("token", "")
        return hmac.compare_digest(given.encode(), settings.token.encode())

    def refused() -> Response:
        return HTMLResponse("<!DOCTYPE html><meta charset=utf-8><title>perflint</title>"
                            "<p>访问口令不正确：请使用管理员提供的完整链接（含 ?token=…）。</p>", status_code=403)

    async def index(request: Request) -> Response:
        if not allowed(request):
            return refused()
        return HTMLResponse(page(settings, request.query_params.get("token", "")))

    async def run_check(request: Request, as_page: bool) -> dict:
        folder = tempfile.mkdtemp(prefix="perflint-upload-", dir=settings.temp_root)
        os.chmod(folder, 0o700)
        try:
            files = await receive_files(request, folder, settings)
            lang = request.query_params.get("lang") if request.query_params.get("lang") in ("zh", "en") \
                else settings.lang
            loop = asyncio.get_running_loop()
            workers = pool["workers"]
            try:
                return await loop.run_in_executor(workers, check_uploads, files, settings.config, lang,
                                                  settings.accept_file, as_page)
            except BrokenProcessPool:
                # a worker died under these files (one crashed a reader's native code, or memory
                # ran out): they are refused with a word, and the next upload has new workers —
                # a broken pool would refuse every upload from here on
                if pool["workers"] is workers:
                    pool["workers"] = new_pool()
                    workers.shutdown(wait=False, cancel_futures=True)
                raise UploadRefused(422, "检查这些文件的进程意外退出，未能检查（文件可能已损坏，或服务器内存不足）；"
                                         "请确认文件能用 Word、Excel 或 WPS 正常打开，另存后重试") from None
        finally:
            shutil.rmtree(folder, ignore_errors=True)      # nothing of the user's stays

    async def check_page(request: Request) -> Response:
        if not allowed(request):
            return refused()
        try:
            done = await run_check(request, True)
        except UploadRefused as err:
            from html import escape

            return HTMLResponse(f'<div class="refused">{escape(str(err))}</div>', status_code=err.status)
        return HTMLResponse(done["html"])

    async def check_api(request: Request) -> Response:
        if not allowed(request):
            return JSONResponse({"error": "访问口令不正确"}, status_code=403)
        try:
            done = await run_check(request, False)
        except UploadRefused as err:
            return JSONResponse({"error": str(err)}, status_code=err.status)
        return JSONResponse(done["json"])

    async def accept_finding(request: Request) -> Response:
        if not allowed(request):
            return JSONResponse({"error": "访问口令不正确"}, status_code=403)
        return JSONResponse(*_accept(await _json(request), settings))

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True})

    return Starlette(routes=[
        Route("/", index), Route("/check", check_page, methods=["POST"]),
        Route("/api/check", check_api, methods=["POST"]), Route("/accept", accept_finding, methods=["POST"]),
        Route("/healthz", health),
    ], lifespan=lifespan)


async def _json(request: Request) -> dict:
    try:
        data = await request.json()
    except Exception:
        return {}
    return data if isinstance(data, dict) else {}


def _accept(data: dict, settings: ServeSettings) -> tuple[dict, int]:
    """The page's 接受 button: the finding's file, key, code and message, and the reason."""
    from . import accept
    from .findings import Location, make

    fields = ("file", "key", "code", "message", "reason")
    if not all(isinstance(data.get(k), str) and 0 < len(data[k]) <= 2000 for k in fields):
        return {"error": "请写明接受的理由"}, 400
    by = data.get("by") if isinstance(data.get("by"), str) else ""
    target = settings.accept_file or str(accept.find() or os.path.join(os.getcwd(), accept.FILE_NAME))
    finding = make(code=data["code"], name="", category="", severity="info", message=data["message"],
                   file=data["file"], line=None)._replace(within=data["key"], location=Location(data["file"], None))
    try:
        accept.add(target, [finding], data["reason"], by[:100] or None)
    except accept.AcceptError as err:
        return {"error": str(err)}, 400
    return {"ok": True, "file": target}, 200
