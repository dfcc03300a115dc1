"""指标值: from the text of a cell to a typed :class:`Value`.

``parse_value("≥0.42万人")`` gives a quantity ``>= 4200 人``. The Lark grammar in
``grammar/value.lark`` recognises the measure forms; this module builds values from its parse,
and handles what the grammar deliberately does not: placeholders (不适用, 无, 0), yes/no, a
label before a measure (课酬 4000 元/天), a note after it (≤45天或超期有中止审理通知书),
cells that list several values, and plain words or sentences.

Parsing is pure and context-free, so results are cached by text. Dates written without a year
(年底前, 12月31日前, 当年10月31日以前) are *relative*; :meth:`Value.resolve` fills in the
table's budget year when the model is built.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from . import units

KINDS = ("quantity", "percent", "date", "duration", "boolean", "qualitative",
         "placeholder", "empty", "multi", "text")

#: Kinds that carry a measured target (what a reviewer can check against reality).
STRUCTURED_KINDS = frozenset({"quantity", "percent", "date", "duration", "multi"})


class Value(NamedTuple):
    """A parsed 指标值. ``number`` is in the base unit with any scale word folded in.

    Immutable (values are cached and shared between indicators); a NamedTuple because it is
    built for every cell and costs a third of a frozen dataclass to construct.
    """

    text: str
    kind: str
    comparator: str | None = None        # ">=", "<=", ">", "<", "=" or None
    number: Decimal | None = None
    unit: str | None = None               # canonical: 人, 元/年, %, 天
    date: dt.date | None = None
    parts: tuple[Value, ...] = ()
    truth: bool | None = None             # for kind "boolean"
    unit_text: str | None = None          # the unit as written (次数, 个月)
    scale: int | None = None              # 10000 when the number was written with 万
    written_number: str | None = None     # the number as written, before the scale (0.42)
    upper: Decimal | None = None          # upper bound of a range (2-3.5天)
    approx: bool = False                  # 约, 左右, 余
    cmp_words: tuple[str, ...] = ()       # comparator words and symbols as written
    label: str | None = None              # words before the measure (课酬, 支付进度)
    note: str | None = None               # words after it (或超期有中止审理通知书)
    date_precision: str | None = None     # day | xun | month | half | year
    relative: bool = False                # the year was not written (年底前, 当年…)
    month_day: tuple[int, int] | None = None   # month and day of a relative date
    start: dt.date | None = None          # first day of a period (2023.07-2024.01); ``date`` is its last
    per: str | None = None                # the period of a rate written without a unit (≤620万/月 → 月)

    @property
    def is_structured(self) -> bool:
        return self.kind in STRUCTURED_KINDS

    @property
    def unit_info(self) -> units.UnitInfo | None:
        if self.unit is None or self.kind != "quantity" and self.kind != "duration":
            return None
        return _info_of(self.unit)

    @property
    def is_money(self) -> bool:
        """An amount of money (元, any scale), not a rate such as 元/人."""
        info = self.unit_info
        return bool(info and info.is_money)

    @property
    def kinds(self) -> frozenset[str]:
        """Its kind and, for a value that lists several, its parts' kinds."""
        return frozenset((self.kind, *(p.kind for p in self.parts)))

    def leaves(self) -> tuple[Value, ...]:
        """The value itself, or its parts when it lists several."""
        return self.parts if self.kind == "multi" else (self,)

    def resolve(self, year: int | None) -> Value:
        """This value with relative dates placed in ``year`` (the table's budget year)."""
        if self.kind == "multi":
            parts = tuple(p.resolve(year) for p in self.parts)
            return self if parts == self.parts else self._replace(parts=parts)
        if not self.relative or self.date is not None or year is None or self.month_day is None:
            return self
        month, day = self.month_day
        day = min(day, calendar.monthrange(year, month)[1])
        return self._replace(date=dt.date(year, month, day))

    def to_json(self) -> dict:
        """The public JSON form (``perflint value --format json``; extract output)."""
        return {
            "text": self.text,
            "kind": self.kind,
            "comparator": self.comparator,
            "value": json_number(self.number),
            "unit": self.unit,
            "date": self.date.isoformat() if self.date else None,
            "parts": [p.to_json() for p in self.parts],
            "truth": self.truth,
            "unit_text": self.unit_text,
            "scale": self.scale,
            "upper": json_number(self.upper),
            "approx": self.approx,
            "label": self.label,
            "note": self.note,
            "relative": self.relative,
            "date_precision": self.date_precision,
            "start": self.start.isoformat() if self.start else None,
            "per": self.per,
        }


