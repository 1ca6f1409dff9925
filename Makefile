# Argument Atlas. Two commands do everything on a fresh machine (Python 3.11 + pip):
#   make report   # set up .venv if needed, run every notebook on data/raw, write reports/
#   make test     # set up .venv if needed, run the test suite
# More: make report CORPUS=path/to/folder | make report CODE=1 | make lab | make bench | make clean

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CORPUS ?= data/raw
CODE   ?=
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: report test lab bench setup clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(PY) -m ipykernel install --sys-prefix --name argument-atlas --display-name "Python (Argument Atlas)" > /dev/null
	@touch $@

setup: $(STAMP)

report: $(STAMP)
	$(PY) -m utils.runner --corpus "$(CORPUS)" $(if $(CODE),--show-code,)

test: $(STAMP)
	$(PY) -m pytest

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=. $(LAB_FLAGS)

bench: $(STAMP)
	$(PY) -m utils.bench

clean:
	rm -rf data/processed reports
