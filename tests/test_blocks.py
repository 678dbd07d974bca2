from gongkai.corpus.blocks import group_lines, mark_structure, signer


def _kinds(lines):
    return [(b.kind, b.text) for b in mark_structure(group_lines(lines))]


def test_page_break_inside_a_word_is_joined():
    lines = ["文件正式印发后，按要求报送市政府和市人大常委会备", "", "案，依法撤销和纠正不合法的行政规范性文件。"]
    assert _kinds(lines) == [("p", "文件正式印发后，按要求报送市政府和市人大常委会备案，依法撤销和纠正不合法的行政规范性文件。")]


def test_short_subheading_is_not_joined_to_its_paragraph():
    lines = ["政府信息依申请公开情况", "", "按照规定，认真开展依申请公开政府信息工作。"]
    assert [k for k, _ in _kinds(lines)] == ["p", "p"]


def test_paragraph_before_a_section_heading_is_not_joined():
    lines = ["确保法治政府建设各项目标任务按时有效推进且没有句号结尾", "二、2021年法治政府建设工作情况"]
    assert [k for k, _ in _kinds(lines)] == ["p", "h2"]


def test_headings_and_lead_sentences():
    got = _kinds(["一、工作开展情况", "（一）加强组织领导，完善机制保障。一是强化领导责任。二是完善机制。", "(二)健全依法决策机制"])
    assert got == [("h2", "一、工作开展情况"), ("h3", "（一）加强组织领导，完善机制保障"),
                   ("p", "一是强化领导责任。二是完善机制。"), ("h3", "(二)健全依法决策机制")]


def test_signature_block_and_signer():
    blocks = mark_structure(group_lines(["区委：", "正文到此结束。", "重庆市潼南区人民政府办公室", "2021年2月5日"]))
    assert [b.kind for b in blocks] == ["p", "p", "signature", "signature"]
    assert signer(blocks) == "重庆市潼南区人民政府办公室"


def test_attachment_gets_its_own_heading():
    got = _kinds(["正文。", "附件：任务分解表", "| 序号 | 名称 |", "| --- | --- |", "| 1 | 甲 |"])
    assert got[1] == ("h2", "附件") and got[2] == ("p", "附件：任务分解表") and got[3][0] == "table"


def test_bare_marker_is_not_a_heading():
    assert [k for k, _ in _kinds(["（一）", "加快政府职能转变"])] == ["p", "p"]


def test_a_bold_heading_is_a_heading_and_its_paragraph_follows():
    """<strong>一、总体情况</strong> and <strong>（一）加强组织领导。</strong>全年… (the cleaner writes bold as **…**)."""
    from gongkai.corpus.blocks import Block, mark_structure
    got = [(b.kind, b.text) for b in mark_structure([Block("p", "**一、总体情况**"),
                                                     Block("p", "**（一）加强组织领导。**全年召开会议5次。"),
                                                     Block("p", "**重要提示**")])]
    assert got == [("h2", "一、总体情况"), ("h3", "（一）加强组织领导"), ("p", "全年召开会议5次。"), ("p", "**重要提示**")]
