"""A cost composition block printed with a form's header (项目预算成本构成 | 金额 | 测算依据 |
2020年实际执行数 | 2021年实际执行数, item rows, then 合计): read beside the header, never instead
of it, so every other reading of those rows stays as it was."""
from __future__ import annotations

import re
from decimal import Decimal

from ..model import CostItem, CostTable, Loc
from .common import parse_money, squash

#: a heading cell that opens the block, and the headings of its money columns
_OPENS = re.compile(r"成本构成|支出明细|经费明细|预算明细|测算明细|明细项目|支出内容|成本明细")
_MONEY = re.compile(r"金额|预算数|执行数|决算数|实际数|资金|\d{4}年")
_NOT_MONEY = re.compile(r"依据|测算|公式|说明|备注|内容|构成")


class CostTableReader:
    """Fed every header row in order; holds the block once its 合计 row (or a row without
    numbers) ends it."""

    def __init__(self) -> None:
        self.columns: list[tuple[int, str]] = []      # (column, heading) of the money columns
        self.items: list[CostItem] = []
        self.loc: Loc | None = None
        self.table: CostTable | None = None

    def row(self, content: list[tuple[int, str]], loc: Loc, is_total: bool) -> None:
        if self.table is not None:
            return
        if not self.columns:
            self._heading(content, loc)
            return
        name = content[0][1] if content else ""
        amounts = self._amounts(content)
        if amounts is None:
            self._close(None)
            return
        item = CostItem(name, amounts, Loc(loc.path, loc.line, content[0][0]))
        if is_total:
            self._close(item)
        else:
            self.items.append(item)

    def _heading(self, content, loc: Loc) -> None:
        cells = [(c, squash(t)) for c, t in content]
        if len(cells) < 2 or not _OPENS.search(cells[0][1]):
            return
        money = [(c, t) for c, t in cells[1:] if _MONEY.search(t) and not _NOT_MONEY.search(t)]
        if money:
            self.columns, self.loc = money, loc

    def _amounts(self, content) -> tuple[Decimal | None, ...] | None:
        """The row's amounts by column; by order when the row lost its columns (text) — None when
        the row holds no amount at all (the block has ended)."""
        by_column = dict(content)
        aligned = tuple(parse_money(by_column.get(c, "")) for c, _ in self.columns)
        if any(a is not None for a in aligned):
            return aligned
        numbers = [n for _, t in content[1:] if (n := parse_money(t)) is not None]
        if len(numbers) == len(self.columns):
            return tuple(numbers)
        return None

    def _close(self, total: CostItem | None) -> None:
        if len(self.items) >= 2:
            self.table = CostTable(tuple(h for _, h in self.columns), tuple(self.items), total, self.loc)
        else:
            self.columns = []      # not a block after all: look for another heading
            self.items = []
