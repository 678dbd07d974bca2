from gongkai.corpus.textnorm import normalise_line, squeeze_cjk_spaces, strip_invisible, widen_punctuation


def test_every_space_kind_is_folded():
    assert normalise_line("\u2002\u2002\u3000区委:\u00a0\t") == "区委:"


def test_invisible_characters_go():
    assert strip_invisible("行政\u200b复议\ufeff\r\n") == "行政复议\n"


def test_stray_space_between_cjk_goes():
    assert squeeze_cjk_spaces("重庆市潼南区人民政府办公室 关于2020年") == "重庆市潼南区人民政府办公室关于2020年"


def test_half_width_punctuation_between_cjk_is_widened():
    assert widen_punctuation("联系人:孔乾坤;电话,见下(略)") == "联系人：孔乾坤；电话，见下（略）"


def test_numbers_urls_and_year_brackets_are_kept():
    text = "共1,000件,见http://www.example.gov.cn/a,b.html,时间10:30,文号〔2012〕107号"
    got = widen_punctuation(text)
    assert "1,000" in got and "http://www.example.gov.cn/a,b.html" in got and "10:30" in got
    assert "〔2012〕" in got and "件，见" in got


def test_ascii_text_is_untouched():
    assert widen_punctuation("Tel: 023-1234, ext (5)") == "Tel: 023-1234, ext (5)"


def test_pinyin_glosses_after_characters_are_dropped_and_other_brackets_kept():
    assert normalise_line("發(fā)布日期：2023年") == "發布日期：2023年"
    assert normalise_line("孙埠镇（zhèn）人民政府") == "孙埠镇人民政府"
    assert normalise_line("条款(a)和(一)，见(fa)字") == "条款(a)和(一)，见(fa)字"  # no tone mark: not a gloss
