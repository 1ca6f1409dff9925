"""Train the argument reader's four logistic regressions on the microtext training topics.

Only texts whose topic is not listed in ``data/models/heldout_topics.txt`` are used. The
reader's own segmentation is aligned to the gold units by character overlap, so the models
learn from the units they will see. The weights are written as JSON (feature names, weights,
intercepts, training topics, date, scikit-learn version, cross-validated scores) and read
back with a plain dot product by :mod:`utils.argmap.reading`.

``python -m utils.argmap.train GOLD_DIR [OUT_PATH]``
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from utils.argmap.microtexts import GoldText, align, load_gold
from utils.argmap.reading import (
    _candidates,
    _describe,
    model_path,
    pair_features,
    read_text,
    unit_features,
)
from utils.argmap.score import _triggers_near, evaluate, heldout_topics
from utils.argmap.units import split_units

TITLE_PRIOR = (
    3.0  # hand-set weight of overlap_title in the central model: the microtexts have no titles to learn it from
)
C_VALUES = {"central": 0.3, "role": 1.0, "function": 1.0, "attach": 0.3}


def examples(
    golds: list[GoldText],
) -> dict[str, tuple[list[dict[str, float]], list[int]]]:
    """Feature dicts and labels for the four models.

    Args:
        golds: Gold texts to learn from.

    Returns:
        Model name -> (feature dicts, 0/1 labels).
    """
    out: dict[str, tuple[list, list]] = {k: ([], []) for k in ("central", "role", "function", "attach")}
    for g in golds:
        spans = split_units(g.text)
        if not spans:
            continue
        infos = _describe(spans)
        p2g, g2p = align([(s.start, s.end) for s in spans], g)
        by_id = {u.id: u for u in g.units}
        feats = [unit_features(infos, i) for i in range(len(spans))]
        cc = g.central
        central = g2p.get(cc.id, -1) if not cc.implicit else -1
        for i, f in enumerate(feats):
            gu = by_id.get(p2g[i]) if p2g[i] else None
            if gu is None:
                continue
            if not cc.implicit:
                out["central"][0].append(f)
                out["central"][1].append(int(i == central))
            out["role"][0].append(f)
            out["role"][1].append(int(gu.role == "opp"))
            if gu.function != "central":
                out["function"][0].append(f)
                out["function"][1].append(int(gu.function == "attack"))
            if g2p.get(gu.id) == i and gu.target and not by_id[gu.target].implicit and gu.target in g2p:
                positive = g2p[gu.target]
                for j in _candidates(i, len(spans), central=max(central, 0)):
                    if j != i:
                        out["attach"][0].append(pair_features(infos, i, j, central=central))
                        out["attach"][1].append(int(j == positive))
    return out


def fit(golds: list[GoldText]) -> dict:
    """Fit the four models.

    Args:
        golds: Training texts.

    Returns:
        ``{"models": {name: {"weights", "intercept", "n_examples", "n_positive"}}}``.
    """
    models = {}
    for name, (X, y) in examples(golds).items():
        vec = DictVectorizer(sparse=False)
        Xm = vec.fit_transform(X)
        clf = LogisticRegression(
            C=C_VALUES[name],
            max_iter=2000,
            class_weight="balanced" if name in {"role", "function"} else None,
        )
        clf.fit(Xm, np.asarray(y))
        weights = {f: round(float(w), 5) for f, w in zip(vec.feature_names_, clf.coef_[0]) if abs(w) > 1e-6}
        models[name] = {
            "weights": dict(sorted(weights.items(), key=lambda kv: -abs(kv[1]))),
            "intercept": round(float(clf.intercept_[0]), 5),
            "n_examples": len(y),
            "n_positive": int(sum(y)),
        }
    return {"models": models}


def cross_validate(golds: list[GoldText], *, triggers: dict[str, str], folds: int = 5) -> dict[str, float]:
    """Cross-validated scores with whole topics held out per fold.

    Args:
        golds: Training texts.
        triggers: Topic id -> trigger question.
        folds: Number of folds.

    Returns:
        Measure -> score over all folds' predictions.
    """
    groups = [g.topic for g in golds]
    order, readings = [], []
    for tr, te in GroupKFold(n_splits=folds).split(golds, groups=groups):
        model = fit([golds[i] for i in tr])
        for i in te:
            order.append(golds[i])
            readings.append(read_text(golds[i].text, model=model))
    return {k: round(float(v[1]), 4) for k, v in evaluate(order, readings, triggers=triggers).items()}


def train(gold_dir: str | Path, out_path: str | Path | None = None) -> dict:
    """Train on the training topics and write the weights JSON.

    Args:
        gold_dir: Folder of ``micro_*.xml`` (or the corpus root).
        out_path: Where to write; default ``data/models/argument_reader.json``.

    Returns:
        The written model dict.
    """
    held = set(heldout_topics())
    dev = load_gold(gold_dir)
    golds = [g for g in dev if g.topic not in held]
    model = fit(golds)
    model["models"]["central"]["weights"]["overlap_title"] = TITLE_PRIOR
    model.update(
        {
            "hand_set_weights": {
                "central.overlap_title": "rule prior, not learned: used only when read_text gets a title"
            },
            "description": "Argument reader weights: logistic regressions over readable features (utils.argmap.reading). "
            "central: unit is the central claim (argmax per text); role: unit is an opponent's voice; "
            "function: unit attacks its target; attach: source unit attaches to target unit (argmax per source).",
            "provenance": "Trained by utils.argmap.train on arg-microtexts part 2 (Skeppstedt, Peldszus & Stede 2018, CC BY-NC-SA 4.0), "
            "training topics only; held-out topics in data/models/heldout_topics.txt were not used. Texts are not stored here.",
            "training_topics": sorted({g.topic for g in golds}),
            # text ids only: the scorer tells the dev set's texts from new ones (such as part 1's)
            "training_texts": sorted(g.id for g in golds),
            "heldout_texts": sorted(g.id for g in dev if g.topic in held),
            "n_training_texts": len(golds),
            "date": dt.date.today().isoformat(),
            "sklearn_version": sklearn.__version__,
            "regularisation_C": C_VALUES,
            "cv_scores": cross_validate(golds, triggers=_triggers_near(Path(gold_dir))),
        }
    )
    out = Path(out_path) if out_path else model_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    return model


if __name__ == "__main__":
    result = train(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    print(json.dumps(result["cv_scores"], indent=1))