def json_number(number: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: an int when whole, else the shortest float."""
    if number is None:
        return None
    if number == number.to_integral_value():
        return int(number)
    return float(number)


# ---- vocabulary the grammar leaves to us --------------------------------------------------------

#: Fillers meaning "not applicable" (compared after removing whitespace).
PLACEHOLDERS = frozenset({
    "本指标不适用此项目", "本指标不适用于此项目", "本指标不适用", "本项目不适用", "不适用", "不涉及",
    "无", "暂无", "0", "00", "/", "//", "-", "--", "—", "——", "－", "N/A", "NA", "n/a", "无无",
})
_BOOLEANS = {"是": True, "否": False}

_CMP_SYMBOL = {"≥": ">=", "≧": ">=", ">=": ">=", "=>": ">=", "≤": "<=", "≦": "<=", "<=": "<=",
               "=<": "<=", ">": ">", "<": "<", "=": "="}
_CMP_WORD = {
    "大于或等于": ">=", "大于等于": ">=", "不低于": ">=", "不少于": ">=", "不小于": ">=", "至少": ">=",
    "最少": ">=", "最低": ">=", "达到": ">=", "达": ">=", "及以上": ">=", "以上": ">=",
    "小于或等于": "<=", "小于等于": "<=", "不超过": "<=", "不超出": "<=", "不高于": "<=",
    "不大于": "<=", "不多于": "<=", "最多": "<=", "最高": "<=", "控制在": "<=", "及以下": "<=",
    "以下": "<=", "以内": "<=", "之内": "<=", "内": "<=",
    "大于": ">", "高于": ">", "多于": ">", "超过": ">", "小于": "<", "低于": "<", "少于": "<",
    "等于": "=", "约为": "=", "大约": "=", "约": "=", "左右": "=", "上下": "=",
}
# Words that only make sense for a point in time: by (前, 截至) or from (后, 起).
_CMP_DATE_WORD = {"以前": "<=", "之前": "<=", "前": "<=", "截至": "<=", "截止": "<=",
                  "截止到": "<=", "至": "<=", "到": "<=", "以后": ">=", "之后": ">=", "后": ">=",
                  "起": ">="}
_APPROX_WORDS = frozenset({"约为", "大约", "约", "左右", "上下"})

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_SCALES = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4, "千": 10**3,
           "百": 10**2}

_SEPARATORS = re.compile(r"[，,、；;]")
# Where a measure can begin inside a longer cell (课酬 4000 元/天, 支付进度达100%).
_ANCHOR = re.compile(r"[≥≤><=≧≦]|\d|不低于|不少于|不超过|不高于|大于|高于|小于|低于|达到|达|约|"
                     r"截至|截止|[当本今]年|年底|年末")
_LABEL = re.compile(r"[\u4e00-\u9fff]{1,10}[:：]?")
_NEEDS_GRAMMAR = re.compile(r"[\d≥≤><=≧≦零〇一二两三四五六七八九十]|年底|年末|年内|年终|[当本今]年")
_SENTENCE_PUNCT = re.compile(r"[。；;！？!?]")
_PUNCT_ONLY = re.compile(r"[\s，,、；;。.．:：!！?？)）(（]*")

#: Longest label and note kept around a measure; anything longer is a sentence, not a value.
MAX_LABEL, MAX_NOTE, MAX_ANNOTATED = 10, 15, 40
#: Longest run of words still read as a short graded or qualitative target (持续提高, 验收合格).
MAX_QUALITATIVE = 16


def normalise(text: str) -> str:
    """NFKC (full-width digits and symbols to ASCII), trimmed, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@functools.lru_cache(maxsize=1 << 16)
def parse_value(text: str) -> Value:
    """Parse one 指标值 cell. Never raises: what cannot be read becomes kind ``text``."""
    return parse_value_uncached(text)


#: the largest and the finest number a table states in earnest: beyond them a "number" is noise
#: (a pasted serial, a corrupted cell) and is read as words, so no money rule ever computes on it
PLAUSIBLE_MAX = Decimal("1e15")
PLAUSIBLE_PLACES = 10


def plausible(number: Decimal | None) -> bool:
    """A finite number of sensible size and precision (not 40 nines, not 1e-30)."""
    if number is None:
        return True
    if not number.is_finite():
        return False
    return abs(number) < PLAUSIBLE_MAX and -number.as_tuple().exponent <= PLAUSIBLE_PLACES


def parse_value_uncached(text: str) -> Value:
    if len(text) > 400 and sum(c.isdigit() for c in text) > 60:
        return Value(text, "text")          # thousands of digits: noise, never a measure
    value = _checked(_parse_plain(text), text)
    if value.kind in ("qualitative", "text", "multi") and _CN_NUMERAL.search(text):
        # 一万二千人, 百分之九十五, 二〇二五年六月底前: read again with the numerals as digits,
        # and keep that reading only when it is one clean measure (进一步提高 stays words)
        digits = cn_numerals_to_digits(normalise(text))
        if digits != normalise(text):
            converted = _parse_plain(digits)
            if converted.is_structured and converted.kind != "multi" and converted.label is None \
                    and converted.note is None:
                return _checked(converted._replace(text=text), text)
    return value


def _checked(value: Value, text: str) -> Value:
    """The value, or words when a number in it is beyond what a table states in earnest."""
    if value.kind in STRUCTURED_KINDS and not all(plausible(leaf.number) for leaf in value.leaves()):
        return Value(text, "text")
    return value


def _parse_plain(text: str) -> Value:
    s = normalise(text)
    if not s:
        return Value(text, "empty")
    period = _date_range(s.replace(" ", ""), text)
    if period is not None:
        return period
    value = _parse_body(s, text)
    per = _PER_PERIOD.fullmatch(value.note or "") if value.kind == "quantity" else None
    if per:     # ≤620万/月: a rate per month written without a money unit
        return value._replace(per=per.group(1), note=None)
    return value


_PER_PERIOD = re.compile(r"[/每](月|年|天|日|周|季度|季)")


def _parse_body(s: str, text: str) -> Value:
    compact = s.replace(" ", "")
    if compact in PLACEHOLDERS or _all_placeholders(s):
        return Value(text, "placeholder", number=Decimal(0) if set(compact) == {"0"} else None)
    if compact in _BOOLEANS:
        return Value(text, "boolean", truth=_BOOLEANS[compact])
    if _NEEDS_GRAMMAR.search(s):
        value = (_parse_measures(s, text) or _parse_listed(s, text)
                 or _parse_annotated(s, text))
        if value is not None:
            return value
    return _classify_words(s, text)


_PERIOD = re.compile(
    r"^(?P<y1>(?:19|20)\d{2})(?:\s*[.\-/年]\s*(?P<m1>\d{1,2})\s*月?)?\s*(?:--?|~|～|—+|–|至|到)\s*"
    r"(?P<y2>(?:19|20)\d{2})(?:\s*[.\-/年]\s*(?P<m2>\d{1,2})\s*月?)?$")


def _date_range(s: str, text: str) -> Value | None:
    """A period written as two dates: 2023.07-2024.01, 2020年1月--2020年11月, 2023-2025."""
    m = _PERIOD.match(s)
    if not m:
        return None
    y1, y2 = int(m["y1"]), int(m["y2"])
    m1, m2 = int(m["m1"] or 1), int(m["m2"] or 12)
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y2, m2) < (y1, m1):
        return None
    return Value(text, "date", date=dt.date(y2, m2, _month_end(y2, m2)), start=dt.date(y1, m1, 1),
                 date_precision="month" if m["m2"] else "year")


