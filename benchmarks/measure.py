"""How the benchmarks measure: wall time and peak memory of a whole process tree, corpus subsets."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from utils import paths
from utils.ingest.read import find_article_files

MOVIES = paths.ROOT.parent / "shared" / "corpora" / "movie_reviews"


@dataclass
class Run:
    """One measured command."""

    seconds: float
    peak_rss_mb: float  # the largest sum of resident memory over the command's whole process tree
    cpu_seconds: float = 0.0  # user + system time of the whole tree (steadier than wall on a shared machine)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux ``/proc``)."""
    tree, todo, total = _children(), [root], 0
    while todo:
        pid = todo.pop()
        todo += tree.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e6


def measure(cmd: list[str], *, env: dict | None = None, interval: float = 0.2) -> Run:
    """Run a command (output discarded) and return its wall time and the peak memory of its tree.

    Raises:
        subprocess.CalledProcessError: the command failed.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=paths.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # kernels and workers are waited for: counted here
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd, stderr=err)
    return Run(seconds, peak, cpu)


def subset_folder(corpus_dir: Path, n: int, out_dir: Path) -> Path:
    """Copy the first ``n`` articles of a folder (sorted by file name, so sub-folders such as
    ``neg/`` and ``pos/`` interleave) into ``out_dir``, keeping their relative paths."""
    files = sorted(find_article_files(corpus_dir), key=lambda p: (p.name.lower(), p.as_posix()))[:n]
    for f in files:
        target = out_dir / f.relative_to(corpus_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    return out_dir
