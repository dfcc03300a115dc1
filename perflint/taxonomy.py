"""The indicator taxonomy: 一级 and 二级 tier names, their synonyms, and the two profiles.

Labels arrive in many spellings ("11-数量指标", "数量 指标", "13-时效", "可持 续影 响指 标",
"社会公众或服务对象满意度"); :func:`tier1_of` and :func:`tier2_of` map them to canonical names.

Profiles (chosen in config, used by rules):

* ``local`` — the classic three 一级 of the samples; 成本指标 is a 二级 under 产出指标.
* ``mof-2021`` — 财预〔2021〕101号: 成本指标 is a 一级 of its own with 经济成本指标,
  社会成本指标 and 生态环境成本指标 under it.

Layouts canonicalise against the union of both, so a table is read the same way whatever
profile a reviewer later checks it against.
"""
from __future__ import annotations

import functools
import re
import unicodedata

PRODUCT, BENEFIT, SATISFACTION, COST = "产出指标", "效益指标", "满意度指标", "成本指标"

#: 二级 → its 一级, in the order templates list them.
LOCAL_TIERS: dict[str, str] = {
    "数量指标": PRODUCT, "质量指标": PRODUCT, "时效指标": PRODUCT, "成本指标": PRODUCT,
    "经济效益指标": BENEFIT, "社会效益指标": BENEFIT, "生态效益指标": BENEFIT,
    "可持续影响指标": BENEFIT,
    "服务对象满意度指标": SATISFACTION,
}
MOF_COST_TIERS: dict[str, str] = {
    "经济成本指标": COST, "社会成本指标": COST, "生态环境成本指标": COST,
}
PROFILES: dict[str, dict[str, str]] = {
    "local": LOCAL_TIERS,
    "mof-2021": {**{k: v for k, v in LOCAL_TIERS.items() if k != "成本指标"},
                 **MOF_COST_TIERS},
}

#: Template order of all 二级 known to either profile (used to infer a missing label).
TIER2_ORDER: tuple[str, ...] = (
    "数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
    "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
)
TIER1_ORDER: tuple[str, ...] = (PRODUCT, COST, BENEFIT, SATISFACTION)

_TIER1_SYNONYMS = {"产出": PRODUCT, "效益": BENEFIT, "满意度": SATISFACTION}
_TIER2_SYNONYMS = {
    "数量": "数量指标", "质量": "质量指标", "时效": "时效指标", "成本": "成本指标",
    "经济效益": "经济效益指标", "经济": "经济效益指标",
    "社会效益": "社会效益指标", "社会": "社会效益指标",
    "生态效益": "生态效益指标", "生态": "生态效益指标", "环境效益": "生态效益指标",
    "生态环境效益": "生态效益指标",
    "可持续影响": "可持续影响指标", "可持续": "可持续影响指标", "可持续发展": "可持续影响指标",
    "服务对象满意度": "服务对象满意度指标", "服务对象": "服务对象满意度指标",
    "社会公众或服务对象满意度": "服务对象满意度指标", "社会公众满意度": "服务对象满意度指标",
    "经济成本": "经济成本指标", "社会成本": "社会成本指标", "生态环境成本": "生态环境成本指标",
    "环境成本": "生态环境成本指标",
}
_CODE = re.compile(r"^\d{1,3}\s*[-－.．、]?")


@functools.lru_cache(maxsize=8192)
def normalise_label(text: str) -> str:
    """"11-数量 指标" → "数量指标": no spaces, no leading code, full-width folded."""
    s = "".join(unicodedata.normalize("NFKC", text).split())
    s = _CODE.sub("", s)
    return s.rstrip(":：")


def _stem(text: str) -> str:
    s = normalise_label(text)
    return s[:-2] if s.endswith("指标") else s


@functools.lru_cache(maxsize=8192)
def tier1_of(text: str | None) -> str | None:
    """The canonical 一级 a label names, or None (成本指标 counts only in its mof-2021 sense)."""
    if not text:
        return None
    return _TIER1_SYNONYMS.get(_stem(text))


@functools.lru_cache(maxsize=8192)
def tier2_of(text: str | None) -> str | None:
    """The canonical 二级 a label names, or None.

    Stems that are also plausible indicator names (社会公众满意度, 服务对象满意度) count as a
    label only when written like one: with a code ("31-") or the word 指标.
    """
    if not text:
        return None
    s = normalise_label(text)
    stem = s[:-2] if s.endswith("指标") else s
    tier2 = _TIER2_SYNONYMS.get(stem)
    if tier2 and stem.endswith("满意度") and not s.endswith("指标") \
            and not _CODE.match("".join(unicodedata.normalize("NFKC", text).split())):
        return None
    return tier2


@functools.lru_cache(maxsize=256)
def parent_of(tier2: str | None, profile: str = "local") -> str | None:
    """The 一级 a 二级 belongs under in ``profile``."""
    if tier2 is None:
        return None
    tiers = PROFILES.get(profile, LOCAL_TIERS)
    if tier2 in tiers:
        return tiers[tier2]
    return LOCAL_TIERS.get(tier2) or MOF_COST_TIERS.get(tier2)


@functools.lru_cache(maxsize=8192)
def is_header_word(text: str) -> bool:
    """Column headings that leak into body rows: 绩效指标, 一级指标, 指标值…"""
    return normalise_label(text) in {"绩效指标", "一级指标", "二级指标", "三级指标", "指标值",
                                     "绩效值", "绩效指标描述", "指标值确定依据", "一级", "二级", "三级"}


def tiers_between(before: str | None, after: str | None) -> list[str]:
    """二级 names strictly between two in template order (both ends optional)."""
    lo = TIER2_ORDER.index(before) + 1 if before in TIER2_ORDER else 0
    hi = TIER2_ORDER.index(after) if after in TIER2_ORDER else len(TIER2_ORDER)
    return [t for t in TIER2_ORDER[lo:hi] if t in LOCAL_TIERS or t in MOF_COST_TIERS]