_CN_NUMERAL = re.compile(r"[〇零一二两三四五六七八九十百千万亿]")
_CN_RUN = re.compile(r"百分之([〇零一二两三四五六七八九十百点.\d]+)|[〇零一二两三四五六七八九十百千万亿点]+")
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_numerals_to_digits(s: str) -> str:
    """Chinese numerals as digits: 一万二千 → 12000, 百分之九十五 → 95%, 二〇二五年 → 2025年."""
    s = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[c]) for c in m.group()), s)

    def number(run: str) -> str | None:
        if "点" in run:
            whole, _, frac = run.partition("点")
            head = number(whole) if whole else "0"
            tail = "".join(str(_CN_DIGITS.get(c, "")) for c in frac)
            return f"{head}.{tail}" if head is not None and tail else None
        total, section, digit = 0, 0, None
        for c in run:
            if c in _CN_DIGITS:
                digit = _CN_DIGITS[c] if digit is None or c not in "零〇" else digit
            elif c in _CN_UNITS:
                section += (digit if digit is not None else 1) * _CN_UNITS[c]
                digit = None
            elif c == "万" or c == "亿":
                total = (total + section + (digit or 0)) * (10000 if c == "万" else 10 ** 8)
                section, digit = 0, None
            else:
                return None
        return str(total + section + (digit or 0))

    def replace(m: re.Match) -> str:
        if m.group(1) is not None:
            inner = m.group(1)
            digits = inner if inner.replace(".", "").isdigit() else number(inner.replace(".", "点"))
            return f"{digits}%" if digits is not None else m.group()
        run = m.group()
        if len(run) == 1 and run in "万亿百千":
            return run            # a scale word after digits (3万) stays for the grammar
        digits = number(run)
        return digits if digits is not None else run

    return _CN_RUN.sub(replace, s)


