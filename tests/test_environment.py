"""The install routes pin the same versions: pyproject.toml, requirements-lock.txt (what make
installs) and environment.yml (conda) must agree, or a test here fails."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(spec):
    """PEP 503 normalised name: vaderSentiment == vadersentiment, pyyaml == PyYAML."""
    return re.sub(r"[-_.]+", "-", spec).strip().lower()


def _pins(specs):
    return {_name(s.split("==")[0]): s.split("==")[1].split(";")[0].strip() for s in specs}


def _project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _pyproject_pins():
    project = _project()
    return _pins(project["dependencies"] + project["optional-dependencies"]["test"])


def _environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def _lock():
    """{name: {versions}} of requirements-lock.txt; a package may carry one line per Python range."""
    pins = {}
    text = (ROOT / "requirements-lock.txt").read_text()
    for line in text.splitlines():
        m = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if m:
            pins.setdefault(_name(m[1]), set()).add(m[2])
    return pins, text


def test_environment_yml_pins_match_pyproject():
    env = _environment()
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert _pins(pip_section) == _pyproject_pins()
    assert "python=3.11" in env["dependencies"]


def test_every_dependency_is_pinned_exactly():
    project = _project()
    assert all("==" in d for d in project["dependencies"] + project["optional-dependencies"]["test"])


def test_lock_pins_the_same_direct_versions_as_pyproject():
    lock, _ = _lock()
    py = _pyproject_pins()
    missing = sorted(set(py) - set(lock))
    assert not missing, f"in pyproject.toml but not in requirements-lock.txt (run make lock): {missing}"
    differ = {n: (v, sorted(lock[n])) for n, v in py.items() if lock[n] != {v}}
    assert not differ, f"pyproject pin vs lock (run make lock): {differ}"


def test_lock_agrees_with_environment_yml():
    lock, _ = _lock()
    pip_section = next(d["pip"] for d in _environment()["dependencies"] if isinstance(d, dict))
    env = _pins(pip_section)
    differ = {n: (v, sorted(lock.get(n, ()))) for n, v in env.items() if lock.get(n) != {v}}
    assert not differ, f"environment.yml pin vs lock: {differ}"


def test_lock_is_universal_exact_and_hashed():
    """Every line of the lock is an exact pin with at least one hash (pip and uv refuse
    anything else under --require-hashes), and it was resolved for every supported Python."""
    _, text = _lock()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2] if text.startswith("#") else text)
    entries = [e for e in entries if e.strip() and not e.lstrip().startswith("#")]
    assert len(entries) > 50
    for entry in entries:
        first = entry.splitlines()[0]
        assert re.match(r"^[A-Za-z0-9][A-Za-z0-9._-]*==\S+", first), first
        assert "--hash=sha256:" in entry, first
    assert _project()["requires-python"] == ">=3.11"
    assert "make lock" in text.split("\n", 3)[1], "write the lock with make lock (universal, 3.11 and up)"
