"""Run every notebook on a corpus folder and export self-contained HTML reports.

Notebook ``01`` runs first (it writes the processed tables the others read; the next kernel
starts and imports meanwhile, then waits for it); then ``02``-``04`` run two at a time, each in
its own kernel, all driven from this one process through nbclient.
Kernels talk to this process over IPC sockets in a private temporary folder (mode 0700), not TCP:
no listening port, and no other user can read the traffic. Each kernel exits within about a
second of this process dying, however it dies (ipykernel polls for its parent's pid).

A run holds a lock per output folder (:mod:`utils.report.lock`): a second run on the same folders
waits for the first. Before notebooks run, the files the last run of the same notebooks wrote
(``NN-*`` reports and figures, ``index.html``, ``provenance.json``, 04's ``argument-map/``) are
set aside in ``<report_dir>/.previous-run/``; a successful run deletes them, a failed one puts
them back, and the next run after a killed one puts them back before setting them aside again.
So the report folder never mixes figures of two runs, and a rerun after any interruption
writes the same files as a clean run.

Usage::

    python -m utils report                          # data/raw -> reports/
    python -m utils report --corpus path/to/folder  # -> reports/corpora/<name>-<hash>/
    python -m utils report --show-code              # include the code in the HTML
    python -m utils report --corpus DIR --group-by outlet   # compare groups by a manifest column
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

# nbformat imports jsonschema, whose format module imports ``rfc3987_syntax`` when it is installed
# (jupyter-events pulls it in), and that package builds about 35 Earley parsers at import
# (python-jsonschema/jsonschema#1428). It only checks the "iri" formats, which no notebook schema
# uses, so this process treats it as not installed: 1.2 s of CPU saved on every report run
# (``make bench`` prints both figures).
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402

from utils import paths  # noqa: E402
from utils.report import lock  # noqa: E402
from utils.report.export import (  # noqa: E402
    Result,
    export_html,
    notebook_summary,
    notebook_title,
    run_card,
    write_index,
)
from utils.report.kernel import MODULE as KERNEL_MODULE  # noqa: E402
from utils.report.navigate import decorate  # noqa: E402

KERNEL_NAME = "argument-atlas"
KERNEL_DISPLAY = "Python (Argument Atlas)"
CELL_TIMEOUT = 900
KERNELS = 2  # notebooks 02-04 at once; the machine has two cores
PREVIOUS = ".previous-run"  # where the last run's outputs wait while a run is under way
RUN_FILES = ("index.html", "provenance.json")  # written by every run
NOTEBOOK_FOLDERS = {"04": ("argument-map",)}  # folders a notebook writes besides its NN-* files
# Parameters a report run sets in the notebooks that declare them: no widget and no progress bar
# (nobody watches it, and the export would keep every step of it) in an exported report.
REPORT_ONLY = {"explorer": False, "progress": False}


class NotebookFailed(RuntimeError):
    """A notebook raised an error; the message names the notebook and the cell."""


def notebook_paths(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN-*.ipynb``) in run order."""
    return sorted(Path(folder or paths.NOTEBOOKS).glob("[0-9][0-9]-*.ipynb"))


def kernel_argv() -> list[str]:
    """The command line of the project kernel (:mod:`utils.report.kernel`) in this environment."""
    return [sys.executable, "-Xfrozen_modules=off", "-m", KERNEL_MODULE, "-f", "{connection_file}"]


# The kernel's environment. glibc (Linux) otherwise raises its mmap threshold after the first big
# free, so later arrays of a few MB (pandas columns) come from the heap and stay in the process
# after they are freed. A fixed threshold gives them back. On the 2,000 movie reviews it lowered
# the report's peak memory (whole process tree) from 1,160 to 1,078 MB. Other C libraries ignore it.
KERNEL_ENV = {"MALLOC_MMAP_THRESHOLD_": "131072"}