def _all_placeholders(s: str) -> bool:
    """ "0 0", "无 无", "/ /": a filler repeated across merged cells."""
    pieces = s.split(" ")
    return len(pieces) > 1 and all(p in PLACEHOLDERS for p in pieces)


def _classify_words(s: str, text: str) -> Value:
    s = s.rstrip("。.")   # 持续稳定。 is still a short word value
    if (s and len(s) <= MAX_QUALITATIVE and not _SENTENCE_PUNCT.search(s)
            and not any(c.isdigit() for c in s)):
        return Value(text, "qualitative")
    return Value(text, "text")


def _parse_measures(s: str, text: str) -> Value | None:
    """The whole cell in the grammar's language, or None."""
    simple = _single_measure(s)
    if simple is not None:
        return _measure(text, **simple)
    items, _ = _grammar(s)
    if items is None:
        return None
    return _assemble(items, text, s)


def _parse_listed(s: str, text: str) -> Value | None:
    """Several values separated by punctuation, each possibly labelled (450 元/人/天，课酬 4000 元/天)."""
    pieces = [p.strip() for p in _SEPARATORS.split(s) if p.strip()]
    if len(pieces) < 2:
        return None
    parts = []
    for piece in pieces:
        value = _parse_measures(piece, piece) or _parse_annotated(piece, piece)
        if value is None:
            return None
        parts.extend(value.leaves())
    return Value(text, "multi", parts=tuple(parts))


def _parse_annotated(s: str, text: str) -> Value | None:
    """A measure with words before or after it: 支付进度达100%, ≤45天或超期有中止审理通知书."""
    if len(s) > MAX_ANNOTATED:
        return None
    anchor = _ANCHOR.search(s)
    if anchor is None:
        return None
    label = s[:anchor.start()].strip()
    if label and not _LABEL.fullmatch(label):
        return None
    body = s[anchor.start():]
    items, error_at = _grammar(body)
    note = ""
    if items is None:
        if not error_at:
            return None
        # Cut where reading stopped; if that leaves a dangling word (…，为), cut at the
        # separators before it instead.
        cuts = [error_at] + [m.start() for m in reversed(list(_SEPARATORS.finditer(body, 0, error_at)))]
        for cut in cuts:
            head, note = body[:cut].rstrip(" ，,、；;"), body[cut:].strip()
            if not head or len(note) > MAX_NOTE:
                return None
            items, _ = _grammar(head)
            if items is not None:
                break
        else:
            return None
    if not label and not note:
        return None  # the plain grammar already failed on exactly this text
    value = _assemble(items, text, head if note else body)
    note = note.lstrip(" ，,、；;")
    if _PUNCT_ONLY.fullmatch(note):
        note = ""
    if value.kind == "multi":
        return value if not (label or note) else value._replace(label=label.rstrip(":：") or None,
                                                          note=note or None)
    return value._replace(label=label.rstrip(":：") or None, note=note or None)


