"""unexplained-jargon against the hand-labelled sets in bench/jargon_eval/: precision and
recall must not fall below floors a little under the figures quoted in docs/rules.md."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.helpers import ROOT, SHARED

# (folder under bench/jargon_eval/, source) -> (precision, recall): measured with
# bench/jargon_accuracy.py minus about three points, so a real regression fails the build
# but a one-term change in behaviour does not. "holdout" is the set nobody tuned against.
FLOORS = {
    (".", "own"): (0.90, 0.84),
    (".", "medquad"): (0.51, 0.55),
    ("dev2", "own"): (0.78, 0.78),
    ("dev2", "medquad"): (0.55, 0.58),
    ("dev3", "own"): (0.83, 0.74),
    ("holdout", "own"): (0.60, 0.79),
    ("holdout", "medquad"): (0.42, 0.52),
}


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("jargon_accuracy", ROOT / "bench" / "jargon_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(bench):
    return {folder: bench.evaluate(folder=bench.EVAL / folder) for folder in (".", "dev2", "dev3", "holdout")}


@pytest.mark.parametrize(("folder", "source"), sorted(FLOORS))
def test_precision_and_recall_stay_above_their_floors(scores, folder, source):
    if source == "medquad" and not (SHARED / "corpus" / "medquad").is_dir():
        pytest.skip("../shared/corpus/medquad is absent (it sits beside the checkout only in the team's workspace and CI)")
    score = scores[folder][source]
    assert score.pages >= 10 and score.tp + score.fn >= 15  # the whole set was scored
    precision, recall = FLOORS[(folder, source)]
    # the held-out set's errors are not shown, so that nobody tunes the rule on them
    shown = "(held-out: details withheld)" if folder == "holdout" else sorted(score.details)
    assert score.precision >= precision, shown
    assert score.recall >= recall, shown