def ensure_kernel() -> str:
    """Register the project kernel inside this environment unless it is there already (a plain
    ``ipykernel install`` of the same name is replaced); return its name."""
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
        if spec.argv == kernel_argv() and spec.env == KERNEL_ENV:
            return KERNEL_NAME
    except NoSuchKernel:
        pass
    import tempfile  # only when the kernel is missing

    from ipykernel.kernelspec import write_kernel_spec

    with tempfile.TemporaryDirectory() as tmp:
        folder = write_kernel_spec(
            Path(tmp) / KERNEL_NAME,
            overrides={"argv": kernel_argv(), "display_name": KERNEL_DISPLAY, "env": KERNEL_ENV},
        )
        KernelSpecManager().install_kernel_spec(str(folder), KERNEL_NAME, prefix=sys.prefix)
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
    """Insert a cell assigning ``params`` right after the cell tagged ``parameters``, plus those of
    :data:`REPORT_ONLY` the notebook declares.

    Raises:
        NotebookFailed: the notebook has no ``parameters`` cell.
    """
    i = parameters_index(nb)
    declared = set(re.findall(r"^(\w+)\s*=", nb.cells[i].source, re.M))
    params = {**params, **{k: v for k, v in REPORT_ONLY.items() if k in declared}}
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
    path: Path,
    params: dict,
    *,
    sockets: Path,
    slots: asyncio.Semaphore,
    after: asyncio.Event | None = None,
    failed: asyncio.Event | None = None,
) -> tuple[nbformat.NotebookNode, float]:
    """Execute one notebook in a fresh kernel (IPC transport) once a slot is free.

    With ``after``, the kernel starts and runs the cells up to the parameters (the imports) at
    once, then waits for ``after`` before the cells that read the first notebook's tables.
    ``failed`` is set when a cell raises; a notebook that gets its slot after that starts no
    kernel and waits to be cancelled (the run is stopping).

    Returns:
        The executed notebook and its run time in seconds (waiting left out).

    Raises:
        NotebookFailed: a cell raised (names the notebook, the cell and the error).
    """
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, params)
    async with slots:
        if failed is not None and failed.is_set():
            await asyncio.Future()  # never done: the run cancels this notebook with the others
        km = AsyncKernelManager(kernel_name=ensure_kernel(), transport="ipc", ip=str(sockets / path.stem[:2]))
        km.connection_file = str(sockets / f"{path.stem[:2]}.json")  # in the private folder, not ~/.local
        client = NotebookClient(
            nb, km=km, timeout=CELL_TIMEOUT, record_timing=False, resources={"metadata": {"path": str(paths.NOTEBOOKS)}}
        )
        start, waited = time.perf_counter(), 0.0
        setup_end = parameters_index(nb) + 1  # the injected parameters
        print(f"▶ {path.name} started", flush=True)
        try:
            async with client.async_setup_kernel():
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    if after is not None and index > setup_end and not after.is_set():
                        pause = time.perf_counter()
                        await after.wait()
                        waited = time.perf_counter() - pause
                    try:
                        await client.async_execute_cell(cell, index, store_history=True)
                    except CellExecutionError as exc:
                        if failed is not None:
                            failed.set()  # before this kernel shuts down and frees its slot
                        raise _failure(path, nb, index, exc) from None
        finally:
            if km.has_kernel:  # nbclient leaves a kernel manager it was given to its owner
                await km.shutdown_kernel(now=False)
        seconds = time.perf_counter() - start - waited
        print(f"✔ {path.name} finished in {seconds:.1f} s", flush=True)
    return nb, seconds


