"""The typed model of a document: Document → Project → Indicator, each remembering where it came from.

Layouts build it; rules read it; nothing here parses text or prints. Amounts are exact decimals
in the table's own unit (almost always 万元); indicator values are parsed once, when the model
is built, and relative dates are already placed in the budget year.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass, replace
from decimal import Decimal

from .values import Value, json_number

Locate = Callable[["Loc | None"], "dict | None"] | None


def _locator(locate: Locate, loc: Loc | None, key: str = "locator") -> dict:
    return {key: locate(loc)} if locate is not None and loc is not None else {}


@dataclass(frozen=True, slots=True)
class Loc:
    """Where something is in the source: a 1-based line of the text (or a row for other formats)."""

    path: str
    line: int
    column: int | None = None    # the cell in the line, for sources made of table cells

    def __init__(self, path: str, line: int, column: int | None = None):
        # (frozen: set through the slots themselves, at a third of the cost of the generated
        # __init__'s object.__setattr__ — a 10,000-table run makes half a million)
        _set_path(self, path)
        _set_line(self, line)
        _set_column(self, column)

    def to_json(self) -> dict:
        return {"kind": "txt", "line": self.line}


_set_path, _set_line, _set_column = Loc.path.__set__, Loc.line.__set__, Loc.column.__set__


@dataclass(frozen=True, slots=True)
class Place:
    """Where one line of a table-format source came from (set by the Word/Excel/PDF readers).

    ``where`` holds the format's coordinates of the line: ``table``/``row`` (Word), ``sheet``/
    ``row`` (Excel), ``page``/``row`` (PDF) or ``paragraph``. ``columns`` names each cell's column:
    its heading in a Word or PDF table, its letter in Excel.
    """

    kind: str
    where: dict
    columns: tuple[str, ...] = ()
    first: int = 0               # the first filled cell, used when a finding names no column

    def locator(self, column: int | None) -> dict:
        at = column if column is not None and 0 <= column < len(self.columns) else None
        if self.kind == "xlsx":
            letter = self.columns[at if at is not None else min(self.first, len(self.columns) - 1)] \
                if self.columns else "A"
            return {"kind": "xlsx", "sheet": self.where["sheet"], "cell": f"{letter}{self.where['row']}"}
        out = {"kind": self.kind, **self.where}
        if at is not None and self.columns[at]:
            out["column"] = self.columns[at]
        return out


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the reader or layout could not do; reported as a finding of category
    ``input`` (the file), ``structure`` (a row) or ``value`` (a cell)."""

    category: str        # input | structure | value
    code: str            # stable identifier of the kind of problem, e.g. "unplaced-row"
    message: str         # Chinese, for users
    loc: Loc | None = None
    text: str | None = None
    message_en: str | None = None     # for --lang en, when the message carries figures

    def to_json(self, locate: Locate = None) -> dict:
        return {"category": self.category, "code": self.code, "message": self.message,
                "line": self.loc.line if self.loc else None, **_locator(locate, self.loc),
                "text": self.text}


