"""Encodings and bad input: each bad file gives one clear error naming the file."""
import pytest

from gongkai.errors import SourceError
from gongkai.corpus.reading import collect_sources, read_page

TEXT = "重庆市綦江区2021年度法治政府建设情况报告\n全年共收到行政相对人复议申请61件，依法受理57件，办结47件。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_chinese_encodings(tmp_path, encoding):
    path = tmp_path / "page.txt"
    path.write_bytes(TEXT.encode(encoding))
    page = read_page(path)
    assert page.text.lstrip("\ufeff") == TEXT and not page.is_html


def test_big5(tmp_path):
    text = "臺北市政府法制局關於二零二一年度法治政府建設情況的報告。全年共受理訴願案件一百二十件，均依法辦結。" * 3
    path = tmp_path / "page.html"
    path.write_bytes(f"<html><body><p>{text}</p></body></html>".encode("big5"))
    page = read_page(path)
    assert text in page.text and page.is_html


def test_truncated_utf8_keeps_what_is_there(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes(TEXT.encode("utf-8")[:-2])
    assert read_page(path).text.startswith("重庆市綦江区")


@pytest.mark.parametrize("data,reason", [(b"", "empty"), (b"   \n", "empty"), (b"\x00\x01PK\x03\x04" * 50, "binary"),
                                         (b"<html></html>", "almost no text")])
def test_bad_files_name_the_file_and_the_reason(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(SourceError) as info:
        read_page(path)
    assert "bad.txt" in str(info.value) and reason in str(info.value)


def test_collect_sources_walks_folders_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.html", "a.txt", "c.htm", "skip.pdf"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in collect_sources([tmp_path])] == ["a.txt", "2.html", "c.htm"]


def test_a_seed_is_inside_its_folder_unless_a_link_on_its_way_leads_out(tmp_path):
    from gongkai.corpus.reading import _inside

    seeds, outside = tmp_path / "seeds", tmp_path / "elsewhere"
    (seeds / "sub").mkdir(parents=True)
    outside.mkdir()
    (seeds / "sub" / "a.txt").write_text("x", "utf-8")
    (outside / "secret.txt").write_text("x", "utf-8")
    (seeds / "to-a.txt").symlink_to(seeds / "sub" / "a.txt")  # a link that stays inside
    (seeds / "out.txt").symlink_to(outside / "secret.txt")
    (seeds / "door").symlink_to(outside, target_is_directory=True)  # a linked folder on the way
    assert _inside(seeds / "sub" / "a.txt", seeds) and _inside(seeds / "to-a.txt", seeds)
    assert not _inside(seeds / "out.txt", seeds) and not _inside(seeds / "door" / "secret.txt", seeds)
    assert not _inside(seeds / ".." / "elsewhere" / "secret.txt", seeds)
