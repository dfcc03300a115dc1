"""PF805 common-typo — 常见错别字

## 检查内容
文字中出现了这类表格里常见的错别字，如“钱下达率”（前下达率）、“劝和用于”（全额用于）、“总上方人数”
（总上访人数）、“学院满意度”（学员满意度）、“按照空调”（安装空调）、“占占”。错别字表是规则包中的数据文件
`rules/typos.toml`，每条写明错误写法、正确写法，以及错误写法在哪些较长的词中是正常的（`unless`）。
只收录在本类文件中没有正常读法的写法；拿不准的不收。

选项：`extra`（补充的错别字，`{"错误写法" = "正确写法"}`）、`ignore`（不检查的错误写法列表）。

## 为何重要
错别字会改变意思（“钱下达率”“劝和”让人读不懂），在公开的预算文件里也有损严肃性。

## 示例
不通过：时效指标“资金在2024.12.31钱下达率 ≥100%”。
通过：“资金在2024年12月31日前下达率 100%”。

## 依据
财预〔2015〕88号：绩效目标应表述清晰、指向明确。

## English
A common typo.
Fix: Correct the typo as suggested.
"""
import functools
import re
import sys
from dataclasses import dataclass, field
from importlib import resources

from perflint.api import Document, RuleContext, pieces_matching, rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class Options:
    extra: dict = field(default_factory=dict)
    ignore: tuple = ()


@dataclass(frozen=True)
class Typo:
    wrong: str
    right: str
    unless: tuple[str, ...] = ()


@functools.cache
def curated() -> tuple[Typo, ...]:
    data = tomllib.loads(resources.files(__package__).joinpath("typos.toml").read_text(encoding="utf-8"))
    return tuple(Typo(t["wrong"], t["right"], tuple(t.get("unless", ()))) for t in data["typo"])


@rule(code="PF805", name="common-typo", category="text", severity="warning", target=Document, options=Options)
def check(doc: Document, ctx: RuleContext):
    typos = [t for t in curated() if t.wrong not in ctx.options.ignore]
    typos += [Typo(str(w), str(r)) for w, r in dict(ctx.options.extra).items()]
    if not typos:
        return
    # (a text with whitespace in it is never found: the texts are looked at without it)
    by_wrong = {t.wrong: t for t in typos if t.wrong and "".join(t.wrong.split()) == t.wrong}
    if not by_wrong:
        return
    anywhere = _any_of(tuple(by_wrong))
    # the typos found in one look over the whole text (most documents have none), by piece
    for piece, found in pieces_matching(ctx, anywhere, flat=True):
        text = piece.flat
        for at, wrong in found:
            typo = by_wrong[wrong]
            if any(u in text for u in typo.unless):
                continue
            shown = text[max(0, at - 8):at + len(typo.wrong) + 6]
            yield ctx.finding(at=piece.loc, project=piece.project, text=shown,
                              message_en=f"In the {piece.what}, “{typo.wrong}” is probably a slip for “{typo.right}” (……{shown}……)",
                              message=f"{piece.what}中的“{typo.wrong}”疑为“{typo.right}”之误（……{shown}……）",
                              hint=f"改为“{typo.right}”", evidence=typo.wrong)


@functools.lru_cache(maxsize=8)
def _any_of(wrongs: tuple[str, ...]) -> re.Pattern:
    """One pattern for every wrong text at once, longest first (so 占占 is not cut short)."""
    return re.compile("|".join(re.escape(w) for w in sorted(wrongs, key=len, reverse=True)))
