"""Text cut into the grid of cells every other format gives (perflint.readers.segment)."""
from __future__ import annotations

from perflint.readers.segment import segment, split_line
from perflint.readers.text import to_simplified


def test_tab_pipe_and_aligned_rows():
    assert split_line("项目名称\t乡村道路养护\t") == ["项目名称", "乡村道路养护", ""]
    assert split_line("| 一级指标 | 二级指标 | 指标值 |") == ["一级指标", "二级指标", "指标值"]
    assert split_line("|---|:---:|---|") == []
    assert split_line("产出指标   数量指标    培训人数   100人") == ["产出指标", "数量指标", "培训人数", "100人"]


def test_single_spaces_cut_label_rows_but_not_sentences():
    assert split_line("项目名称 再生资源回收市场管理经费") == ["项目名称", "再生资源回收市场管理经费"]
    assert split_line("年度目标 完成 全年 任务") == ["年度目标", "完成 全年 任务"]
    assert split_line("其中: 财政拨款数 3") == ["其中:", "财政拨款数", "3"]
    assert split_line("请各单位 于月底前 报送") == ["请各单位 于月底前 报送"]


def test_rows_under_a_spaced_heading_are_cut_alike():
    rows, how = segment(["一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 培训人数 100人", "培训班次 20期"])
    assert how == "lines" and rows[2] == ["培训班次", "20期"]


def test_run_together_form_is_cut_at_labels_only_when_it_begins_with_one():
    assert split_line("项目名称农村义务教育薄弱学校改造补助资金") == ["项目名称", "农村义务教育薄弱学校改造补助资金"]
    assert split_line("产出指标数量指标农村义务教育学校改造覆盖率100%") == \
        ["产出指标", "数量指标", "农村义务教育学校改造覆盖率", "100%"]
    assert split_line("某县培训项目绩效目标表") == ["某县培训项目绩效目标表"]


def test_one_cell_per_line_is_regrouped_into_rows_on_their_first_line():
    lines = ["项目名称", "", "培训项目", "", "一级指标", "", "二级指标", "", "三级指标", "", "指标值", "",
             "产出指标", "", "数量指标", "", "培训人数", "", "100人", "", "质量指标", "", "合格率", "", "≥95%",
             "", "可持续影响", "", "指标", ""]
    rows, how = segment(lines)
    assert how == "cell-per-line"
    assert len(rows) == len(lines)
    assert rows[0] == ["项目名称", "培训项目"]
    assert rows[4] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert rows[12] == ["产出指标", "数量指标", "培训人数", "100人"]
    assert rows[20] == ["质量指标", "合格率", "≥95%"]
    assert rows[26] == ["可持续影响指标"]          # a label broken over two lines joined


def test_traditional_characters_and_pinyin_glosses():
    text, note = to_simplified("岳陽樓區(qū)價(jià)格認(rèn)證鑒定中心整體績效目標(biāo)表\n項目名稱 價格認定\n" * 3)
    assert text.startswith("岳阳楼区价格认证鉴定中心整体绩效目标表") and "(qū)" not in text
    assert note == "繁体字已转为简体，拼音注音已去除"
    assert to_simplified("项目名称 培训项目") == ("项目名称 培训项目", None)


def test_a_side_label_printed_one_character_a_line_is_one_cell():
    lines = ["年度总体目标", "减轻医疗费用负担。", "绩", "效", "指", "标", "一级指标", "二级指标", "三级指标", "指标值",
             "产出指标", "数量指标", "资助参保人数", "≥12000人"]
    rows, how = segment(lines)
    assert how == "cell-per-line"
    assert rows[0] == ["年度总体目标", "减轻医疗费用负担。"] and rows[2] == ["绩效指标"]
    assert rows[10] == ["产出指标", "数量指标", "资助参保人数", "≥12000人"]


def test_a_whole_form_run_together_on_one_line_is_regrouped_and_located_on_that_line(tmp_path):
    from perflint.documents import extract_file
    from perflint.readers.segment import rows_of_streams

    line = ("项目支出绩效目标表 项目名称乡村道路养护主管部门某县交通运输局年度资金总额120一级指标二级指标三级指标指标值"
            "产出指标数量指标养护里程≥350公里质量指标路况优良率≥85%满意度指标服务对象满意度指标群众满意度≥90%")
    rows, row_lines = rows_of_streams(segment(["附件", line])[0])
    assert row_lines is not None and set(row_lines[1:]) == {1}
    assert ["一级指标", "二级指标", "三级指标", "指标值"] in rows
    path = tmp_path / "preview.txt"
    path.write_text("附件\n" + line + "\n", encoding="utf-8")
    project = extract_file(str(path)).projects[0]
    assert (project.name, project.amount("年度资金总额")) == ("乡村道路养护", 120)
    assert [(i.tier2, i.name, i.value_text) for i in project.indicators] == [
        ("数量指标", "养护里程", "≥350公里"), ("质量指标", "路况优良率", "≥85%"), ("服务对象满意度指标", "群众满意度", "≥90%")]
    assert {i.loc.line for i in project.indicators} == {2}
