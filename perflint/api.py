"""The public API for rule packs. perflint's own rules import from here and nowhere else.

Besides the model and the rule decorator it carries the derived views rules share (cost rows read
as money, the spending plan's cells, every piece of written text; see :mod:`perflint.views`).

    from perflint.api import Indicator, RuleContext, rule, vocab

    @rule(code="PF401", name="rate-above-100", category="value", severity="error", target=Indicator)
    def check(ind: Indicator, ctx: RuleContext):
        ...
        yield ctx.finding(at=ind, message="…", hint="…")
"""
from . import taxonomy, units, vocab, vocabulary
from .engine import CATEGORIES, SEVERITIES, Anchor, Corpus, Finding, Rule, RuleContext, rule
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
from .similarity import exact_groups, feature_hashes, near_duplicate_groups
from .values import STRUCTURED_KINDS, Value, parse_value
from .views import (
                    BARE_FILLERS,
                    BENEFIT_TIERS,
                    COST_TIERS,
                    FILLER_NAMES,
                    OUTPUT_TIERS,
                    REQUIRED_TIERS,
                    TIER_SHORT,
                    CostCheck,
                    CostLine,
                    Estimate,
                    Mention,
                    PlanCell,
                    Standard,
                    TextPiece,
                    budget_of,
                    comparable,
                    compare_costs,
                    core_noun,
                    cost_lines,
                    document_joined,
                    document_text,
                    estimate,
                    is_cost,
                    is_filler_name,
                    is_placeholder,
                    item_key,
                    measures_in,
                    mentions,
                    period_months,
                    pieces_matching,
                    plan_cells,
                    price_factors,
                    price_times,
                    project_costs,
                    quantity_counts,
                    row_key,
                    sentences,
                    siblings_text,
                    squash,
                    standards_in,
                    text_pieces,
                    tier_name,
)

__all__ = [
    "CATEGORIES", "SEVERITIES", "STRUCTURED_KINDS", "Amount", "Anchor", "Corpus", "Document", "Finding", "Goal",
    "Indicator", "Loc", "Paragraph", "Problem", "Project", "Rule", "RuleContext", "Schedule", "Slot",
    "TextField", "Value", "exact_groups", "feature_hashes", "near_duplicate_groups", "parse_value", "rule", "taxonomy",
    "units", "vocab", "vocabulary",
    # derived views of the model (perflint.views)
    "BARE_FILLERS", "BENEFIT_TIERS", "COST_TIERS", "FILLER_NAMES", "OUTPUT_TIERS", "REQUIRED_TIERS", "TIER_SHORT",
    "CostCheck", "CostLine", "Estimate", "Mention", "Standard", "estimate", "period_months", "price_factors",
    "price_times", "standards_in", "PlanCell", "TextPiece", "budget_of", "comparable",
    "compare_costs", "core_noun", "cost_lines", "document_joined", "document_text", "is_cost", "is_filler_name",
    "is_placeholder", "item_key", "measures_in", "mentions", "pieces_matching", "plan_cells", "project_costs",
    "quantity_counts", "row_key", "sentences", "siblings_text", "squash", "text_pieces", "tier_name",
]
