"""Speed figures for the README, printed by ``make bench`` (``python -m benchmarks.run``)."""
