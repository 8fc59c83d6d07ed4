"""Searching by date: since/until, `date:` in queries, sorting by date, paging."""

import datetime
from pathlib import Path

import pytest

from index import open_index
from index.build.builder import build_index
from index.errors import QueryError
from index.search.dates import parse_range
from index.search.query import parse_query

ARTICLES = {
    "a2019.txt": "# date = 20191231\nHội đàm cuối năm\nHội đàm tại Hà Nội.",
    "b2020mar.txt": "# date = 20200301\nHội đàm tháng ba\nHội đàm hội đàm tại Hà Nội.",
    "c2020jun.txt": "# date = 20200630\nGặp gỡ tháng sáu\nHội đàm tại Huế.",
    "d2021.txt": "# date = 20210115\nTin năm mới\nBài không có từ ấy.",
    "undated.txt": "Tin không ngày\nHội đàm không rõ ngày.",
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dates")
    folder = root / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    build_index(root / "ix", [folder])
    return root / "ix"


@pytest.fixture()
def index(index_dir):
    with open_index(index_dir) as opened:
        yield opened


def ids(result) -> list[str]:
    return [hit.id for hit in result.hits]


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2020", None, {"b2020mar", "c2020jun", "d2021"}),
        (None, "2020-03", {"a2019", "b2020mar"}),
        ("2020-03-01", "2020-06-30", {"b2020mar", "c2020jun"}),
        (datetime.date(2020, 3, 2), "2020", {"c2020jun"}),
        (None, "2019", {"a2019"}),
    ],
)
def test_since_and_until_keep_dated_articles_in_range(index, since, until, expected):
    result = index.search("", since=since, until=until, limit=None)
    assert set(ids(result)) == expected
    assert result.total == len(expected)


def test_totals_count_the_filtered_set(index):
    assert index.search("hội đàm", limit=None).total == 4
    result = index.search("hội đàm", since="2020", limit=None)
    assert set(ids(result)) == {"b2020mar", "c2020jun"}
    assert result.total == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date:2020", {"b2020mar", "c2020jun"}),
        ("date:2020-03", {"b2020mar"}),
        ("date:2020-03-01..2020-06-30", {"b2020mar", "c2020jun"}),
        ("date:..2019", {"a2019"}),
        ("date:2020.. hội đàm", {"b2020mar", "c2020jun"}),
        ('date:"2019"', {"a2019"}),
        ("hội đàm (date:2020 Huế)", {"c2020jun"}),
        ("date:2020 date:..2020-03", {"b2020mar"}),
    ],
)
def test_date_in_the_query(index, query, expected):
    assert set(ids(index.search(query, limit=None))) == expected


def test_sort_newest_and_oldest_put_undated_last(index):
    newest = ids(index.search("hội đàm", sort="newest", limit=None))
    oldest = ids(index.search("hội đàm", sort="oldest", limit=None))
    assert newest == ["c2020jun", "b2020mar", "a2019", "undated"]
    assert oldest == ["a2019", "b2020mar", "c2020jun", "undated"]
    assert ids(index.search("", sort="oldest", limit=2)) == ["a2019", "b2020mar"]


def test_offset_pages_through_the_hits(index):
    for sort in ("relevance", "newest", "oldest"):
        everything = ids(index.search("hội đàm", sort=sort, limit=None))
        pages = [ids(index.search("hội đàm", sort=sort, limit=2, offset=o)) for o in (0, 2, 4)]
        assert pages[0] + pages[1] + pages[2] == everything
        assert pages[2] == []


@pytest.mark.parametrize(
    "arguments",
    [
        {"since": "2020-13"},
        {"until": "2020-02-30"},
        {"since": "yesterday"},
        {"since": "2021", "until": "2020"},
        {"sort": "best"},
        {"offset": -1},
        {"limit": -5},
    ],
)
def test_bad_values_raise_query_error(index, arguments):
    with pytest.raises(QueryError) as raised:
        index.search("", **arguments)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("foo:bar", "unknown field 'foo:'"),
        ('foo:"bar baz"', "unknown field 'foo:'"),
        ("foo:", "unknown field 'foo:'"),
        ("date:2020-99", "bad date"),
        ("date:", "nothing after 'date:'"),
        ("Putin OR date:2020", "date:"),
        ("NOT date:2020", "date:"),
    ],
)
def test_query_errors(index, query, message):
    with pytest.raises(QueryError) as raised:
        index.search(query)
    assert message in str(raised.value)


def test_and_is_an_explicit_conjunction():
    assert parse_query("Biden AND Trump") == parse_query("Biden Trump")
    assert parse_query("(Nga OR Mỹ) AND hội đàm") == parse_query("(Nga OR Mỹ) hội đàm")
    for bad in ("AND Trump", "Biden AND", "Biden AND OR Trump", "(Biden AND)"):
        with pytest.raises(QueryError, match="AND needs something on both sides"):
            parse_query(bad)


def test_partial_dates_mean_the_whole_period():
    assert parse_range("2020-02") == parse_range("2020-02-01..2020-02-29")
    assert parse_range("2020..").until is None
    assert parse_range("..2019").since is None
