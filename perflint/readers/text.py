"""The text reader: plain text in any of the encodings Chinese offices produce."""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from ..model import Loc, Problem
from . import Source

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def read_text(path: str, data: bytes) -> Source:
    """Plain text in UTF-8 (with or without BOM), UTF-16/32 or GB18030/GBK."""
    source = Source(path, "txt")
    if not data.strip():
        source.problems.append(Problem("input", "empty-file", "文件为空，没有可检查的内容",
                                       Loc(path, 1)))
        return source
    text, encoding = _decode(data)
    if text is None:
        message = ("文件含有大量二进制内容，不是文本文件（可能是改了扩展名的 Word、Excel 或压缩文件）"
                   if encoding == "binary" else
                   "无法识别文件编码（已尝试 UTF-8、UTF-16、GB18030），请另存为 UTF-8 文本后再检查")
        source.problems.append(Problem("input", "undecodable", message, Loc(path, 1)))
        return source
    text, script = to_simplified(text)
    source.encoding = encoding + (f"（{script}）" if script else "")
    source.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return source


#: Characters common in these tables that only traditional Chinese writes this way.
_TRADITIONAL = frozenset("標績區價認證項資產數質級關費發經時與為這來對會後們預實種總務學員")
_SIMPLIFIED = frozenset("标绩区价认证项资产数质级关费发经时与为这来对会后们预实种总务学员")
_TRADITIONAL_RE = re.compile("[" + "".join(sorted(_TRADITIONAL)) + "]")
_SIMPLIFIED_RE = re.compile("[" + "".join(sorted(_SIMPLIFIED)) + "]")
# (the bracket first, the character before it looked back at: a pattern that starts with a
# literal is searched for at C speed)
_PINYIN = re.compile(r"\((?<=[\u4e00-\u9fff]\()[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7}\)")


def to_simplified(text: str) -> tuple[str, str | None]:
    """Text a mirror site turned into traditional characters (and glossed with pinyin: 區(qū))
    read as the simplified original. Returns the text and a note of what was done, if anything."""
    sample = text[:8000]
    traditional = len(_TRADITIONAL_RE.findall(sample))
    glossed = len(_PINYIN.findall(sample)) if _PINYIN.search(sample) else 0
    if traditional < 5 and glossed < 5:
        return text, None          # the common case, decided at C speed
    simplified = len(_SIMPLIFIED_RE.findall(sample))
    if glossed >= 5:
        text = _PINYIN.sub("", text)
    if traditional >= 5 and traditional > 2 * simplified:
        from opencc_purepy import OpenCC  # loaded only for the rare traditional text
        return OpenCC("t2s").convert(text), "繁体字已转为简体" + ("，拼音注音已去除" if glossed >= 5 else "")
    return text, "拼音注音已去除" if glossed >= 5 else None


def decode_text(data: bytes) -> tuple[str | None, str]:
    """Text of a text-based format (web page, CSV) in whichever encoding it was saved;
    ``(None, why)`` when it cannot be decoded."""
    text, encoding = _decode(data)
    if text is not None:
        text = to_simplified(text)[0]
    return text, encoding


def _decode(data: bytes) -> tuple[str | None, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), _bom_label(encoding)
            except UnicodeDecodeError:
                return None, encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    zeros = data.count(0)
    if zeros:
        # UTF-16 without a BOM puts a zero byte beside almost every ASCII character.
        even, odd = data[0::2].count(0), data[1::2].count(0)
        if len(data) % 2 == 0 and max(even, odd) > 0.2 * len(data) / 2 and min(even, odd) < max(even, odd) / 4:
            encoding = "utf-16-le" if odd > even else "utf-16-be"
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                pass
        if zeros > len(data) / 100:
            return None, "binary"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_text(text):
        return text, "gb18030"
    from charset_normalizer import from_bytes  # slower; only for files nothing above explains

    best = from_bytes(data).best()
    if best is not None and _looks_like_text(str(best)):
        return str(best), best.encoding
    return None, "unknown"


def _looks_like_text(text: str) -> bool:
    """Mostly printable, and not the control-character soup a wrong codec produces."""
    if not text:
        return False
    bad = sum(1 for c in text if (c < " " and c not in "\t\n\r\f") or c == "\ufffd")
    return bad <= len(text) / 200


#: Bytes looked at to choose the encoding of a file read as a stream.
SAMPLE_BYTES = 1 << 20


def stream_lines(path: str) -> tuple[str | None, Iterator[str] | None, str | None]:
    """A large text file as ``(encoding, lines, None)`` — decoded as it is read, never whole —
    or ``(None, None, message)`` when it cannot be read as text. The encoding is chosen from the
    first megabyte, the way :func:`read_text` chooses it for a whole file."""
    with open(path, "rb") as f:
        sample = f.read(SAMPLE_BYTES)
    if not sample.strip():
        return None, None, "文件开头 1 MB 没有任何内容"
    encoding, label = _stream_encoding(sample)
    if encoding is None:
        return None, None, ("文件含有大量二进制内容，不是文本文件（可能是改了扩展名的 Word、Excel 或压缩文件）"
                            if sample.count(0) > len(sample) / 100 else
                            "无法识别文件编码（已尝试 UTF-8、UTF-16、GB18030），请另存为 UTF-8 文本后再检查")

    def lines() -> Iterator[str]:
        # universal newlines: \r\n and \r end a line as in read_text; a byte the encoding cannot
        # read becomes U+FFFD rather than stopping a file of a million lines at one bad byte
        with open(path, encoding=encoding, errors="replace", newline=None) as f:
            for line in f:
                yield line.rstrip("\n")
    return label, lines(), None


def _bom_label(encoding: str) -> str:
    return encoding.replace("-sig", "") + " (BOM)"


def _stream_encoding(sample: bytes) -> tuple[str | None, str | None]:
    """The codec to read the stream with, and how to name it (as read_text names it)."""
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding, _bom_label(encoding)
    for encoding in ("utf-8", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            text = decoder.decode(sample, final=False)    # the sample may end inside a character
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or _looks_like_text(text):
            return encoding, encoding
    text, encoding = _decode(sample[: len(sample) - len(sample) % 4])
    return (encoding, encoding) if text is not None and encoding not in ("binary", "unknown") else (None, None)
