"""Runs stay whole: one run at a time per output folder, a killed run leaves no kernel, socket
folder or mixed figures behind, a rerun writes the same bytes as a clean run, and kernels talk
over private IPC sockets, never a TCP port."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from utils import paths
from utils.report import lock, runner

RUN_TIME = re.compile(r'<p class="run-time">[^\n]*</p>')
RUN_DATE = re.compile(r"(run(?: on)? )\d{4}-\d{2}-\d{2}\.")  # the card's date: a run that crosses midnight


def _notebook(folder: Path, name: str, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": runner.KERNEL_NAME, "display_name": "x", "language": "python"}}
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {name}"),
        nbformat.v4.new_code_cell("corpus_dir = processed_dir = report_dir = ''", metadata={"tags": ["parameters"]}),
        *(nbformat.v4.new_code_cell(src) for src in sources),
    ]
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{name}.ipynb")
    return folder / f"{name}.ipynb"


def _files(folder: Path) -> dict[str, bytes]:
    """Every output file under ``folder`` by relative path, with what legitimately varies between
    runs taken out: the index's marked run-time line, the date on every page's run card (two runs
    either side of midnight UTC differ there) and provenance's start time and seconds."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file() or p.name == lock.LOCK_NAME:
            continue
        data = p.read_bytes()
        if p.name == "index.html":
            assert len(RUN_TIME.findall(data.decode())) == 1, p
            data = RUN_TIME.sub("<run-time>", data.decode()).encode()
        if p.suffix == ".html":
            assert RUN_DATE.search(data.decode()), p
            data = RUN_DATE.sub(r"\1<date>.", data.decode()).encode()
        if p.name == "provenance.json":
            prov = json.loads(data)
            del prov["started_utc"], prov["seconds"]
            data = json.dumps(prov).encode()
        out[p.relative_to(folder).as_posix()] = data
    return out


def _first_difference(a: bytes, b: bytes, *, lines: int = 12) -> str:
    """The first lines where two outputs differ, as a unified diff (tags on lines of their own)."""
    import difflib

    split = lambda data: data.decode(errors="replace").replace(">", ">\n").splitlines()  # noqa: E731
    return "\n".join(list(difflib.unified_diff(split(a), split(b), "clean", "again", n=1, lineterm=""))[:lines])


