import pytest

from gongkai.corpus.dates import DATE_ONLY_LINE, parse_date, read_date


@pytest.mark.parametrize("text,iso", [
    ("2021-03-23", "2021-03-23"),
    ("日期:2021-03-23", "2021-03-23"),
    ("2021/3/5", "2021-03-05"),
    ("2021.03.05", "2021-03-05"),
    ("2021年2月5日", "2021-02-05"),
    ("2022-03-15 10:20", "2022-03-15"),
    ("二〇二三年一月十六日", "2023-01-16"),
    ("二〇二一年十二月二十三日", "2021-12-23"),
    ("20210323", "2021-03-23"),
    ("发布日期：18.01.2024", "2024-01-18"),  # day.month.year, with dots
    ("5．3．2020 10:30", "2020-03-05"),
])
def test_clean_dates(text, iso):
    reading = read_date(text)
    assert reading.iso == iso and reading.status == "ok"


def test_lost_separator_with_one_reading_is_repaired():
    reading = read_date("2022211日")
    assert (reading.iso, reading.status, reading.printed) == ("2022-02-11", "repaired", "2022211日")


def test_lost_digits_with_two_readings_stay_unparseable():
    reading = read_date("2020年117")  # 1月17日 or 11月7日
    assert reading.iso is None and reading.status == "unparseable" and reading.printed == "2020年117"


@pytest.mark.parametrize("text", ["2021-02-30", "2021年13月1日"])
def test_impossible_dates_are_unparseable(text):
    assert read_date(text).status == "unparseable"


@pytest.mark.parametrize("text", [None, "", "no date here", "第3条", "版本1.2.2019.3", "12/03/2024",
                                  "发布日期：1970-01-01", "1900-01-01 00:00:00"])
def test_no_date_gives_none(text):
    assert read_date(text) is None and parse_date(text) is None


@pytest.mark.parametrize("line,matches", [("2021年2月5日", True), ("2020年117", True), ("2022211日", True),
                                          ("二〇二三年一月十六日", True), ("09.03.2023", True),
                                          ("2021年全年共办理", False), ("3.5.2020年", False)])
def test_date_only_line(line, matches):
    assert bool(DATE_ONLY_LINE.match(line)) is matches
