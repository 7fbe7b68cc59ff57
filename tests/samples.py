"""The sample blocs the project ships in `samples/`, as the tests use them."""

from __future__ import annotations

import os
from pathlib import Path

from bot import samples
from db.sealing import Sealer

ROOT = samples.SAMPLES_DIR.parent
SAMPLE_YAML = samples.KHOI7
CUM_1000_YAML = samples.CUM_1000
CROSS_YAML = samples.CROSS


def sample_yaml() -> Path:
    return SAMPLE_YAML


def sealer() -> Sealer:
    """The sealer of secret ballots every test uses (conftest sets BALLOT_SECRET)."""
    return Sealer(os.environ["BALLOT_SECRET"].encode())
