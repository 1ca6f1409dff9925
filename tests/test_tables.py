"""Tests for utils.tables: the schema contract, the atomic writer and the checked reader."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from utils import tables

TRICKY = ["a", "b,c", 'say "hi"', "two\nlines", "café — “quoted”", "", "=HYPERLINK(1)"]


def test_text_round_trips_exactly(tmp_path):
    df = pd.DataFrame({"file": TRICKY, "problem": list(reversed(TRICKY)), "action": ["x"] * len(TRICKY)})
    tables.write_table(df, "warnings", tmp_path)
    back = tables.read_table("warnings", tmp_path)
    assert back["file"].tolist() == TRICKY and back["problem"].tolist() == list(reversed(TRICKY))


def test_floats_keep_their_gaps(tmp_path):
    df = pd.DataFrame({"form": ["a", "b"], "lemma": ["a", "b"], "count": [1, 2], "english": [1e-9, float("nan")]})
    tables.write_table(df, "lemmas", tmp_path)
    back = tables.read_table("lemmas", tmp_path)
    assert back["english"].iloc[0] == 1e-9 and pd.isna(back["english"].iloc[1])
    assert back["count"].dtype == "int64"


def test_a_table_missing_a_column_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(tables.SchemaError, match=r"lacks the column\(s\) \['action'\]"):
        tables.write_table(pd.DataFrame({"file": ["x"], "problem": ["y"]}), "warnings", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_concurrent_writers_never_leave_a_partial_or_shared_temporary_file(tmp_path):
    frames = [
        pd.DataFrame({"file": [f"{i}"] * 2000, "problem": ["p"] * 2000, "action": ["a"] * 2000}) for i in range(8)
    ]
    errors = []

    def write(df):
        try:
            tables.write_table(df, "warnings", tmp_path)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(df,)) for df in frames]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert [p.name for p in tmp_path.iterdir()] == ["warnings.csv"]
    back = tables.read_table("warnings", tmp_path)
    assert len(back) == 2000 and back["file"].nunique() == 1  # one writer's table, whole


def test_refuses_data_raw():
    from utils import paths

    with pytest.raises(PermissionError, match="refusing to write"):
        tables.write_table(pd.DataFrame({"file": [], "problem": [], "action": []}), "warnings", paths.RAW)


def _tokens(values: list[str], *, article: str, is_word: bool) -> pd.DataFrame:
    """A tokens table of one sentence holding ``values`` (token and lower case)."""
    n = len(values)
    return pd.DataFrame(
        {
            "article_id": [article] * n,
            "sentence_id": [f"{article}-p01-s01"] * n,
            "token_index": range(1, n + 1),
            "start": range(n),
            "end": range(1, n + 1),
            "token": values,
            "lower": [v.lower() for v in values],
            "is_word": [is_word] * n,
        }
    ).astype(tables.SCHEMA["tokens"])


def test_token_text_is_categorical_in_memory_and_plain_text_on_disk(tmp_path):
    tokens = _tokens(TRICKY, article="a", is_word=True)
    tables.write_table(tokens, "tokens", tmp_path)
    text = (tmp_path / "tokens.csv").read_text(encoding="utf-8")
    assert '"say ""hi"""' in text and "=HYPERLINK(1)" in text  # plain CSV text, exactly as given
    back = tables.read_table("tokens", tmp_path)
    assert all(isinstance(back[c].dtype, pd.CategoricalDtype) for c in ("article_id", "sentence_id", "token", "lower"))
    assert back["token"].tolist() == TRICKY
    pd.testing.assert_frame_equal(back, tokens)


def test_categories_that_look_like_numbers_come_back_as_the_same_text(tmp_path):
    numbers = ["007", "1", "1.0", "1e5", "007"]  # every value of these columns parses as a number
    tokens = _tokens(numbers, article="000", is_word=False)
    tables.write_table(tokens, "tokens", tmp_path)
    back = tables.read_table("tokens", tmp_path)
    assert back["token"].tolist() == numbers and back["article_id"].tolist() == ["000"] * len(numbers)
    pd.testing.assert_frame_equal(back, tokens)


@pytest.mark.parametrize("rows", [1, 2, 3, 1000])
def test_a_table_read_in_parts_is_the_table_read_at_once(tmp_path, monkeypatch, rows):
    # parts meet values none of the earlier parts had (new categories), numbers-as-text in one part
    # only ("007" beside "b"), and empty text; the categories come back sorted, as one read gives them
    values = ["b", "007", "a", "", "b", "Zed", "a"]
    tokens = pd.concat(
        [_tokens(values[:3], article="x", is_word=True), _tokens(values[3:], article="000", is_word=False)],
        ignore_index=True,
    ).astype(tables.SCHEMA["tokens"])
    tables.write_table(tokens, "tokens", tmp_path)
    monkeypatch.setattr(tables, "READ_CHUNK_ROWS", rows)
    back = tables.read_table("tokens", tmp_path)
    pd.testing.assert_frame_equal(back, tokens)
    assert back["token"].cat.categories.tolist() == sorted(set(values))


def test_tables_and_figure_csvs_get_the_mode_of_a_plainly_written_file(tmp_path):
    # written whole through a temporary file, but readable as any new file is (not owner-only), so a
    # shared report folder can be read by the people it is shared with
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    expected = plain.stat().st_mode & 0o777
    table = tables.write_table(
        pd.DataFrame({"file": ["x"], "problem": ["y"], "action": ["z"]}), "warnings", tmp_path / "p"
    )
    sheet = tables.write_spreadsheet_csv(pd.DataFrame({"a": [1]}), tmp_path / "figures" / "01-x.csv")
    assert expected & 0o044  # the umask here lets others read; the check below means something
    assert table.stat().st_mode & 0o777 == expected
    assert sheet.stat().st_mode & 0o777 == expected
