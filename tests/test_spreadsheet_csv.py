"""The one CSV writer: formula-like cells get a leading apostrophe, the dialect stays Excel's."""

from __future__ import annotations

import csv
import io

import pytest

from reservations.spreadsheet_csv import (
    FORMULA_TRIGGERS,
    neutralize_cell,
    restore_cell,
    spreadsheet_csv,
    spreadsheet_csv_bytes,
)


def read_back(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+81312345678", "'+81312345678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
    ],
    ids=["equals", "plus", "minus", "at", "tab", "carriage-return"],
)
def test_a_cell_beginning_with_a_formula_character_gets_an_apostrophe(
    typed: str, written: str
) -> None:
    assert neutralize_cell(typed) == written
    assert read_back(spreadsheet_csv_bytes([["header"], [typed]]))[1] == [written]
    assert restore_cell(written) == typed


def test_the_six_characters_are_owasps_list() -> None:
    assert set(FORMULA_TRIGGERS) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize(
    "cell",
    [
        "山田",
        "山田 太郎",
        "ヤマダ タロウ",
        "𠮷田",
        "四谷地域センター",
        "a=b",
        "1+1",
        "090-1234-5678",
        "sato@example.jp",
        "車いす\t利用",
        "メモ\n二行目",
        "'quoted",
        "0",
        "2024-04-01",
        "10:30",
        "",
    ],
)
def test_ordinary_cells_are_written_as_they_are(cell: str) -> None:
    assert neutralize_cell(cell) == cell
    assert read_back(spreadsheet_csv_bytes([[cell]])) == [[cell]]
    assert restore_cell(cell) == cell


def test_numbers_and_none_are_written_as_text_and_negatives_are_prefixed_too() -> None:
    assert [neutralize_cell(v) for v in (None, 0, 36, 75.5, -1)] == ["", "0", "36", "75.5", "'-1"]


@pytest.mark.parametrize("stored", ["'=x", "''-1", "'", "''", "'a", "=", "'\t"])
def test_restore_cell_gives_back_exactly_what_was_stored(stored: str) -> None:
    assert restore_cell(neutralize_cell(stored)) == stored


def test_the_dialect_is_excels_utf8_bom_crlf_every_field_quoted() -> None:
    data = spreadsheet_csv_bytes(
        [["id", "name", "note"], [1, "山田 太郎", 'a "b"\nc'], [2, None, ""]]
    )
    assert data == (
        '\ufeff"id","name","note"\r\n"1","山田 太郎","a ""b""\nc"\r\n"2","",""\r\n'.encode()
    )


def test_the_streaming_writer_leaves_the_callers_stream_open() -> None:
    buffer = io.BytesIO()
    with spreadsheet_csv(buffer) as writer:
        writer.writerow(["a"])
        writer.writerows([["=b"], ["c"]])
    assert not buffer.closed
    assert buffer.getvalue() == '\ufeff"a"\r\n"\'=b"\r\n"c"\r\n'.encode()
