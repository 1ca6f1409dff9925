"""Stage 5: reports. What a notebook shows (the display helpers of :mod:`utils.display`,
re-exported here so a notebook writes ``report.card(...)``); ``runner`` executes the notebooks
and ``export`` writes the HTML (neither is imported here: kernels never need them)."""

from utils.display import card, commentary, drilldown, html_table, made, mark, note, show_drilldowns, show_table

__all__ = ["card", "commentary", "drilldown", "html_table", "made", "mark", "note", "show_drilldowns", "show_table"]