def _kernels_of(pid: int) -> list[int]:
    """Kernel processes started by the run with process id ``pid`` (their connection file lives in
    that run's socket folder, named after it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if f"{lock.SOCKETS_PREFIX}{pid}-".encode() in cmd:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited


# ---------------------------------------------------------------- setting aside and putting back


def test_a_run_sets_aside_exactly_its_notebooks_outputs_and_a_failed_run_puts_them_back(tmp_path):
    r = tmp_path / "r"
    old = ["index.html", "provenance.json", "02-a.html", "figures/02-x.png", "argument-map/draft.argdown"]
    others = ["03-b.html", "figures/03-y.png", "figures/readme.txt", "notes.txt"]
    for name in old + others:
        (r / name).parent.mkdir(parents=True, exist_ok=True)
        (r / name).write_text(f"old {name}")
    moved = runner.set_aside(r, ["02", "04"])
    assert sorted(p.relative_to(r).as_posix() for p in moved) == sorted(["argument-map", *old[:4]])
    assert sorted(p.relative_to(r).as_posix() for p in r.rglob("*") if p.is_file() and ".previous" not in str(p)) == [
        "03-b.html",
        "figures/03-y.png",
        "figures/readme.txt",
        "notes.txt",
    ]
    (r / "figures" / "02-new.png").write_text("half a run")  # the run fails or is killed here
    (r / "02-a.html").write_text("half a run")
    runner.put_back(r, ["02", "04"])
    assert {p.relative_to(r).as_posix(): p.read_text() for p in r.rglob("*") if p.is_file()} == {
        n: f"old {n}" for n in old + others
    }


def test_a_report_written_while_later_notebooks_run_is_withdrawn_when_one_of_them_fails(tmp_path):
    """The first notebook's report is exported while the others still run; a later failure must
    still leave the last complete run's report in place, not this run's."""
    books = tmp_path / "nb"
    first = _notebook(books, "01-first", "x = 1")
    second = _notebook(books, "02-second", "import time\ntime.sleep(2)", "raise ValueError('late failure')")
    reports, corpus = tmp_path / "r", tmp_path / "corpus"
    reports.mkdir()
    corpus.mkdir()
    (reports / "01-first.html").write_text("last complete run")
    with pytest.raises(runner.NotebookFailed, match="02-second.*late failure"):
        runner.run_notebooks([first, second], corpus_dir=corpus, report_dir=reports, processed_dir=tmp_path / "p")
    assert (reports / "01-first.html").read_text() == "last complete run"
    assert sorted(p.name for p in reports.iterdir() if p.name != lock.LOCK_NAME) == ["01-first.html"]


def test_the_run_after_a_killed_one_puts_the_last_complete_outputs_back_first(tmp_path):
    r = tmp_path / "r"
    (r / "figures").mkdir(parents=True)
    (r / "figures" / "02-x.png").write_text("complete")
    runner.set_aside(r, ["02"])
    (r / "figures" / "02-partial.png").write_text("from the killed run")  # then kill -9: no put_back
    assert runner.set_aside(r, ["02"]) == [r / "figures" / "02-x.png"]  # the complete one, not the partial
    assert (r / runner.PREVIOUS / "files" / "figures" / "02-x.png").read_text() == "complete"
    assert not (r / "figures" / "02-partial.png").exists()


def test_socket_folders_of_dead_runs_are_removed_and_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = tmp_path / f"{lock.SOCKETS_PREFIX}{dead.stdout.strip()}-abc"
    live = tmp_path / f"{lock.SOCKETS_PREFIX}{os.getpid()}-abc"
    other = tmp_path / "atlas-kernels-notes"
    for folder in (gone, live, other):
        folder.mkdir()
    assert lock.remove_orphan_socket_folders(tmp_path) == [gone]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name])


# ---------------------------------------------------------------- two runs at once


def test_two_simultaneous_runs_on_one_corpus_take_turns(tmp_path):
    stamp = "import os, time, pathlib\nwith pathlib.Path(processed_dir, 'log.txt').open('a') as f: f.write(f'{}\\n')"
    _notebook(
        tmp_path / "nbs",
        "01-slow",
        stamp.replace("{}", "start {os.getpid()}"),
        "time.sleep(2)",
        stamp.replace("{}", "end {os.getpid()}"),
    )
    (tmp_path / "corpus").mkdir()
    cmd = [sys.executable, "-m", "utils", "report", "--notebooks", str(tmp_path / "nbs"), "--corpus"]
    cmd += [str(tmp_path / "corpus"), "--report-dir", str(tmp_path / "r"), "--processed-dir", str(tmp_path / "p")]
    runs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300)[0] for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outs
    events = [line.split()[0] for line in (tmp_path / "p" / "log.txt").read_text().splitlines()]
    assert events == ["start", "end", "start", "end"]  # one kernel ran at a time, never interleaved
    assert sum("waiting for it to finish" in out for out in outs) == 1, outs
    assert (tmp_path / "r" / "01-slow.html").exists() and not (tmp_path / "r" / runner.PREVIOUS).exists()


# ---------------------------------------------------------------- kernel traffic

KERNEL_CHECK = """
import json, os, stat, pathlib
from ipykernel import get_connection_file
cf = pathlib.Path(get_connection_file())
def link(fd):
    try:
        return os.readlink(f'/proc/self/fd/{fd}')
    except OSError:  # the folder listing's own descriptor, already closed
        return ''
sockets = {link(fd) for fd in os.listdir('/proc/self/fd')}
inodes = {s[8:-1] for s in sockets if s.startswith('socket:[')}
listening = [line for name in ('/proc/net/tcp', '/proc/net/tcp6') for line in open(name).read().splitlines()[1:]
             if line.split()[3] == '0A' and line.split()[9] in inodes]
folder = cf.parent
pathlib.Path(processed_dir, 'kernel.json').write_text(json.dumps({
    'transport': json.loads(cf.read_text())['transport'], 'listening': listening, 'n_sockets': len(inodes),
    'folder': str(folder), 'mode': stat.S_IMODE(folder.stat().st_mode), 'uid': folder.stat().st_uid,
    'files': sorted(p.name for p in folder.iterdir())}))
