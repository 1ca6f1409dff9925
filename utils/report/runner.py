"""Run every notebook on a corpus folder and export self-contained HTML reports.

Notebook ``01`` runs first (it writes the processed tables the others read); then ``02``-``04``
run two at a time, each in its own kernel, all driven from this one process through nbclient.
Kernels talk to this process over IPC sockets in a private temporary folder, not TCP: no
listening port, and no other user can read the traffic.

Usage::

    python -m utils report                          # data/raw -> reports/
    python -m utils report --corpus path/to/folder  # -> reports/corpora/<name>/
    python -m utils report --show-code              # include the code in the HTML
    python -m utils report --corpus DIR --group-by outlet   # compare groups by a manifest column
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

# nbformat imports jsonschema, whose format module imports ``rfc3987_syntax`` when it is installed
# (jupyter-events pulls it in) and that package builds about 35 Earley parsers at import: 1.5-3 s of
# CPU before the first kernel starts, on every report and test run (python-jsonschema/jsonschema#1428).
# It only checks the "iri" formats, which no notebook schema uses, so this process treats it as
# not installed.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402

from utils import paths  # noqa: E402
from utils.plots import FIGURE_FILES  # noqa: E402
from utils.report.export import Result, export_html, notebook_summary, notebook_title, write_index  # noqa: E402

KERNEL_NAME = "argument-atlas"
KERNEL_DISPLAY = "Python (Argument Atlas)"
CELL_TIMEOUT = 900
KERNELS = 2  # notebooks 02-04 at once; the machine has two cores


class NotebookFailed(RuntimeError):
    """A notebook raised an error; the message names the notebook and the cell."""


def notebook_paths(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN-*.ipynb``) in run order."""
    return sorted(Path(folder or paths.NOTEBOOKS).glob("[0-9][0-9]-*.ipynb"))


def ensure_kernel() -> str:
    """Register the project kernel inside this environment if it is missing; return its name."""
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
        if Path(spec.argv[0]).resolve() == Path(sys.executable).resolve():
            return KERNEL_NAME
    except NoSuchKernel:
        pass
    from ipykernel.kernelspec import install  # only when the kernel is missing

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


def inject_parameters(nb: nbformat.NotebookNode, params: dict) -> None:
    """Insert a cell assigning ``params`` right after the cell tagged ``parameters``.

    Raises:
        NotebookFailed: the notebook has no ``parameters`` cell.
    """
    i = parameters_index(nb)
    source = "# Parameters of this report run\n" + "\n".join(f"{k} = {v!r}" for k, v in params.items())
    nb.cells.insert(i + 1, nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]}))


def _failure(path: Path, nb: nbformat.NotebookNode, index: int, exc: CellExecutionError) -> NotebookFailed:
    cell = nb.cells[index]
    code_no = sum(c.cell_type == "code" for c in nb.cells[: index + 1])
    first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
    return NotebookFailed(
        f"{path.name} failed in cell {index + 1} (code cell {code_no}: {first[:60]!r}): {exc.ename}: {exc.evalue}"
    )


async def execute(
    path: Path, params: dict, *, sockets: Path, slots: asyncio.Semaphore
) -> tuple[nbformat.NotebookNode, float]:
    """Execute one notebook in a fresh kernel (IPC transport) once a slot is free.

    Returns:
        The executed notebook and its run time in seconds.

    Raises:
        NotebookFailed: a cell raised (names the notebook, the cell and the error).
    """
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, params)
    async with slots:
        km = AsyncKernelManager(kernel_name=ensure_kernel(), transport="ipc", ip=str(sockets / path.stem[:2]))
        client = NotebookClient(
            nb, km=km, timeout=CELL_TIMEOUT, record_timing=False, resources={"metadata": {"path": str(paths.NOTEBOOKS)}}
        )
        start = time.perf_counter()
        print(f"▶ {path.name} started", flush=True)
        try:
            async with client.async_setup_kernel():
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    try:
                        await client.async_execute_cell(cell, index, store_history=True)
                    except CellExecutionError as exc:
                        raise _failure(path, nb, index, exc) from None
        finally:
            if km.has_kernel:  # nbclient leaves a kernel manager it was given to its owner
                await km.shutdown_kernel(now=False)
        seconds = time.perf_counter() - start
        print(f"✔ {path.name} finished in {seconds:.1f} s", flush=True)
    return nb, seconds


