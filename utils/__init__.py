"""Argument Atlas helpers: one package per stage, plus small shared modules.

Stages, in the order data flows (raw -> processed -> reports): :mod:`utils.ingest`,
:mod:`utils.rhetoric`, :mod:`utils.concepts`, :mod:`utils.argmap`, :mod:`utils.report`.
Shared: :mod:`utils.paths`, :mod:`utils.tables`, :mod:`utils.text`, :mod:`utils.plots`,
:mod:`utils.display`. Command line: ``python -m utils --help``.
"""
