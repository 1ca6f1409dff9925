"""Every notebook runs from a fresh kernel on the seeds and on another corpus, and the HTML it
exports is self-contained, hides code, and shows article text as text."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pandas as pd
import pytest

from utils import __main__ as cli
from utils.report import runner

NOTEBOOKS = runner.notebook_paths()
CODE_CELL = re.compile(r'class="[^"]*\bjp-InputArea-editor\b')
DOWNLOAD_ONLY = {"04-argument-map"}  # the whole map in one drawing: a file to open, not a figure on the page
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def test_the_notebooks_are_numbered_and_start_with_ingestion():
    names = [p.name for p in NOTEBOOKS]
    assert names[0] == "01-ingest-articles.ipynb"
    assert len(names) == len({n[:2] for n in names}) >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_open_the_house_way(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    [params] = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    names = re.findall(r"^(\w+)\s*=", params.source, re.M)
    assert names[:3] == ["corpus_dir", "processed_dir", "report_dir"]
    assert nb.metadata.kernelspec.name == runner.KERNEL_NAME
    assert "!pip" not in "".join(c.source for c in nb.cells)


def test_each_notebook_produced_a_report_and_the_index_lists_it(seed_run):
    index = (seed_run["reports"] / "index.html").read_text()
    for result in seed_run["results"]:
        assert result.html_path.exists()
        assert f'href="{result.html_path.name}"' in index and result.title in index
    assert (
        "How this run was made" in index and "992770188ca64436c349a0691f5358e23682bfc46c577449ca689418013a4221" in index
    )
    assert "pandas" in index and "Articles folder" in index and "corpus_dir" not in index


def test_every_figure_is_saved_as_png_svg_and_csv(seed_run):
    figures = seed_run["reports"] / "figures"
    pngs = sorted(p.stem for p in figures.glob("*.png"))
    assert len(pngs) >= 10  # 01: 1, 02: 3, 03: 7, 04: 2
    for stem in pngs:
        assert (figures / f"{stem}.svg").read_text(encoding="utf-8").rstrip().endswith("</svg>"), stem
        assert (figures / f"{stem}.csv").stat().st_size > 0, stem
    for page in seed_run["reports"].glob("[0-9][0-9]-*.html"):  # every saved figure is shown in its report
        html_text = page.read_text(encoding="utf-8")
        shown = [s for s in pngs if s[:2] == page.name[:2] and s not in DOWNLOAD_ONLY]
        assert html_text.count("data:image/png") >= len(shown), page.name


@pytest.mark.parametrize("run", ["seed_run", "three_run"])
def test_reports_are_self_contained_and_hide_code(run, request):
    out = request.getfixturevalue(run)
    for html_path in sorted(out["reports"].glob("*.html")):
        page = html_path.read_text()
        assert not EXTERNAL.search(page), f"{html_path.name} loads something from the network"
        assert "require.js" not in page and "mathjax" not in page.lower()
        assert not CODE_CELL.search(page), f"{html_path.name} shows code"
        assert "Traceback" not in page, f"{html_path.name} shows an error"
        assert "application/vnd.jupyter.widget-view" not in page, f"{html_path.name} has a widget area"
        for img in re.findall(r"<img[^>]+src=\"([^\"]{0,30})", page):
            assert img.startswith("data:image/"), f"{html_path.name}: image not embedded"


EXECUTE_RESULT = re.compile(r'class="[^"]*\bjp-OutputArea-executeResult\b')


@pytest.mark.parametrize("run", ["seed_run", "three_run"])
def test_no_report_shows_a_bare_return_value(run, request):
    """Everything a report shows goes through utils.display or the figure helpers (escaped tables
    without the index, notes); a cell ending in an expression would show Python's or pandas' own
    repr instead (01 once showed the whole lemma table that way, index, e-notation and all)."""
    for page in request.getfixturevalue(run)["reports"].glob("[0-9][0-9]-*.html"):
        html = page.read_text(encoding="utf-8")
        assert not EXECUTE_RESULT.search(html), f"{page.name}: a cell shows its return value"
        assert "rows × " not in html, f"{page.name}: pandas' own table repr"


def test_article_text_is_escaped_and_runs_nothing(three_run):
    pages = {p.name: p.read_text() for p in three_run["reports"].glob("[0-9]*.html")}
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in page for page in pages.values())
    for name, page in pages.items():
        assert "<script>alert(1)" not in page, name
        assert "<img src=x onerror" not in page and '<img src="x"' not in page, name


def test_another_corpus_writes_its_own_tables_and_reports(three_run):
    assert sorted(p.name for p in three_run["processed"].glob("*.csv")) == [
        "articles.csv",
        "cleaning.csv",
        "lemmas.csv",
        "paragraphs.csv",
        "sentence_labels.csv",
        "sentences.csv",
        "summary.csv",
        "tokens.csv",
        "warnings.csv",
    ]
    assert len(list(three_run["reports"].glob("[0-9]*.html"))) == len(NOTEBOOKS)


def test_the_show_code_switch_includes_code_and_a_run_clears_its_old_figures(tmp_path):
    figures = tmp_path / "r" / "figures"
    figures.mkdir(parents=True)
    for name in ["01-dropped-chart.png", "01-dropped-chart.csv", "03-other-notebook.png"]:
        (figures / name).write_text("from an earlier run")
    [result] = runner.run_notebooks(
        NOTEBOOKS[:1], report_dir=tmp_path / "r", processed_dir=tmp_path / "p", show_code=True
    )
    assert CODE_CELL.search(result.html_path.read_text())
    # the same run: 01's figure files from an earlier version are gone, 03's (not run) stay
    assert sorted(p.name for p in figures.iterdir()) == [
        "01-article-summary.csv",  # the full per-article lists beside the report
        "01-cleaning.csv",
        "01-sentence-lengths.csv",
        "01-sentence-lengths.png",
        "01-sentence-lengths.svg",
        "01-sentences.csv",
        "03-other-notebook.png",
    ]


def _broken_notebook(tmp_path):
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": runner.KERNEL_NAME, "display_name": "x", "language": "python"}}
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Broken"),
        nbformat.v4.new_code_cell("corpus_dir = 'data/raw'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise ValueError('bad input here')"),
    ]
    path = tmp_path / "09-broken.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_failing_notebook_stops_the_run_naming_the_notebook_and_cell(tmp_path):
    earlier = tmp_path / "r" / "figures" / "09-earlier.png"
    earlier.parent.mkdir(parents=True)
    earlier.write_text("from the last good run")
    with pytest.raises(
        runner.NotebookFailed,
        match=r"09-broken.ipynb failed in cell 5 \(code cell 4: \"raise ValueError.*ValueError: bad input here",
    ):
        runner.run_notebooks([_broken_notebook(tmp_path)], report_dir=tmp_path / "r", processed_dir=tmp_path / "p")
    assert not (tmp_path / "r" / "09-broken.html").exists()
    assert earlier.read_text() == "from the last good run"  # a failed run puts the last good outputs back
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == [".run.lock", "figures"]


def test_the_command_line_exits_non_zero_on_failure(tmp_path, monkeypatch, capsys):
    broken = _broken_notebook(tmp_path)
    monkeypatch.setattr(runner, "notebook_paths", lambda folder=None: [broken])
    assert cli.main(["report", "--corpus", "data/raw"]) == 1
    assert "09-broken.ipynb failed" in capsys.readouterr().err


def test_the_index_shows_each_summary_as_plain_text_not_markdown(seed_run):
    nb = nbformat.from_dict(
        {
            "cells": [
                {
                    "cell_type": "markdown",
                    "metadata": {},
                    "source": "# Title\n\nCounted **once**, in `data/x/`, see [the docs](d.md); *each* 2 * 3.\n\nMore.",
                }
            ]
        }
    )
    assert runner.notebook_summary(nb) == "Counted once, in data/x/, see the docs; each 2 * 3."
    index = (seed_run["reports"] / "index.html").read_text(encoding="utf-8")
    assert "**" not in index and "`" not in index and "data/lexicons/ or a named context rule" in index


def test_the_runner_starts_without_building_jsonschemas_iri_parsers():
    # rfc3987_syntax (installed through jupyter-events) builds ~35 Earley parsers when imported:
    # 2-3 s before the first kernel. The runner's process must not import it, yet still validate.
    code = (
        "import sys, utils.report.runner as r, nbformat.validator as v\n"
        "nb = r.nbformat.read(r.notebook_paths()[0], as_version=4)\n"
        "bad = r.nbformat.from_dict({**nb, 'cells': [{'cell_type': 'code'}]})\n"
        "print(sys.modules.get('rfc3987_syntax', 'absent'), v.isvalid(nb), v.isvalid(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["None", "True", "False"]


def test_a_bad_corpus_stops_before_any_report(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    with pytest.raises(runner.NotebookFailed, match="IngestError: .*no articles found"):
        runner.run_notebooks(NOTEBOOKS[:1], corpus_dir=empty, report_dir=tmp_path / "r", processed_dir=tmp_path / "p")
    assert [p.name for p in (tmp_path / "r").iterdir()] == [".run.lock"]  # no report, only the run's lock


def test_after_the_first_notebook_fails_no_other_notebook_starts(tmp_path, capsys):
    # 02 starts and imports while 01 runs (by design); 03 and 04 wait for a kernel slot, and must
    # not start one when 01's failure frees it: the run is stopping
    empty = tmp_path / "nothing"
    empty.mkdir()
    with pytest.raises(runner.NotebookFailed, match="01-ingest-articles.*no articles found"):
        runner.run_notebooks(NOTEBOOKS, corpus_dir=empty, report_dir=tmp_path / "r", processed_dir=tmp_path / "p")
    started = [line.split()[1][:2] for line in capsys.readouterr().out.splitlines() if line.startswith("▶")]
    assert started == ["01", "02"]


def test_the_index_lists_skipped_files_first_and_escapes_them(tmp_path):
    from utils.report import export

    assert export._warnings_html(tmp_path) == ""  # no ingestion run: nothing to say
    pd.DataFrame(columns=["file", "problem", "action"]).to_csv(tmp_path / "warnings.csv", index=False)
    assert "no ingestion warnings" in export._warnings_html(tmp_path)
    pd.DataFrame(
        {
            "file": ["a<b>.txt", "c.html"],
            "problem": ["empty file", "not UTF-8, UTF-16 or cp1252"],
            "action": ["skipped", "skipped"],
        }
    ).to_csv(tmp_path / "warnings.csv", index=False)
    block = export._warnings_html(tmp_path)
    assert "2 files were not analysed" in block and "<b>a&lt;b&gt;.txt</b>: empty file (skipped)" in block
    assert "not UTF-8, UTF-16 or cp1252" in block
    pd.DataFrame(
        {
            "file": ["a.txt", "b.txt"],
            "problem": ["empty file", "may not be cp1252"],
            "action": ["skipped", "kept as read; check its encoding"],
        }
    ).to_csv(tmp_path / "warnings.csv", index=False)
    block = export._warnings_html(tmp_path)  # a file kept with a doubt is not counted as left out
    assert "<b>1 file was not analysed; 1 file was analysed with a doubt to check:</b>" in block
    # a large corpus's warnings: the skipped files first, then eight in all and a pointer to the rest
    kept = [(f"copy{i}.txt", "a near copy?", "kept") for i in range(14)]
    pd.DataFrame(
        [*kept, ("SOURCE.md", "named like documentation", "skipped")], columns=["file", "problem", "action"]
    ).to_csv(tmp_path / "warnings.csv", index=False)
    block = export._warnings_html(tmp_path)
    assert block.count("<li>") == 9 and block.index("SOURCE.md") < block.index("copy0.txt")
    assert "<li>and 7 more, listed in notebook 01's report and in warnings.csv</li>" in block
    assert "1 file was not analysed; 14 files were analysed with a doubt to check" in block


def _notebook(tmp_path, name: str, *cells: tuple[str, list[str]]):
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": runner.KERNEL_NAME, "display_name": "x", "language": "python"}}
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {name}"),
        nbformat.v4.new_code_cell("corpus_dir = processed_dir = report_dir = ''", metadata={"tags": ["parameters"]}),
    ]
    nb.cells += [nbformat.v4.new_code_cell(src, metadata={"tags": tags}) for src, tags in cells]
    nbformat.write(nb, tmp_path / "nbs" / f"{name}.ipynb")


def test_later_notebooks_start_once_the_first_has_finished(tmp_path):
    (tmp_path / "nbs").mkdir()
    stamp = "import time, pathlib; pathlib.Path(processed_dir, '{}').write_text(repr(time.time()))"
    _notebook(tmp_path, "01-first", ("import time; time.sleep(1)", []), (stamp.format("first-ended"), []))
    _notebook(tmp_path, "02-second", (stamp.format("second-started"), []))
    _notebook(tmp_path, "03-third", (stamp.format("third-started"), []))
    (tmp_path / "corpus").mkdir()
    (tmp_path / "p").mkdir()
    runner.run_notebooks(
        runner.notebook_paths(tmp_path / "nbs"),
        corpus_dir=tmp_path / "corpus",
        report_dir=tmp_path / "r",
        processed_dir=tmp_path / "p",
    )
    t = {
        name: float((tmp_path / "p" / name).read_text()) for name in ("first-ended", "second-started", "third-started")
    }
    assert t["first-ended"] < t["second-started"] and t["first-ended"] < t["third-started"]


def test_figures_carry_their_finding_as_alt_text_and_outputs_are_tab_stops(seed_run):
    page = (seed_run["reports"] / "03-concept-frequency.html").read_text(encoding="utf-8")
    images = re.findall(r'<img [^>]*src="data:image/png[^>]*>', page)
    alts = [re.search(r'alt="([^"]*)"', img).group(1) for img in images]
    assert len(alts) >= 7 and all(alts) and "No description" not in page
    assert any("densest" in a for a in alts)  # the heatmap's finding
    outputs = re.findall(r'<div [^>]*class="[^"]*\bjp-OutputArea-output\b[^>]*>', page)
    assert outputs and all('tabindex="0"' in div for div in outputs)  # every output is a tab stop


def test_the_project_kernel_starts_with_a_fixed_mmap_threshold():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(runner.ensure_kernel())
    assert spec.env == runner.KERNEL_ENV == {"MALLOC_MMAP_THRESHOLD_": "131072"}
