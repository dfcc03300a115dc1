"""Text in terminal cells: widths agree with rich's, and wrapping keeps every character, fits the
width, never cuts a Latin word that fits a line and never starts a line with a closing mark."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from perflint.cells import NO_LINE_START, cells, wrap

from conftest import SAMPLES

TEXT = st.text(alphabet=st.sampled_from(list("预算绩效目标表资金（）“”，。、；：%≥≤ abcXYZ0123456789.-_/PF")), max_size=200)


def test_widths_agree_with_rich_on_real_tables():
    for line in (SAMPLES / "ningxia-rst-2022.txt").read_text(encoding="utf-8").replace("\t", " ").splitlines()[:3000]:
        assert cells(line) == cell_len(line), line


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=8, max_value=120))
@example("000、、.0", 8)          # a Latin word pulled down must not leave a mark to start a line
@example("000000 、", 8)          # nor may a space between them
@example("0、、））", 8)            # no way to fit it without a mark starting a line: only after one character
def test_wrapping_keeps_every_character_and_fits(text, width):
    lines = wrap(text, width)
    assert all(cells(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())
    # a closing mark starts a line only when the line before holds one character, so that nothing
    # else could have come down with it (0、、）） at 8 cells cannot be wrapped otherwise)
    assert all(not line[:1] or line[0] not in NO_LINE_START or k == 0 or len(lines[k - 1]) == 1
               for k, line in enumerate(lines))


def test_a_latin_word_is_not_cut_when_it_fits_a_line():
    lines = wrap("输出格式：full、concise、json、jsonl、sarif、junit、github、html、xlsx（问题清单）", 24)
    assert all(word in lines_joined for word in ("github", "concise", "jsonl")
               for lines_joined in ["\n".join(lines)])
    assert not any(line.endswith(("gith", "conc", "jso")) for line in lines)
