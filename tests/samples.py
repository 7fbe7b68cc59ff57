"""Where the shared sample bloc lives: in `shared/samples/` beside the project's root."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_YAML = ROOT.parent / "shared" / "samples" / "khoi7-travinh-2022.yaml"


def sample_yaml() -> Path:
    if not SAMPLE_YAML.exists():
        pytest.skip(f"the shared sample is not at {SAMPLE_YAML} (shared/ beside the project)")
    return SAMPLE_YAML
