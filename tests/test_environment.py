"""The two install routes pin the same versions."""

import re
import tomllib

import yaml

from utils import paths


def _pins(specs):
    return {re.split("==", s)[0].strip().lower(): s.split("==")[1].strip() for s in specs}


def test_environment_yml_pins_match_pyproject():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    py = _pins(project["dependencies"] + project["optional-dependencies"]["test"])
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert _pins(pip_section) == py
    assert "python=3.11" in env["dependencies"]


def test_every_dependency_is_pinned_exactly():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    assert all("==" in d for d in project["dependencies"])
