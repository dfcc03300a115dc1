"""perflint's built-in rules.

One rule per module, its module docstring its documentation (检查内容 / 为何重要 / 示例 / 依据).
The pack is registered under the ``perflint.rules`` entry-point group exactly as a third-party pack
is, and imports only from ``perflint.api``. Codes are grouped by category in hundreds:

    PF0xx input · PF1xx funds · PF2xx placeholder · PF3xx tier · PF4xx value · PF5xx template
    PF6xx consistency · PF7xx structure · PF8xx text · PF9xx schedule
"""
