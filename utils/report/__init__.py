"""Stage 5: reports. What a notebook shows (the display helpers of :mod:`utils.display`,
re-exported here so a notebook writes ``report.card(...)``); ``runner`` executes the notebooks
and ``export`` writes the HTML (neither is imported here: kernels never need them).

The display helpers are looked up on first use (PEP 562 ``__getattr__``), not imported here:
``python -m utils report`` imports :mod:`utils.report.runner`, which runs this file, and the
runner never displays anything. Importing them here would load pandas into the runner: 46 MB
more in the process that lives through the whole run, and 1.6 s longer before the first notebook
starts (``from utils.report import runner``: 1.8 s and 60 MB without pandas, 3.4-4.3 s and 106 MB
with it, on the 2-core machine while another job ran).
"""

from importlib import import_module

__all__ = ["card", "commentary", "drilldown", "html_table", "made", "mark", "note", "show_drilldowns", "show_table"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(import_module("utils.display"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
