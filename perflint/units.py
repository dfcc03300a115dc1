"""Units: perflint's own pint registry and what it says about a unit.

The registry is built from ``units.txt`` beside this module, never from pint's default file.
Values keep their unit as a canonical string such as ``元/人/天``; :func:`unit_info` turns that
string into what rules need (dimension, whether it is money or time) and is cached per spelling,
so pint is consulted once per distinct unit rather than once per value.
"""
from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources


@functools.lru_cache(maxsize=1)
def registry():
    """The process-wide pint registry (built on first use)."""
    # pint probes for numpy at import time, and numpy (present as a dependency of other
    # packages) costs ~0.1 s to import. perflint never hands arrays to pint, so hide numpy for
    # the duration of pint's import; it is importable again right after.
    hidden = "numpy" not in sys.modules
    if hidden:
        sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import pint
    finally:
        if hidden:
            del sys.modules["numpy"]
    definitions = resources.files("perflint").joinpath("units.txt")
    with resources.as_file(definitions) as path:
        return pint.UnitRegistry(str(path), non_int_type=Decimal, cache_folder=None)


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """What perflint needs to know about one unit expression."""

    canonical: str               # 元/人/天
    dimensions: tuple[tuple[str, int], ...]   # (("[money]", 1), ("[person]", -1), ("[time]", -1))

    @property
    def is_money(self) -> bool:
        """Plain money: 元 (the scale word is already folded into the number)."""
        return self.dimensions == (("[money]", 1),)

    @property
    def is_money_rate(self) -> bool:
        """Money per something: 元/人/天, 元/年, 元/个."""
        return len(self.dimensions) > 1 and ("[money]", 1) in self.dimensions     # (each dimension once)

    @property
    def is_time(self) -> bool:
        return self.dimensions == (("[time]", 1),)

    @property
    def is_count(self) -> bool:
        """A single counting dimension: 人, 人次, 个, 场…"""
        return (len(self.dimensions) == 1 and self.dimensions[0][1] == 1
                and self.dimensions[0][0] not in ("[money]", "[time]"))

    @property
    def base(self) -> str:
        """The numerator's canonical symbol: 元 for 元/人/天, 人 for 人/年."""
        return self.canonical.split("/", 1)[0]


TABLE = "units_table.json"


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    """What pint says of every spelling in units.txt — its canonical symbol and its base
    dimensions — as written by :func:`table_from_pint` (a test keeps it equal to pint's answer),
    so a run does not import pint (~0.1 s) to learn what it already knows."""
    import json

    return json.loads(resources.files("perflint").joinpath(TABLE).read_text(encoding="utf-8"))


def table_from_pint() -> dict:
    """The unit table, from pint: ``python -c "import perflint.units as u; u.write_table()"``."""
    reg = registry()
    symbols = {s: reg.get_symbol(s) for s in spellings()}
    dimensions = {sym: sorted([str(k), int(v)] for k, v in reg.Unit(sym).dimensionality.items())
                  for sym in sorted(set(symbols.values()))}
    return {"symbols": dict(sorted(symbols.items())), "dimensions": dimensions}


def write_table() -> None:
    import json
    from pathlib import Path

    path = Path(__file__).with_name(TABLE)
    path.write_text(json.dumps(table_from_pint(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@functools.cache
def unit_info(spellings: tuple[str, ...]) -> UnitInfo:
    """Unit information for a numerator followed by denominators, as written (``("元", "人", "天")``);
    from the table of units.txt's spellings, from pint for anything else."""
    table = _table()
    try:
        symbols = [table["symbols"][s] for s in spellings]
    except KeyError:
        return unit_info_from_pint(spellings)
    dims: dict[str, int] = {}
    for k, symbol in enumerate(symbols):
        for dim, exponent in table["dimensions"][symbol]:
            dims[dim] = dims.get(dim, 0) + (exponent if k == 0 else -exponent)
    return UnitInfo("/".join(symbols), tuple(sorted((d, e) for d, e in dims.items() if e)))


def unit_info_from_pint(spellings: tuple[str, ...]) -> UnitInfo:
    """:func:`unit_info`, asking pint (the authority the table is made from)."""
    reg = registry()
    symbols = [reg.get_symbol(s) for s in spellings]
    unit = reg.Unit(symbols[0])
    for s in symbols[1:]:
        unit = unit / reg.Unit(s)
    dims = tuple(sorted((str(k), int(v)) for k, v in unit.dimensionality.items()))
    return UnitInfo("/".join(symbols), dims)


@functools.cache
def canonical_symbol(spelling: str) -> str:
    """The canonical symbol of one accepted spelling (``个月`` → ``月``, ``次数`` → ``次``)."""
    return registry().get_symbol(spelling)


@functools.lru_cache(maxsize=1)
def spellings() -> tuple[str, ...]:
    """Every accepted unit spelling (元, 人, 人次, 个月…), longest first, from units.txt."""
    text = resources.files("perflint").joinpath("units.txt").read_text(encoding="utf-8")
    found = set()
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            found.update(p.strip() for p in line.split("=")[2:] if p.strip())
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


def is_defined(spelling: str) -> bool:
    try:
        canonical_symbol(spelling)
    except Exception:  # pint raises UndefinedUnitError; any failure means "not ours"
        return False
    return True


def convert(number: Decimal, unit: str, to_unit: str) -> Decimal | None:
    """``number`` in ``unit`` expressed in ``to_unit``; None when the dimensions differ."""
    if unit == to_unit:
        return number
    reg = registry()
    try:
        q = reg.Quantity(number, _expr(unit)).to(_expr(to_unit))
    except Exception:  # DimensionalityError: not comparable, which the caller reports as None
        return None
    return Decimal(q.magnitude)


def _expr(canonical: str) -> str:
    return canonical  # canonical strings are already valid pint expressions (元/人/天)
