"""CSV formula injection: the CSVs people open in a spreadsheet neutralise formulas (OWASP: a
leading ``'``); the processed tables that code reads stay exact."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from utils import plots, tables  # noqa: E402
from utils.argmap import draft  # noqa: E402
from utils.argmap.export import export_map  # noqa: E402
from utils.argmap.model import ArgumentMap, claims_frame  # noqa: E402
from utils.ingest.read import ingest, write_tables  # noqa: E402

EVIL = '=HYPERLINK("http://evil","x")'
THREE = Path(__file__).parent / "fixtures" / "three_articles"


def _cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return [cell for row in csv.reader(f) for cell in row]


def _live(path: Path) -> list[str]:
    """Cells a spreadsheet would run as a formula (numbers such as -1.5 are numbers, not formulas)."""

    def number(cell: str) -> bool:
        try:
            float(cell)
        except ValueError:
            return False
        return True

    return [c for c in _cells(path) if c.startswith(tables.FORMULA_START) and not number(c)]


@pytest.mark.parametrize(
    "value, safe",
    [
        (EVIL, "'" + EVIL),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("plain = fine", "plain = fine"),
        (-1.5, -1.5),
        ("", ""),
    ],
)
def test_neutralise_follows_owasp(value, safe):
    assert tables.neutralise(value) == safe


def test_spreadsheet_csvs_neutralise_cells_headers_and_index_but_keep_numbers(tmp_path):
    df = pd.DataFrame({EVIL: [EVIL, "ok"], "n": [-1.5, 2.0]}, index=pd.Index(["@idx", "b"], name="article"))
    path = tables.write_spreadsheet_csv(df, tmp_path / "x.csv", index=True)
    assert _live(path) == []
    back = pd.read_csv(path, index_col=0)
    assert back.columns.tolist() == ["'" + EVIL, "n"] and back.index.tolist() == ["'@idx", "b"]
    assert back["'" + EVIL].tolist() == ["'" + EVIL, "ok"] and back["n"].tolist() == [-1.5, 2.0]
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]  # no temporary file left


def test_a_formula_title_stays_exact_in_processed_tables_and_is_neutralised_in_report_csvs(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(THREE, corpus)
    (corpus / "articles.csv").write_text(
        f'id,file,title,author\n001,remote-work.txt,"{EVIL.replace(chr(34), chr(34) * 2)}",@author\n',
        encoding="utf-8",
    )
    articles = ingest(corpus).articles
    assert EVIL in articles["title"].tolist()

    # processed tables: exact, and read back exactly
    write_tables(ingest(corpus), tmp_path / "processed")
    assert EVIL in _cells(tmp_path / "processed" / "articles.csv")
    assert EVIL in tables.read_table("articles", tmp_path / "processed")["title"].tolist()

    # the CSV beside a figure
    monkeypatch.setattr(plots, "display", lambda obj: None)
    fig, ax = plt.subplots()
    ax.bar(articles["title"], articles["n_words"])
    plots.save_fig(fig, "01-words", figures_dir=tmp_path / "figures", data=articles.set_index("title"))
    figure_csv = tmp_path / "figures" / "01-words.csv"
    assert "'" + EVIL in _cells(figure_csv) and _live(figure_csv) == []

    # the argument-map CSV exports (draft-claims.csv ...): the title is a claim label here
    written = draft.run_draft(corpus, tmp_path / "draft")
    claims = pd.read_csv(tmp_path / "draft" / "draft-claims.csv", dtype=str, keep_default_na=False)
    claims.loc[0, "label"] = EVIL
    amap = draft.build_draft(ingest(corpus))
    amap = ArgumentMap(
        claims=claims_frame(claims.to_dict("records")), relations=amap.relations, articles=amap.articles, kind="draft"
    )
    exported = export_map(amap, tmp_path / "map", stem="draft")
    for path in [*written, *exported]:
        if path.suffix == ".csv":
            assert _live(path) == [], path.name
    assert "'" + EVIL in _cells(tmp_path / "map" / "draft-claims.csv")
