"""What each process imports: kernels that only read tables never load NLTK (and with it SciPy
and scikit-learn), and the report runner never loads pandas. Each check runs in a fresh
interpreter, because this test process has imported everything already."""

from __future__ import annotations

import subprocess
import sys

from utils import paths


def loaded(code: str, modules: tuple[str, ...]) -> dict[str, bool]:
    probe = f"{code}\nimport sys\nprint(' '.join(str(m in sys.modules) for m in {modules!r}))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=paths.ROOT, capture_output=True, text=True, check=True)
    return dict(zip(modules, (w == "True" for w in out.stdout.split())))


def test_reading_tables_and_counting_never_load_nltk():
    code = "from utils import concepts, ingest, plots, report, rhetoric, scale\ningest.read_tables"
    assert loaded(code, ("nltk", "scipy", "sklearn")) == {"nltk": False, "scipy": False, "sklearn": False}


def test_splitting_sentences_loads_nltk_when_it_is_needed():
    code = (
        "from utils.ingest import segment\nassert segment.sentence_spans('Dr. Smith came. Why?') == [(0, 15), (16, 20)]"
    )
    assert loaded(code, ("nltk",)) == {"nltk": True}


def test_the_report_runner_never_loads_pandas_but_notebooks_still_reach_the_display_helpers():
    assert loaded("from utils.report import runner", ("pandas",)) == {"pandas": False}
    code = "from utils import report\nfrom utils.report import note\nassert report.card and note is report.note"
    assert loaded(code, ("pandas",)) == {"pandas": True}