# ---- the grammar --------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _parser():
    from lark import Lark, Transformer

    class ToItems(Transformer):
        """Turns each grammar rule into a tagged piece ``(tag, payload, start, end)``.

        Lark's inline (LALR) transformer gets no position metadata, so each piece carries the
        span of its tokens; a measure's span lets a cell listing several values keep each
        part's own text.
        """

        def start(self, items):
            return items

        def number(self, children):
            tok = children[0]
            number = _cn_number(str(tok)) if tok.type == "CN_NUMBER" else Decimal(str(tok).replace(",", ""))
            return ("number", number, tok.start_pos, tok.end_pos)

        def range(self, children):
            return ("upper",) + children[0][1:]

        def unit(self, children):
            return ("unit", tuple(str(t) for t in children), children[0].start_pos, children[-1].end_pos)

        def percent(self, children):
            return ("percent", True, children[0].start_pos, children[0].end_pos)

        def prefixes(self, children):
            return ("words", tuple(str(t) for t in children), children[0].start_pos, children[-1].end_pos)

        suffixes = prefixes

        def date(self, children):
            return ("date", tuple((t.type, str(t)) for t in children),
                    children[0].start_pos, children[-1].end_pos)

        def measure(self, children):
            return ("measure",) + _pieces(children)

        def when(self, children):
            return ("when",) + _pieces(children)

    return Lark.open_from_package("perflint.grammar", "value.lark", parser="lalr",
                                  transformer=ToItems(), cache=True)


_TOKEN_FIELDS = {"SCALE": "scale_word", "MORE": "more"}


def _pieces(children: list) -> tuple[dict, int, int]:
    """Fields of a measure or date from its pieces, and the span they cover."""
    fields: dict = {"words": ()}
    starts, ends = [], []
    for child in children:
        if isinstance(child, tuple):
            tag, payload, start, end = child
            if tag == "words":
                fields["words"] += payload
            else:
                fields[tag] = payload
        else:  # a bare token: SCALE or MORE
            fields[_TOKEN_FIELDS[child.type]] = True if child.type == "MORE" else str(child)
            start, end = child.start_pos, child.end_pos
        starts.append(start)
        ends.append(end)
    return fields, min(starts), max(ends)


def _grammar(s: str) -> tuple[list | None, int | None]:
    """Parse ``s``; on failure return None and the position where reading stopped."""
    from lark.exceptions import UnexpectedInput

    try:
        return _parser().parse(s), None
    except UnexpectedInput as err:
        pos = getattr(err, "pos_in_stream", None)
        return None, pos if isinstance(pos, int) else None
    except (InvalidOperation, ValueError, KeyError):
        return None, None


@dataclass(frozen=True)
class _Shortcut:
    measure: re.Pattern   # one whole measure
    words: re.Pattern     # one comparator or lead word
    post: re.Pattern      # one trailing comparator word
    unit: re.Pattern      # one unit spelling
    dates: re.Pattern     # anything the lexer would read as a date


