"""From files to Documents: read, recognise the layout, build the model."""
from __future__ import annotations

import os

from .layouts import build_document
from .model import Document, Loc, Problem
from .readers import Source, reader_for


def extract_file(path: str, budget_year: int | None = None) -> Document:
    """The model of one file. Never raises: unreadable input becomes an ``input`` problem."""
    reader = reader_for(path)
    if reader is None:
        suffix = os.path.splitext(path)[1] or "（无扩展名）"
        return Document(path, format=suffix.lstrip("."), problems=[Problem(
            "input", "unsupported-format", f"不支持的文件类型 {suffix}，未检查", Loc(path, 1))])
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as err:
        return Document(path, problems=[Problem(
            "input", "unreadable", f"无法读取文件：{err.strerror or err}", Loc(path, 1))])
    try:
        source: Source = reader(path, data)
    except Exception as err:   # a reader bug must not stop the batch
        return Document(path, problems=[Problem(
            "input", "reader-failed", f"读取文件时出错（{type(err).__name__}: {err}）", Loc(path, 1))])
    source.budget_year = budget_year
    return build_document(source)
