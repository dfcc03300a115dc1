"""The public API for rule packs. perflint's own rules import from here and nowhere else.

    from perflint.api import Indicator, RuleContext, rule, vocab

    @rule(code="PF401", name="rate-above-100", category="value", severity="error", target=Indicator)
    def check(ind: Indicator, ctx: RuleContext):
        ...
        yield ctx.finding(at=ind, message="…", hint="…")
"""
from . import taxonomy, units, vocab
from .engine import CATEGORIES, SEVERITIES, Corpus, Finding, Rule, RuleContext, rule
from .model import (
                    Amount,
                    Document,
                    Goal,
                    Indicator,
                    Loc,
                    Paragraph,
                    Problem,
                    Project,
                    Schedule,
                    Slot,
                    TextField,
)
from .similarity import exact_groups, near_duplicate_groups
from .values import STRUCTURED_KINDS, Value, parse_value

__all__ = [
    "CATEGORIES", "SEVERITIES", "STRUCTURED_KINDS", "Amount", "Corpus", "Document", "Finding", "Goal",
    "Indicator", "Loc", "Paragraph", "Problem", "Project", "Rule", "RuleContext", "Schedule", "Slot",
    "TextField", "Value", "exact_groups", "near_duplicate_groups", "parse_value", "rule", "taxonomy",
    "units", "vocab",
]
