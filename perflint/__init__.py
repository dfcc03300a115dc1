"""perflint — a linter for Chinese government budget performance target tables (预算绩效目标表)."""

__version__ = "0.1.0"
