"""The project's Jupyter kernel: ipykernel that exits with the process that started it and opens
no TCP port.

- *Exits with its parent*: ipykernel polls for its parent's death only once it has finished
  starting (seconds on a busy machine), and a kernel whose parent died during its start up
  outlives it when the orphan is not adopted by pid 1. This kernel starts a watcher thread
  before it imports anything heavy, and exits within half a second of the process named by
  ``JPY_PARENT_PID`` (the report runner, or JupyterLab) going away, however it went.
- *No TCP port*: with IPC transport every channel to the runner is a Unix socket in a private
  folder, but ipykernel still binds one socket on a random ``127.0.0.1`` port: the IOPub "pipe"
  that collects the output of subprocesses *forked* from the kernel (e.g. by ``multiprocessing``).
  The notebooks never fork (see STYLE.md), so this kernel starts without it. Output printed by a
  forked child is then not shown in the notebook.

The kernelspec ``argument-atlas`` runs ``python -m utils.report.kernel -f {connection_file}``
(registered by :func:`utils.report.runner.ensure_kernel`).
"""

from __future__ import annotations

import os
import threading
import time

MODULE = "utils.report.kernel"


def watch_parent(parent: int, *, every: float = 0.5) -> threading.Thread | None:
    """Exit this process as soon as its parent ``parent`` is gone (it was re-parented).

    Returns:
        The watcher thread, or None when there is no parent to watch (``parent`` 0 or 1).
    """
    if parent <= 1:
        return None

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    thread = threading.Thread(target=watch, name="atlas-parent-watch", daemon=True)
    thread.start()
    return thread


def main() -> None:
    """Start the kernel (what ``python -m ipykernel_launcher`` does), watched and without the pipe."""
    watch_parent(int(os.environ.get("JPY_PARENT_PID") or 0))
    from ipykernel import kernelapp
    from ipykernel.iostream import IOPubThread

    class NoPipeIOPubThread(IOPubThread):
        """ipykernel's IOPub thread without the TCP pipe for forked subprocesses."""

        def __init__(self, socket, pipe: bool = False, session=False) -> None:
            super().__init__(socket, pipe=False, session=session)

    kernelapp.IOPubThread = NoPipeIOPubThread  # the one name IPKernelApp.init_iopub looks up
    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
