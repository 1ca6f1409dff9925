"""Command line: ``python -m utils COMMAND``.

Commands:
    report   run every notebook on a corpus folder and write the HTML reports
    draft    write the automatic argument-map draft of a folder of articles
    check    validate a curated argument map against its articles
    score    score the argument reader on gold argument graphs (arg-microtexts XML, or data/dev/short_texts)
    theses   score the draft's thesis of long articles against a gold.csv (data/dev/long_articles)
"""

from __future__ import annotations

import argparse
import sys

from utils import paths
from utils.report import runner

# Each command imports the stages it runs when it runs: ``report`` drives kernels and needs none of
# them, and importing the argument-map and ingestion stages (NLTK, which pulls in SciPy) costs
# 4.7 s before the first notebook starts (``python -m utils --help``: 6.1 s with them, 1.4 s without).


def _report(args) -> int:
    return runner.run(args)


def _draft(args) -> int:
    from utils.argmap.draft import run_draft

    written = run_draft(
        args.corpus_dir, args.out_dir, on_warning=lambda line: print(f"warning: {line}", file=sys.stderr)
    )
    print("\n".join(f"wrote {p}" for p in written))
    return 0


def _check(args) -> int:
    from utils.argmap.model import ArgumentMapError, load_map
    from utils.ingest import IngestError, ingest

    try:
        amap = load_map(ingest(args.corpus), args.map_file)
    except (ArgumentMapError, IngestError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{args.map_file}: OK, {len(amap.claims)} claims and {len(amap.relations)} relations")
    return 0


def _score(args) -> int:
    from utils.argmap import score as argscore

    return argscore.main([args.gold_dir, "--topics", args.topics])


def _theses(args) -> int:
    from utils.argmap import thesis_score

    return thesis_score.main([*args.folders, *(["--misses"] if args.misses else [])])


def parser() -> argparse.ArgumentParser:
    """The ``python -m utils`` argument parser, one sub-command per job."""
    top = argparse.ArgumentParser(prog="python -m utils", description="Argument Atlas from the command line.")
    sub = top.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="run every notebook on a corpus and write the HTML reports")
    runner.add_arguments(report)
    report.set_defaults(func=_report)
    draft = sub.add_parser("draft", help="automatic argument-map draft of a folder of articles")
    draft.add_argument("corpus_dir")
    draft.add_argument("out_dir")
    draft.set_defaults(func=_draft)
    check = sub.add_parser("check", help="validate a curated argument map against its articles")
    check.add_argument("map_file", nargs="?", default=str(paths.ANNOTATIONS / "argument_map.yaml"))
    check.add_argument("--corpus", default=str(paths.RAW))
    check.set_defaults(func=_check)
    score = sub.add_parser("score", help="score the argument reader against gold argument graphs, baselines beside it")
    score.add_argument(
        "gold_dir",
        help="folder of arg-microtexts XML files, or of texts.json files as in data/dev/short_texts (searched recursively)",
    )
    score.add_argument("--topics", choices=("heldout", "train", "all", "both"), default="both")
    score.set_defaults(func=_score)
    theses = sub.add_parser(
        "theses", help="score the draft's thesis of long articles against a gold.csv, baselines beside it"
    )
    theses.add_argument(
        "folders", nargs="+", help="folders holding raw/ and gold.csv (data/dev/long_articles/set1 ...)"
    )
    theses.add_argument(
        "--misses", action="store_true", help="list the articles whose draft thesis is not the gold one"
    )
    theses.set_defaults(func=_theses)
    return top


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; returns its exit code."""
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
