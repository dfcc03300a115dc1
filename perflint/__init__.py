"""perflint — a linter for Chinese government budget performance target tables (预算绩效目标表).

    import perflint
    report = perflint.check(["docs/"], config={"fail-on": "warning"})
    report.to_json()          # the same JSON as `perflint check --format json`
"""

__version__ = "0.1.0"


def check(paths, config=None, **overrides):
    """Check files and directories and return a Report (see perflint.run.check)."""
    from .run import check as _check  # imported here so `import perflint` stays light

    return _check(paths, config, **overrides)


def extract(path: str, budget_year: int | None = None):
    """The model (a Document) of one file (see perflint.documents.extract_file)."""
    from .documents import extract_file

    return extract_file(path, budget_year=budget_year)
