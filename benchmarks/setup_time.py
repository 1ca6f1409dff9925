"""Time `make setup` on a fresh clone: what a new analyst or CI waits for before the first command.

    python3 benchmarks/setup_time.py                 # uv's cache as it is (warm after any earlier setup)
    python3 benchmarks/setup_time.py --cold          # empty uv and pip caches in a temp dir: everything downloads
    python3 benchmarks/setup_time.py --python python3.13 --runs 3

Clones the current checkout's committed HEAD (`git clone`, so uncommitted edits are not measured)
into a temp dir, runs `make setup` there (venv, pip installs uv, uv installs the lock, the project
editable, the kernel) and prints the wall time, the Python, and whether uv's cache was warm.
Target: 30 s or less on the 2-core machine (pip took 83 s for the same set).
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 30.0


def uv_cache_dir(env):
    """Where uv will look: UV_CACHE_DIR, else $XDG_CACHE_HOME/uv, else ~/.cache/uv."""
    if env.get("UV_CACHE_DIR"):
        return Path(env["UV_CACHE_DIR"])
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "uv"


def cached_wheels(cache):
    """Number of unpacked wheels in uv's cache (0 for an empty or missing cache)."""
    return len(list(cache.glob("archive-v*/*"))) if cache.is_dir() else 0


def one_run(python, cold, keep):
    work = Path(tempfile.mkdtemp(prefix="atlas-setup-"))
    env = dict(os.environ)
    if cold:
        env["UV_CACHE_DIR"] = str(work / "uv-cache")
        env["PIP_CACHE_DIR"] = str(work / "pip-cache")  # uv's own wheel is downloaded too
    cache = uv_cache_dir(env)
    wheels = cached_wheels(cache)
    if wheels:
        state = f"warm: {wheels} wheels in {cache}"
    elif cold:
        state = f"cold: empty UV_CACHE_DIR {cache}, empty pip cache"
    else:
        state = f"cold: no wheels in {cache}"
    clone = work / "argument-atlas"
    t0 = time.perf_counter()
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    t_clone = time.perf_counter() - t0
    cmd = ["make", "--no-print-directory", "setup", f"PYTHON={python}"]
    load = os.getloadavg()[0]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=clone, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    t_setup = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if done.returncode:
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        raise SystemExit(f"make setup failed in {clone} (exit {done.returncode})")
    version = subprocess.run(
        [str(clone / ".venv/bin/python"), "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return t_setup, t_clone, version, state, cpu, load


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", default="python3", help="interpreter for the venv (make's PYTHON)")
    ap.add_argument("--cold", action="store_true", help="start each run with empty uv and pip caches")
    ap.add_argument("--runs", type=int, default=1, help="fresh clones to time (median reported)")
    ap.add_argument("--keep", action="store_true", help="keep the temp clone(s) for inspection")
    args = ap.parse_args(argv)

    times = []
    for i in range(args.runs):
        t_setup, t_clone, version, state, cpu, load = one_run(args.python, args.cold, args.keep)
        times.append(t_setup)
        # CPU seconds and the load average tell a slow machine from a slow set-up: on a busy
        # machine the wall time grows while the CPU time stays put
        print(
            f"run {i + 1}: make setup on a fresh clone {t_setup:.1f} s wall, {cpu:.1f} s CPU "
            f"(Python {version}; uv cache {state}; load average {load:.1f} on {os.cpu_count()} cores; "
            f"git clone {t_clone:.1f} s, not counted)",
            flush=True,
        )
    median = statistics.median(times)
    verdict = "within" if median <= TARGET_S else "OVER"
    print(
        f"make setup, fresh clone, Python {version}, {'cold' if args.cold else 'cache as found'}: "
        f"median {median:.1f} s of {len(times)} run(s); {verdict} the {TARGET_S:.0f} s target"
    )
    return 0 if median <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
