"""One report run at a time per output folder, and nothing left behind by a run that was killed.

:func:`hold` takes an exclusive ``flock`` on a lock file in each output folder
(``reports/.run.lock``, ``data/processed/.run.lock``). A second run on the same folders waits
for the first and says so; the operating system releases the lock when the holding process
ends, however it ends, so a killed run never leaves a stale lock.

:func:`socket_folder` makes the private folder (mode 0700) that holds a run's kernel sockets and
connection files, named after the run's process id, and first removes the folders of runs whose
process is gone (a ``kill -9`` gives a run no chance to clean up).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

SOCKETS_PREFIX = "atlas-kernels-"


LOCK_NAME = ".run.lock"


def lock_file(folder: Path) -> Path:
    """The lock file of an output folder: a hidden file inside it."""
    return folder / LOCK_NAME


@contextlib.contextmanager
def hold(*folders: Path, say=print) -> Iterator[None]:
    """Hold the lock of every folder (in a fixed order, so two runs never deadlock).

    Args:
        folders: The output folders of the run.
        say: Where the "waiting" message goes.
    """
    with contextlib.ExitStack() as stack:
        for folder in sorted({Path(f) for f in folders}):
            path = lock_file(folder)
            folder.mkdir(parents=True, exist_ok=True)
            f = stack.enter_context(path.open("a+", encoding="utf-8"))
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                f.seek(0)
                holder = f.read().strip() or "unknown"
                say(
                    f"another report run (process {holder}) is writing to {folder}; waiting for it to finish",
                    flush=True,
                )
                fcntl.flock(f, fcntl.LOCK_EX)
            f.seek(0)
            f.truncate()
            f.write(f"{os.getpid()}\n")
            f.flush()
        yield


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_orphan_socket_folders(base: Path | None = None) -> list[Path]:
    """Delete this user's kernel-socket folders whose run process no longer exists.

    Returns:
        The folders removed.
    """
    base = Path(base or tempfile.gettempdir())
    removed = []
    for folder in base.glob(f"{SOCKETS_PREFIX}*-*"):
        pid = folder.name[len(SOCKETS_PREFIX) :].split("-", 1)[0]
        try:
            mine = folder.is_dir() and not folder.is_symlink() and folder.stat().st_uid == os.getuid()
        except OSError:
            continue
        if mine and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@contextlib.contextmanager
def socket_folder(base: Path | None = None) -> Iterator[Path]:
    """A private folder (0700) for one run's kernel sockets and connection files, removed at the end."""
    remove_orphan_socket_folders(base)
    with tempfile.TemporaryDirectory(prefix=f"{SOCKETS_PREFIX}{os.getpid()}-", dir=base) as tmp:
        os.chmod(tmp, 0o700)  # mkdtemp already makes it so; say it where it matters
        yield Path(tmp)
