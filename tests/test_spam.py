from gongkai.corpus.spam import is_marker_only, remove_spam

MARK = "〔此处原文疑被篡改〕"


def test_injection_inside_a_sentence_leaves_a_marker_and_the_rest():
    text, removed = remove_spam("拓展manbetx手机版注册首页 的领域和内容")
    assert text == f"拓展{MARK}的领域和内容" and removed == ["manbetx手机版注册首页"]


def test_several_patterns_and_case():
    text, removed = remove_spam("新万博提现最低标准 | MANBETX官网 澳门博彩平台")
    assert "万博" not in text and "MANBETX" not in text and "博彩" not in text
    assert len(removed) == 3


def test_clean_text_is_unchanged():
    assert remove_spam("区政府法制办") == ("区政府法制办", [])


def test_marker_only_line():
    assert is_marker_only(MARK) and not is_marker_only(MARK + "2012年12月26日")
