# Argument Atlas. Two commands do everything on a fresh machine (Python 3.11-3.13 + pip):
#   make report   # set up .venv if needed, run every notebook on data/raw, write reports/
#   make test     # set up .venv if needed, lint (ruff), run the test suite
# More: make report CORPUS=path/to/folder | make report CODE=1 | make report GROUP_BY=author
#       make lab | make bench [MOVIES=dir] | make lint | make format | make lock | make setup | make clean
# Another Python, its own venv: make test PYTHON=python3.13 VENV=.venv-3.13

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
UV     := $(VENV)/bin/uv
UV_VERSION := 0.13.8
# Every transitive version, with hashes, for Python 3.11-3.13 (make lock writes it from pyproject.toml).
LOCK   := requirements-lock.txt
# The stamp's name changes with the install recipe, so a venv set up by an older one re-syncs once.
STAMP  := $(VENV)/.installed-compiled
CORPUS ?= data/raw
CODE   ?=
GROUP_BY ?=
MOVIES ?=
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root,)

# Parameters reach commands as environment variables, never pasted into a recipe's text: the
# recipes say "$$ATLAS_CORPUS", which the shell expands inside double quotes without running
# backticks or $(...) found in the value. $(value X) is the text as typed, so make does not
# expand a $(...) in it either; the originals are not exported, so make never expands them.
export ATLAS_CORPUS   := $(value CORPUS)
export ATLAS_GROUP_BY := $(value GROUP_BY)
export ATLAS_MOVIES   := $(value MOVIES)
unexport CORPUS CODE GROUP_BY MOVIES

# uv never fetches a Python of its own: the venv's interpreter is the one asked for.
export UV_PYTHON_DOWNLOADS := never

.PHONY: report test lint format lab bench setup lock clean

# Create the venv if missing and put the pinned uv in it. The venv gets no pip of its own (uv
# installs everything; ensurepip would cost 5 s of a fresh set-up): the base Python's pip puts uv
# in, or, when that pip is missing or too old for --python, the venv's own after ensurepip.
# The .gitignore inside keeps git and ruff out of any venv name (.venv-3.13, .venv-ci-3.11, ...).
define ensure_uv
	@test -x $(PY) || $(PYTHON) -m venv --without-pip $(VENV)
	@printf '*\n' > $(VENV)/.gitignore
	@$(UV) --version 2>/dev/null | grep -q ' $(UV_VERSION) ' \
	  || $(PYTHON) -m pip --python $(PY) install --quiet --disable-pip-version-check uv==$(UV_VERSION) 2>/dev/null \
	  || { $(PY) -m ensurepip --default-pip > /dev/null && $(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); }
endef

# The stamp is newer than pyproject.toml and the lock once the venv holds exactly the locked set:
# a second make does not reinstall; a changed lock or pyproject re-syncs (seconds with uv).
# utils.report.warm compiles to bytecode the modules a report run and the tests import (a kernel
# included), even where PYTHONDONTWRITEBYTECODE is set (containers, CI): without it every kernel
# there compiles pandas, NLTK, matplotlib ... from source (make report on the seeds 43 s instead
# of 24 s). Compiling every installed module (uv's --compile-bytecode) took 17-22 s of set-up.
$(STAMP): pyproject.toml $(LOCK)
	$(ensure_uv)
	$(UV) pip sync --quiet --python $(PY) --require-hashes $(LOCK)
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	$(PY) -c "from utils.report.runner import ensure_kernel; ensure_kernel()"  # the project kernel, in this venv
	$(PY) -m utils.report.warm
	@touch $@

setup: $(STAMP)

report: $(STAMP)
	$(PY) -m utils report --corpus "$$ATLAS_CORPUS" $(if $(value GROUP_BY),--group-by "$$ATLAS_GROUP_BY",) $(if $(value CODE),--show-code,)

# Lint and the suite both run, so one report shows both; either failing fails the target.
test: $(STAMP)
	@status=0; \
	$(MAKE) --no-print-directory lint || status=1; \
	$(PY) -m pytest || status=$$?; \
	exit $$status

# Both checks always run; the format check names the files (make format rewrites them).
lint: $(STAMP)
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check --output-format concise . || status=1; \
	exit $$status

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=. $(LAB_FLAGS)

bench: $(STAMP)
	$(PY) -m benchmarks.run $(if $(value MOVIES),--movies "$$ATLAS_MOVIES",)

# Re-resolve after changing a pin in pyproject.toml; one set of versions for every supported
# Python where one exists (fewest forks), so CI's 3.11 and 3.13 runs test the same libraries.
lock:
	$(ensure_uv)
	$(UV) pip compile pyproject.toml --extra test --universal --python-version 3.11 \
		--fork-strategy fewest --generate-hashes --custom-compile-command "make lock" --quiet -o $(LOCK)

clean:
	rm -rf data/processed reports