@functools.lru_cache(maxsize=1)
def _shortcut() -> _Shortcut:
    """A compiled shortcut for the grammar's commonest sentence: exactly one measure.

    Built from the grammar's own terminal patterns, in the order its lexer tries them, so the
    two cannot drift apart; tests/test_values.py checks that both paths give the same Value.
    Anything else (dates, ranges, several values, Chinese numerals) goes through Lark.
    """
    terms = sorted(_parser().terminals, key=lambda t: (-t.priority, -t.pattern.max_width,
                                                      -len(t.pattern.value), t.name))
    rx = {t.name: f"(?:{t.pattern.to_regexp()})" for t in terms}
    words = "|".join(rx[t.name] for t in terms if t.name in ("CMP_SYM", "CMP_WORD", "LEAD"))
    unit = rf"{rx['UNIT']}(?:\s*{rx['_PER']}\s*{rx['UNIT']})*"
    measure = (rf"(?P<pre>(?:(?:{words})\s*)*)(?P<num>{rx['NUMBER']})\s*(?P<scale>{rx['SCALE']})?\s*"
               rf"(?P<more>{rx['MORE']})?\s*(?:(?P<pct>{rx['PERCENT']})|(?P<unit>{unit}))?\s*"
               rf"(?P<post>(?:{rx['CMP_POST']}\s*)*)")
    dates = "|".join(rx[n] for n in ("DATE", "DOTDATE", "MDATE", "RELYEAR", "YEAREND"))
    return _Shortcut(re.compile(measure), re.compile(words), re.compile(rx["CMP_POST"]),
                     re.compile(rx["UNIT"]), re.compile(dates))


def _single_measure(s: str) -> dict | None:
    """The fields of ``s`` when it is one plain measure, else None (then Lark decides)."""
    sc = _shortcut()
    m = sc.measure.fullmatch(s)
    if m is None or sc.dates.search(s):
        return None
    fields: dict = {"number": Decimal(m["num"].replace(",", "")),
                    "words": tuple(sc.words.findall(m["pre"])) + tuple(sc.post.findall(m["post"]))}
    if m["scale"]:
        fields["scale_word"] = m["scale"]
    if m["more"]:
        fields["more"] = True
    if m["pct"]:
        fields["percent"] = True
    elif m["unit"]:
        fields["unit"] = tuple(sc.unit.findall(m["unit"]))
    return fields


def _cn_number(text: str) -> Decimal:
    """Small Chinese numerals: 两 → 2, 十二 → 12, 二十 → 20, 三五 → 35 (digit by digit)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return Decimal((_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0))
    return Decimal("".join(str(_CN_DIGITS[c]) for c in text))


def _assemble(items: list, text: str, source: str) -> Value:
    """Values from the grammar's items; ``source`` is the string that was parsed."""
    def build(tag: str, fields: dict, piece: str) -> Value:
        return _measure(piece, **fields) if tag == "measure" else _when(piece, **fields)

    if len(items) == 1:
        tag, fields, _, _ = items[0]
        return build(tag, fields, text)
    parts = tuple(build(tag, fields, source[start:end]) for tag, fields, start, end in items)
    if all(p.kind == "quantity" and p.number == 0 and p.unit is None and not p.cmp_words
           for p in parts):
        return Value(text, "placeholder", number=Decimal(0))   # "0 0"
    return Value(text, "multi", parts=parts)


def _comparator(words: tuple[str, ...], table: dict[str, str]) -> str | None:
    for w in words:
        if w in _CMP_SYMBOL:
            return _CMP_SYMBOL[w]
    for w in words:
        if w in table:
            return table[w]
    return None


def _measure(text: str, number: Decimal, words: tuple[str, ...] = (), upper: Decimal | None = None,
             scale_word: str | None = None, more: bool = False, unit: tuple[str, ...] | None = None,
             percent: bool = False) -> Value:
    """One measure from its pieces (shared by the grammar and the single-measure shortcut)."""
    scale = _SCALES[scale_word] if scale_word else None
    is_percent = percent
    written = format(number, "f")
    if scale:
        number *= scale
        upper = upper * scale if upper is not None else None
    comparator = _comparator(words, _CMP_WORD)
    approx = more or any(w in _APPROX_WORDS for w in words)
    if comparator is None and more:
        comparator = ">"   # 400余件次: more than 400
    kind, canonical, unit_text = "quantity", None, None
    if is_percent:
        kind, canonical = "percent", "%"
    elif unit:
        info = units.unit_info(unit)
        canonical, unit_text = info.canonical, "/".join(unit)
        if info.is_time:
            kind = "duration"
    return Value(text, kind, comparator=comparator, number=number.normalize() if number else number,
                 unit=canonical, unit_text=unit_text, scale=scale, written_number=written,
                 upper=upper, approx=approx, cmp_words=words)


