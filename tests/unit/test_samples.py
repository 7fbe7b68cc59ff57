"""The sample blocs the project ships: each imports cleanly, and together they cover a khối
verified by its leader, a cụm on a 1,000-point scale and a khối that scores crosswise."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bot import samples
from bot.admin import read_bloc_file
from domain.bloc_spec import parse_bloc_spec
from domain.settings import LeaderSelection, ScoringMode


@pytest.mark.parametrize("path", samples.ALL, ids=lambda path: path.stem)
def test_each_sample_is_inside_the_project_and_valid(path: Path) -> None:
    assert path.is_relative_to(samples.SAMPLES_DIR.parent)
    spec = parse_bloc_spec(*read_bloc_file(path))
    assert spec.criteria is not None and spec.criteria.items_total == spec.criteria.scale
    assert 5 <= len(spec.units) <= 15


def test_the_three_samples_cover_the_blocs_we_serve() -> None:
    khoi7, cum, cross = (parse_bloc_spec(*read_bloc_file(path)) for path in samples.ALL)
    assert khoi7.rules.scoring_mode is ScoringMode.VERIFY and khoi7.name.startswith("Khối")
    assert cum.name.startswith("Cụm") and len(cum.units) == 6
    assert cum.criteria is not None and cum.criteria.scale == Decimal(1000)
    assert cross.rules.scoring_mode is ScoringMode.CROSS
    assert cross.rules.leader_selection is LeaderSelection.ELECTION
