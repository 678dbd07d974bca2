import pytest

from gongkai.corpus.normalise import clean_value, index_no_slug, normalise_doc_no, normalise_index_no, normalise_name


@pytest.mark.parametrize("value,want", [
    ("115001050092881785/2021-00251", "115001050092881785/2021-00251"),
    (" 11500112009315877L/2013-08621 ", "11500112009315877L/2013-08621"),
    ("１１５００/２０２１", "11500/2021"),
    ("无", None), ("", None), (None, None), ("综合政务", None),
])
def test_index_no(value, want):
    assert normalise_index_no(value) == want


@pytest.mark.parametrize("value,want", [
    ("渝北府办发〔2012〕107号", "渝北府办发〔2012〕107号"),
    ("潼南府办[2021]10号", "潼南府办〔2021〕10号"),
    ("镇政发（2020） 3号", "镇政发〔2020〕3号"),
    ("  ", None), ("无", None), ("2021-03-23", None),
])
def test_doc_no(value, want):
    assert normalise_doc_no(value) == want


def test_placeholders_mean_absent():
    assert clean_value("--") is None and clean_value("暂无") is None and clean_value(" 其他 ") == "其他"


def test_name_loses_stray_spaces():
    assert normalise_name("重庆市潼南区人民政府办公室 ") == "重庆市潼南区人民政府办公室"


def test_slug_is_file_safe():
    assert index_no_slug("115001050092881785/2021-00251") == "115001050092881785-2021-00251"
