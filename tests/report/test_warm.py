"""Set-up compiles what a run imports (utils.report.warm), even where PYTHONDONTWRITEBYTECODE is set."""

import os
import subprocess
import sys

from utils import paths


def test_warm_writes_bytecode_of_the_runner_and_of_a_kernel_despite_the_environment(tmp_path):
    # PYTHONPYCACHEPREFIX puts every .pyc under tmp_path, so this run compiles from scratch and
    # leaves the venv alone; the kernel inherits it with the rest of the environment.
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=str(tmp_path))
    subprocess.run([sys.executable, "-m", "utils.report.warm"], cwd=paths.ROOT, env=env, check=True, timeout=300)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pyc")}

    tag = f"cpython-{sys.version_info[0]}{sys.version_info[1]}.pyc"

    def has(module):
        return any(w.endswith(f"{module}.{tag}") for w in written)

    assert has("nbconvert/exporters/html")  # the runner's exporter
    assert has("_pytest/python")  # the test command
    for module in ("ipykernel/ipkernel", "pandas/core/frame", "utils/argmap/draft", "matplotlib/backends/backend_svg"):
        assert has(module), module  # inside the kernel
    assert len(written) > 1000