@functools.cache
def _info_of(unit: str) -> units.UnitInfo:
    """A canonical unit's information (asked for hundreds of thousands of times in a large run)."""
    return units.unit_info(tuple(unit.split("/")))


_DATE_RE = re.compile(
    r"(?P<y>\d{4})\s*年(?:度)?(?:\s*(?P<m>\d{1,2})\s*月份?(?:\s*(?P<d>\d{1,2})\s*[日号]|\s*(?P<xun>[上中下])旬"
    r"|\s*(?P<mend>[底末初]))?|\s*(?P<half>[上下])半年|\s*(?P<yend>[底末初]))?")
_DOT_RE = re.compile(r"(?P<y>\d{4})[.\-/](?P<m>\d{1,2})(?:[.\-/](?P<d>\d{1,2}))?")
_MDATE_RE = re.compile(r"(?P<m>\d{1,2})\s*月份?\s*(?:(?P<d>\d{1,2})\s*[日号]|(?P<xun>[上中下])旬|(?P<mend>[底末初]))")


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year if year else 2001, month)[1]


def _day_for(groups: dict, year: int) -> tuple[int, int, str]:
    """Month, day and precision of a matched date (deadlines point at the end of the period)."""
    month = int(groups["m"])
    if groups.get("d"):
        return month, int(groups["d"]), "day"
    if groups.get("xun"):
        return month, {"上": 10, "中": 20}.get(groups["xun"], _month_end(year, month)), "xun"
    if groups.get("mend") == "初":
        return month, 10, "xun"
    return month, _month_end(year, month), "month"


def _when(text: str, date: tuple, words: tuple[str, ...] = ()) -> Value:
    try:
        return _date_value(text, date, words)
    except ValueError:   # 2月30日, month 13: not a date anyone can meet
        return Value(text, "text", note="日期无效")


def _date_value(text: str, tokens: tuple, words: tuple[str, ...]) -> Value:
    table = {**_CMP_WORD, **_CMP_DATE_WORD}
    comparator = _comparator(words, table)
    approx = any(w in _APPROX_WORDS for w in words)
    base = dict(kind="date", comparator=comparator, cmp_words=words, approx=approx)
    kinds = [k for k, _ in tokens]
    if kinds == ["DATE"]:
        g = _DATE_RE.match(tokens[0][1]).groupdict()
        year = int(g["y"])
        if g["m"]:
            month, day, precision = _day_for(g, year)
        elif g["half"] == "上":
            month, day, precision = 6, 30, "half"
        elif g["yend"] == "初":
            month, day, precision = 1, 31, "month"
        else:   # 2022年, 2022年底
            month, day, precision = 12, 31, "day" if g["yend"] else "year"
        return _dated(text, base, year, month, day, precision)
    if kinds == ["DOTDATE"]:
        g = _DOT_RE.match(tokens[0][1]).groupdict()
        year, month = int(g["y"]), int(g["m"])
        day = int(g["d"]) if g["d"] else _month_end(year, month)
        return _dated(text, base, year, month, day, "day" if g["d"] else "month")
    mdate = next((t for k, t in tokens if k == "MDATE"), None)
    if mdate is not None:
        month, day, precision = _day_for(_MDATE_RE.match(mdate).groupdict(), 0)
        dt.date(2000, month, day)   # raises for 2月30日 or 13月 (2000 is a leap year)
    else:       # 当年, 年底, 年内: the end of the budget year
        month, day, precision = 12, 31, "day" if "YEAREND" in kinds else "year"
    if comparator is None and "YEAREND" in kinds and tokens[-1][1] in ("年内", "年度内"):
        base["comparator"] = "<="
    return Value(text, relative=True, month_day=(month, day), date_precision=precision, **base)


def _dated(text: str, base: dict, year: int, month: int, day: int, precision: str) -> Value:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return Value(text, "text", note="日期无效")
    return Value(text, date=date, date_precision=precision, **base)