"""


def test_kernels_talk_over_private_ipc_sockets_and_open_no_tcp_port(tmp_path):
    book = _notebook(tmp_path / "nbs", "01-check", KERNEL_CHECK)
    (tmp_path / "corpus").mkdir()
    runner.run_notebooks(
        [book], corpus_dir=tmp_path / "corpus", report_dir=tmp_path / "r", processed_dir=tmp_path / "p"
    )
    seen = json.loads((tmp_path / "p" / "kernel.json").read_text())
    assert seen["n_sockets"] > 0 and seen["listening"] == []  # the kernel's sockets: none listens on TCP
    assert seen["transport"] == "ipc"
    # only this user can reach the sockets (jupyter_client adds the sticky bit: 0o1700)
    assert seen["mode"] & 0o777 == 0o700 and seen["uid"] == os.getuid()
    assert Path(seen["folder"]).name.startswith(f"{lock.SOCKETS_PREFIX}{os.getpid()}-")
    assert "01.json" in seen["files"] and any(f.startswith("01-") for f in seen["files"])  # sockets + connection
    assert not Path(seen["folder"]).exists()  # removed at the end of the run


# ---------------------------------------------------------------- kill -9, rerun, compare


def test_a_killed_run_leaves_nothing_running_or_mixed_and_a_rerun_equals_a_clean_run(three_run, tmp_path):
    reports, processed = three_run["reports"], three_run["processed"]
    corpus = reports.parent / "three_articles"
    clean = {"reports": _files(reports), "processed": _files(processed)}  # the session's clean run
    extra = corpus / "zz-extra.txt"
    extra.write_text(
        "Offices matter after all\n\nTeams that meet in person argue better. "
        "Is that a reason to end remote work? No, but it is a reason to meet.\n",
        encoding="utf-8",
    )
    try:  # a run on the changed corpus, killed by its pid once the later notebooks have kernels
        cmd = [sys.executable, "-m", "utils", "report", "--corpus", str(corpus)]
        cmd += ["--report-dir", str(reports), "--processed-dir", str(processed)]
        started = time.time()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in proc.stdout:
            if line.startswith(("▶ 02", "▶ 03")):
                break
        deadline = time.time() + 60
        while len(kernels := _kernels_of(proc.pid)) < 2 and time.time() < deadline:
            time.sleep(0.2)
        assert kernels, "no kernel of the run was found"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        extra.unlink()
    deadline = time.time() + 30  # a kernel still starting on a busy machine exits once it can look
    while any(_alive(k) for k in kernels) and time.time() < deadline:
        time.sleep(0.2)
    assert not any(_alive(k) for k in kernels), "kernels of the killed run are still running"
    visible = [
        p for p in reports.rglob("*") if p.is_file() and runner.PREVIOUS not in p.parts and p.name != lock.LOCK_NAME
    ]
    old = [p.name for p in visible if p.stat().st_mtime < started - 1]
    assert old == [], f"files of the earlier run sit beside the killed run's: {old}"

    runner.run_notebooks(runner.notebook_paths(), corpus_dir=corpus, report_dir=reports, processed_dir=processed)
    assert list(Path(tempfile.gettempdir()).glob(f"{lock.SOCKETS_PREFIX}{proc.pid}-*")) == []
    again = {"reports": _files(reports), "processed": _files(processed)}
    for kind in ("reports", "processed"):
        assert sorted(again[kind]) == sorted(clean[kind])
        differ = [name for name in clean[kind] if again[kind][name] != clean[kind][name]]
        assert differ == [], f"{kind} differ from the clean run's: {differ}\n" + _first_difference(
            clean[kind][differ[0]], again[kind][differ[0]]
        )
    assert any(name.endswith(".png") for name in clean["reports"]) and any(
        name.endswith(".svg") for name in clean["reports"]
    )
    assert paths.resolve(reports) == reports


# ---------------------------------------------------------------- corpus folders


@pytest.mark.parametrize("corpus", ["data/processed/corpora/x", "reports/corpora/x"])
def test_the_command_refuses_a_corpus_inside_the_output_folders_before_writing_anything(corpus, capsys):
    from utils import __main__ as cli

    assert cli.main(["report", "--corpus", corpus]) == 1
    err = capsys.readouterr().err
    assert "cannot be inside or contain the project's output folder" in err and corpus.split("/")[0] in err
    assert not paths.resolve(corpus).exists()


def test_a_run_never_writes_into_the_corpus_folder(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "articles.csv").write_text("id,file,title,author\n", encoding="utf-8")
    with pytest.raises(paths.OutputFolderError, match="refusing to write outputs"):
        runner.run_notebooks(
            runner.notebook_paths()[:1], corpus_dir=corpus, report_dir=tmp_path / "r", processed_dir=corpus
        )
    assert [p.name for p in corpus.iterdir()] == ["articles.csv"]
    assert (corpus / "articles.csv").read_text(encoding="utf-8") == "id,file,title,author\n"
