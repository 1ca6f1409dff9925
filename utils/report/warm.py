"""Compile the modules a report run imports to bytecode, once, when the environment is set up.

Python compiles a module from source every time it is imported unless a ``.pyc`` beside it is
current, and it writes none when ``PYTHONDONTWRITEBYTECODE`` is set (as containers and CI
machines often do): every kernel then compiles pandas, NLTK, matplotlib ... again. ``make setup``
runs ``python -m utils.report.warm`` after installing, which imports what the runner and the
test command import, starts one project kernel and has it import what the notebooks import and
draw one figure, each with bytecode writing on. The modules nothing here imports (JupyterLab's
server, for ``make lab``) compile on first use, and keep their bytecode where Python may write it.

Compiling every installed module instead (``uv pip sync --compile-bytecode``) took 17-22 s of a
fresh set-up on the 2-core machine; this compiles the 2,070 of 8,400 modules a run uses.
"""

from __future__ import annotations

import os
import sys

# Before any import below: this process writes bytecode whatever the environment says.
sys.dont_write_bytecode = False

# What a notebook's kernel runs: its imports, a figure shown and saved as SVG, table methods
# that import their module on first use, and what the kernel imports when it is asked to stop.
KERNEL_CODE = """
from utils import argmap, concepts, ingest, plots, report, rhetoric, scale
import io
import matplotlib.pyplot as plt
import pandas as pd
import psutil
import zmq.utils.garbage
fig, ax = plt.subplots()
ax.plot([0, 1])
fig.savefig(io.BytesIO(), format="svg")
plt.show()
df = pd.DataFrame({"a": [1]})
df.to_csv(io.StringIO()), df.to_dict(), df.stack()
"""
STARTUP_TIMEOUT = 120  # seconds for the kernel to start while it compiles its own imports


def warm_kernel() -> None:
    """Start the project kernel with bytecode writing on, run :data:`KERNEL_CODE`, shut it down."""
    from jupyter_client.manager import KernelManager

    from utils.report import lock, runner

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with lock.socket_folder() as sockets:
        km = KernelManager(kernel_name=runner.ensure_kernel(), transport="ipc", ip=str(sockets / "warm"))
        km.connection_file = str(sockets / "warm.json")
        km.start_kernel(env=env)
        try:
            client = km.client()
            client.start_channels()
            client.wait_for_ready(timeout=STARTUP_TIMEOUT)
            reply = client.execute_interactive(KERNEL_CODE, timeout=STARTUP_TIMEOUT, output_hook=lambda msg: None)
            client.stop_channels()
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"warming the kernel failed: {reply['content'].get('evalue', '')}")
        finally:
            km.shutdown_kernel(now=True)


def main() -> None:
    """Compile what the runner, the exporter and the tests import, then what a kernel imports."""
    import nbformat
    import pytest  # noqa: F401  (the test command)

    import utils.report.runner  # noqa: F401
    from utils.report.export import export_html

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A *title*\n\n| a |\n|---|\n| 1 |")])
    export_html(nb)  # the exporter's templates, Markdown and its plug-ins
    warm_kernel()


if __name__ == "__main__":
    main()