@dataclass(frozen=True, slots=True)
class TextField:
    """A header field as written: 主管部门, 实施单位, 项目属性, 项目期, 项目编码…"""

    text: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Amount:
    """One money cell of the header, in the table's unit. ``value`` is None when left blank."""

    value: Decimal | None
    text: str
    loc: Loc
    derived: bool = False    # not written in the table; computed from its parts (see the layout)


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal paragraph: 年度总体绩效目标, 年度绩效目标（含本级）, 资金用途…"""

    label: str
    text: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Schedule:
    """资金支出计划: cumulative share spent by each column (3月底, 6月底, 10月底, 12月底)."""

    columns: tuple[str, ...]
    values: tuple[Value | None, ...]     # None where the cell is missing altogether
    locs: tuple[Loc, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class CostItem:
    """One row of a cost composition table: the item and its amount in each money column."""

    name: str
    amounts: tuple[Decimal | None, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class CostTable:
    """A 预算成本构成 / 支出明细 block printed with the header: items with an amount per money column
    (the year's budget, prior years' actual spending…) and the 合计 row that sums them."""

    headings: tuple[str, ...]        # the money columns, as printed (金额, 2020年实际执行数…)
    items: tuple[CostItem, ...]
    total: CostItem | None
    loc: Loc

    def to_json(self) -> dict:
        def row(item: CostItem) -> dict:
            return {"name": item.name, "line": item.loc.line, "amounts": [json_number(a) for a in item.amounts]}
        return {"headings": list(self.headings), "line": self.loc.line, "items": [row(i) for i in self.items],
                "total": row(self.total) if self.total else None}


@dataclass(slots=True)
class Indicator:
    """One 三级 indicator and its 指标值."""

    tier1: str | None            # canonical 一级: 产出指标 / 效益指标 / 满意度指标 (成本指标 in mof-2021)
    tier2: str | None            # canonical 二级: 数量指标, 质量指标, …
    name: str                    # 三级, with template prefixes such as "指标1:" removed
    value_text: str
    value: Value
    loc: Loc
    tier1_label: str | None = None   # the 一级 label in force, as written
    tier2_label: str | None = None   # the 二级 label in force, as written
    tier2_inferred: bool = False     # the 二级 was not written on this row's group; the layout placed it
    description: str | None = None   # 绩效指标描述 (layouts that have the column)
    basis: str | None = None         # 指标值确定依据
    value_loc: Loc | None = None     # where the value cell is, when not on the indicator's line
    total: bool = False              # a 合计/小计/总成本 row: the sum of the rows above, not an item
    weight: Decimal | None = None    # 权重/分值, in a scored form

    def to_json(self, locate: Locate = None) -> dict:
        return {
            "tier1": self.tier1, "tier2": self.tier2, "name": self.name,
            "value_text": self.value_text, "value": self.value.to_json(), "line": self.loc.line,
            **_locator(locate, self.loc), **_locator(locate, self.value_loc, "value_locator"),
            "tier1_label": self.tier1_label, "tier2_label": self.tier2_label,
            "tier2_inferred": self.tier2_inferred,
            "description": self.description, "basis": self.basis,
            "value_line": self.value_loc.line if self.value_loc else self.loc.line,
            "total": self.total, "weight": json_number(self.weight),
        }


@dataclass(slots=True)
class Slot:
    """An indicator slot the template offers but nobody filled (``指标2:``), or a 二级 row left blank."""

    tier1: str | None
    tier2: str | None
    label: str
    loc: Loc


@dataclass(slots=True)
class Project:
    """One table: the header, goals, spending plan and indicators of one project."""

    name: str
    loc: Loc
    kind: str = "project"                                  # project | summary (总表) | department (整体支出)
    title: str | None = None                               # the caption line above the table
    title_loc: Loc | None = None
    unit: str | None = None                                # the money unit of this table (万元)
    fields: dict[str, TextField] = field(default_factory=dict)
    amounts: dict[str, Amount] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)
    schedule: Schedule | None = None
    cost_table: CostTable | None = None                    # a 预算成本构成 block in the header
    indicators: list[Indicator] = field(default_factory=list)
    empty_slots: list[Slot] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # rows this table could not place
    end_line: int | None = None
    flat: bool = False                                     # one of several projects in a flat table
    #: indicators of the implementation period (长期/中期/实施期 columns), kept beside the year's;
    #: rules check the year's (``indicators``) only
    period_indicators: list[Indicator] = field(default_factory=list)
    #: categories of checks the reading is too doubtful for (set with a doubtful-reading problem)
    doubtful: tuple[str, ...] = ()
    #: the table has no 一级/二级 columns: every indicator's tier was inferred from its name and value
    tiers_inferred: bool = False
    #: the layout family recognised (single-form, flat-table, long-and-annual, two-level, no-tiers,
    #: department, text-stream…) and how each column of the indicator table was understood
    family: str | None = None
    columns: list[dict] = field(default_factory=list)

    def amount(self, key: str) -> Decimal | None:
        a = self.amounts.get(key)
        return a.value if a else None

    def problems_with(self, *codes: str) -> list[Problem]:
        """What reading this table could not do, of the given kinds (unplaced-row, …)."""
        return [p for p in self.problems if p.code in codes]

    def to_json(self, locate: Locate = None) -> dict:
        return {
            "name": self.name, "line": self.loc.line, **_locator(locate, self.loc),
            "kind": self.kind, "title": self.title,
            "family": self.family, "columns": self.columns, "tiers_inferred": self.tiers_inferred,
            "unit": self.unit,
            "fields": {k: v.text for k, v in self.fields.items()},
            "amounts": {k: json_number(v.value) for k, v in self.amounts.items()},
            "derived_amounts": [k for k, v in self.amounts.items() if v.derived],
            "goals": [{"label": g.label, "text": g.text, "line": g.loc.line, **_locator(locate, g.loc)}
                      for g in self.goals],
            "schedule": None if self.schedule is None else {
                "columns": list(self.schedule.columns), "line": self.schedule.loc.line,
                "values": [None if v is None else v.to_json() for v in self.schedule.values]},
            "cost_table": None if self.cost_table is None else self.cost_table.to_json(),
            "indicators": [i.to_json(locate) for i in self.indicators],
            "period_indicators": [i.to_json(locate) for i in self.period_indicators],
            "empty_slots": [{"tier2": s.tier2, "label": s.label, "line": s.loc.line,
                             **_locator(locate, s.loc)} for s in self.empty_slots],
            "unplaced": [p.to_json(locate) for p in self.problems],
        }


@dataclass(slots=True)
class Paragraph:
    """Running text outside the tables (a narrative part, a cover letter), kept for text checks."""

    text: str
    loc: Loc


@dataclass(slots=True)
class Document:
    path: str
    format: str = "txt"
    layout: str | None = None
    encoding: str | None = None
    budget_year: int | None = None
    unit: str | None = None                 # the caption unit (单位：万元)
    template_fields: tuple[str, ...] = ()   # header fields this layout's template has
    required_amounts: tuple[str, ...] = ()  # header amounts this layout's template asks to be filled
    projects: list[Project] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    line_count: int = 0
    places: list[Place] | None = None       # per line, for table formats (see readers)

    def slim(self) -> Document:
        """What the cross-document checks keep of this document once its own checks are done:
        its tables' names, kinds and indicators, and the places of their lines — not its header
        fields, goals, paragraphs or the places of other lines. A run holds one per file, so
        memory grows with what is compared, not with what was read."""
        projects = [Project(name=p.name, loc=p.loc, kind=p.kind, unit=p.unit, indicators=p.indicators,
                            end_line=p.end_line, flat=p.flat, doubtful=p.doubtful, family=p.family)
                    for p in self.projects]
        places = None
        if self.places:
            wanted = {p.loc.line for p in projects} | {i.loc.line for p in projects for i in p.indicators}
            places = [place if line in wanted else None for line, place in enumerate(self.places, 1)]
        return replace(self, projects=projects, paragraphs=[], problems=[], places=places)

    def locate(self, loc: Loc | None) -> dict | None:
        """The format's own coordinates of ``loc``: a line of text, a Word table cell, an Excel
        cell, a PDF page row."""
        if loc is None:
            return None
        if self.places and 1 <= loc.line <= len(self.places) and self.places[loc.line - 1] is not None:
            return self.places[loc.line - 1].locator(loc.column)
        if self.format != "txt" and not self.places:
            return {"kind": self.format}       # a file no table could be read from
        return {"kind": "txt", "line": loc.line}

    def to_json(self) -> dict:
        return {
            "path": self.path, "format": self.format, "layout": self.layout,
            "encoding": self.encoding, "budget_year": self.budget_year, "unit": self.unit,
            "projects": [p.to_json(self.locate) for p in self.projects],
            "problems": [p.to_json(self.locate) for p in self.problems],
        }


def shift_lines(node, offset: int):
    """Move every location in a model node ``offset`` lines down (a part of a large file built
    on its own gets the line numbers of the whole file). Returns the node, changed in place
    where it can be and copied where it is frozen."""
    return map_lines(node, lambda line: line + offset)


def map_lines(node, move: Callable[[int], int]):
    """Every location in a model node moved to line ``move(line)`` (rows read from a grid whose
    rows are not the file's lines get the file's line numbers back). Returns the node, changed
    in place where it can be and copied where it is frozen."""
    if isinstance(node, Loc):
        return replace(node, line=move(node.line))
    if type(node) is list:
        node[:] = [map_lines(x, move) for x in node]
        return node
    if type(node) is tuple:        # not a named tuple: those are values
        return tuple(map_lines(x, move) for x in node)
    if type(node) is dict:
        for key in node:
            node[key] = map_lines(node[key], move)
        return node
    if not is_dataclass(node) or type(node).__module__ != __name__:
        return node          # values and text: nothing located inside
    changed = {f.name: map_lines(getattr(node, f.name), move) for f in fields(node)}
    if getattr(node, "end_line", None) is not None:
        changed["end_line"] = move(node.end_line)
    if type(node).__dataclass_params__.frozen:
        return replace(node, **changed)
    for name, value in changed.items():
        setattr(node, name, value)
    return node