async def _run_all(
    notebooks: list[Path], params: dict, kernels: int, publish: Callable[[Path, nbformat.NotebookNode, float], Result]
) -> list[Result]:
    """Run the first notebook, then the rest ``kernels`` at a time (the first of them starts and
    imports while the first notebook runs, then waits for it); each one's report is exported
    (``publish``) in a background thread as soon as it finishes, while the other kernels run on.
    Exports go one at a time, and all are done when this returns or raises (so a failed run's
    clean-up never races a report still being written)."""
    slots = asyncio.Semaphore(kernels)
    loop = asyncio.get_running_loop()
    first_done, failed = asyncio.Event(), asyncio.Event()
    with lock.socket_folder() as sockets, ThreadPoolExecutor(max_workers=1) as exports:

        async def run(path: Path, *, first: bool = False) -> Result:
            nb, seconds = await execute(
                path, params, sockets=sockets, slots=slots, after=None if first else first_done, failed=failed
            )
            if first:
                first_done.set()
            return await loop.run_in_executor(exports, publish, path, nb, seconds)

        # The first notebook writes the tables the others read. The second kernel (the machine has
        # two cores) starts and imports meanwhile and waits for them: the seeds report ends about
        # 4 s sooner than when the next kernels start only after the first notebook.
        tasks = [asyncio.create_task(run(notebooks[0], first=True))]
        tasks += [asyncio.create_task(run(p)) for p in notebooks[1:]]
        try:
            return list(await asyncio.gather(*tasks))
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
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
        NotebookFailed: a notebook raised; the last run's reports and figures are put back.
        OutputFolderError: the corpus folder and the output folders overlap.
    """
    dirs = paths.run_dirs(corpus_dir)
    report_dir = paths.resolve(report_dir or dirs.reports)
    processed_dir = paths.resolve(processed_dir or dirs.processed)
    paths.check_folders(dirs.corpus, processed_dir, report_dir)
    params = {
        "corpus_dir": paths.shown(dirs.corpus),
        "processed_dir": paths.shown(processed_dir),
        "report_dir": paths.shown(report_dir),
        "group_by": group_by,
    }
    prefixes = sorted({nb.name[:2] for nb in notebooks if nb.name[:2].isdigit()})
    with lock.hold(report_dir, processed_dir):
        set_aside(report_dir, prefixes)
        try:
            started = datetime.now(UTC)
            report_dir.mkdir(parents=True, exist_ok=True)

            def publish(path: Path, nb: nbformat.NotebookNode, seconds: float) -> Result:
                card = run_card(dirs.corpus, processed_dir, started)  # needs 01's tables: read after it ran
                out = report_dir / (path.stem + ".html")
                page = decorate(
                    export_html(nb, show_code=show_code), report_dir=report_dir, prefix=path.name[:2], card=card
                )
                out.write_text(page, encoding="utf-8")
                return Result(path, out, notebook_title(nb, path.stem), seconds, notebook_summary(nb))

            results = asyncio.run(_run_all(notebooks, params, kernels, publish))
            card = run_card(dirs.corpus, processed_dir, started)
            write_index(
                results, report_dir=report_dir, params=params, started=started, corpus_dir=dirs.corpus, card=card
            )
        except BaseException:
            put_back(report_dir, prefixes)
            raise
        shutil.rmtree(report_dir / PREVIOUS, ignore_errors=True)
    return results


def run_outputs(report_dir: Path, prefixes: list[str]) -> list[Path]:
    """The files and folders in ``report_dir`` that a run of the notebooks ``prefixes`` writes:
    ``NN-*`` in the folder and in ``figures/``, the index and provenance, and the extra folders of
    :data:`NOTEBOOK_FOLDERS`. Other notebooks' files are not theirs (a run of ``--only 03`` leaves
    02's alone).

    Returns:
        The existing ones, sorted.
    """
    names = {f"{p}-" for p in prefixes}
    found = [report_dir / n for n in RUN_FILES]
    found += [report_dir / f for p in prefixes for f in NOTEBOOK_FOLDERS.get(p, ())]
    for folder in (report_dir, report_dir / "figures"):
        if folder.is_dir() and not folder.is_symlink():
            found += [e for e in folder.iterdir() if e.name[:3] in names]
    return sorted(e for e in set(found) if e.is_symlink() or e.exists())


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    else:
        entry.unlink(missing_ok=True)


def set_aside(report_dir: Path, prefixes: list[str]) -> list[Path]:
    """Move what the last run of these notebooks wrote into ``<report_dir>/.previous-run``.

    An earlier run that was killed left its own ``.previous-run``: that one holds the last
    complete outputs, so it is put back first (:func:`put_back`).

    Returns:
        The entries moved, as they were named in ``report_dir``.
    """
    backup = report_dir / PREVIOUS
    if backup.is_dir():
        print("putting back the outputs of the last complete run (a run was interrupted)", flush=True)
        record = backup / "notebooks.json"
        put_back(report_dir, json.loads(record.read_text(encoding="utf-8")) if record.exists() else [])
    entries = run_outputs(report_dir, prefixes)
    if not entries:
        return []
    backup.mkdir(parents=True)
    (backup / "notebooks.json").write_text(json.dumps(prefixes), encoding="utf-8")  # first: put_back needs it
    (backup / "files" / "figures").mkdir(parents=True)
    for entry in entries:
        os.replace(entry, backup / "files" / entry.relative_to(report_dir))
    return entries


def put_back(report_dir: Path, prefixes: list[str]) -> None:
    """Undo a run that did not finish: delete what it wrote for these notebooks and move the last
    run's outputs (if set aside) back into place."""
    backup = report_dir / PREVIOUS
    for entry in run_outputs(report_dir, prefixes):
        _remove(entry)
    kept = backup / "files"
    if kept.is_dir():
        for entry in sorted(kept.rglob("*")):
            target = report_dir / entry.relative_to(kept)
            if entry.is_dir() and not entry.is_symlink():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(entry, target)
    shutil.rmtree(backup, ignore_errors=True)


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
    except (NotebookFailed, paths.OutputFolderError) as exc:
        print(f"✘ report run stopped: {exc}", file=sys.stderr)
        return 1
    print(
        f"wrote {len(results)} reports and {results[0].html_path.parent / 'index.html'} in {time.perf_counter() - t0:.1f} s"
    )
    return 0