async def _run_all(notebooks: list[Path], params: dict, kernels: int) -> list[tuple[nbformat.NotebookNode, float]]:
    slots = asyncio.Semaphore(kernels)
    with tempfile.TemporaryDirectory(prefix="atlas-kernels-") as tmp:
        sockets = Path(tmp)
        first = [await execute(notebooks[0], params, sockets=sockets, slots=slots)]
        rest = [asyncio.create_task(execute(p, params, sockets=sockets, slots=slots)) for p in notebooks[1:]]
        try:
            return first + list(await asyncio.gather(*rest))
        except BaseException:
            for task in rest:
                task.cancel()
            await asyncio.gather(*rest, return_exceptions=True)
            raise


def run_notebooks(
    notebooks: list[Path],
    *,
    corpus_dir: str | Path = paths.RAW,
    report_dir: Path | None = None,
    processed_dir: Path | None = None,
    show_code: bool = False,
    kernels: int = KERNELS,
    group_by: str | None = None,
) -> list[Result]:
    """Execute notebooks on a corpus and write one HTML report per notebook plus ``index.html``.

    Args:
        notebooks: Notebook files, in run order; the first one's output feeds the others.
        corpus_dir: The folder of articles.
        report_dir: Where HTML goes (default: from :func:`utils.paths.run_dirs`).
        processed_dir: Where processed tables go (default: from :func:`utils.paths.run_dirs`).
        show_code: Include code cells in the HTML.
        kernels: How many notebooks run at once after the first.
        group_by: What groups the articles for comparison: ``"folder"`` or a manifest column
            (``group``, ``author``, ``outlet``, ``date``); ``None``: sub-folders when there are any.

    Raises:
        NotebookFailed: a notebook raised; nothing more is exported.
    """
    dirs = paths.run_dirs(corpus_dir)
    report_dir = Path(report_dir or dirs.reports)
    params = {
        "corpus_dir": paths.shown(dirs.corpus),
        "processed_dir": paths.shown(processed_dir or dirs.processed),
        "report_dir": paths.shown(report_dir),
        "group_by": group_by,
    }
    started = datetime.now(UTC)
    executed = asyncio.run(_run_all(notebooks, params, kernels))
    report_dir.mkdir(parents=True, exist_ok=True)
    stale = remove_stale_figures(report_dir / "figures", notebooks, since=started.timestamp())
    if stale:
        print(
            f"removed {len(stale)} figure file(s) from an earlier run that this run did not write: "
            + ", ".join(p.name for p in stale),
            flush=True,
        )
    results = []
    for path, (nb, seconds) in zip(notebooks, executed):
        out = report_dir / (path.stem + ".html")
        out.write_text(export_html(nb, show_code=show_code), encoding="utf-8")
        results.append(Result(path, out, notebook_title(nb, path.stem), seconds, notebook_summary(nb)))
    write_index(results, report_dir=report_dir, params=params, started=started, corpus_dir=dirs.corpus)
    return results


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
    stale = sorted(
        p
        for p in figures_dir.iterdir()
        if p.is_file() and p.name.startswith(prefixes) and p.suffix in FIGURE_FILES and p.stat().st_mtime < since
    )
    for p in stale:
        p.unlink()
    return stale


def add_arguments(parser) -> None:
    """The ``report`` command's options (see :mod:`utils.__main__`)."""
    parser.add_argument("--corpus", default="data/raw", help="folder of articles (default: data/raw)")
    parser.add_argument("--show-code", action="store_true", help="include code cells in the HTML")
    parser.add_argument("--only", nargs="*", help="notebook numbers to run, e.g. 01 03 (01 is always run first)")
    parser.add_argument(
        "--notebooks", type=Path, default=None, help="folder of NN-*.ipynb notebooks (default: notebooks/)"
    )
    parser.add_argument("--report-dir", type=Path, default=None, help="override where the HTML goes")
    parser.add_argument("--processed-dir", type=Path, default=None, help="override where the tables go")
    parser.add_argument(
        "--group-by",
        default=None,
        help="compare groups of articles: 'folder' (sub-folders such as pos/ and neg/) or a manifest column "
        "(group, author, outlet, date); default: sub-folders when there are any",
    )


def run(args) -> int:
    """Run all notebooks on a corpus; exit 1 naming the notebook and cell on failure."""
    books = notebook_paths(args.notebooks)
    if args.only:
        books = [b for b in books if b.name[:2] in set(args.only) | {"01"}]
    if not books:
        print("✘ no notebooks to run", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    try:
        results = run_notebooks(
            books,
            corpus_dir=args.corpus,
            show_code=args.show_code,
            report_dir=args.report_dir,
            processed_dir=args.processed_dir,
            group_by=args.group_by,
        )
    except NotebookFailed as exc:
        print(f"✘ report run stopped: {exc}", file=sys.stderr)
        return 1
    print(
        f"wrote {len(results)} reports and {results[0].html_path.parent / 'index.html'} in {time.perf_counter() - t0:.1f} s"
    )
    return 0
