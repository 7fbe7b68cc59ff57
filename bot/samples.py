"""The sample blocs the project ships in `samples/` at its root: the try-it path, the demo
and the tests all read them from there, never from outside the repository."""

from __future__ import annotations

from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"
# Trà Vinh's bloc no. 7 in 2022: five departments, self-scoring verified by the leader.
KHOI7 = SAMPLES_DIR / "khoi7-travinh-2022.yaml"
# A cụm of six departments of a centrally run city, on a 1,000-point scale.
CUM_1000 = SAMPLES_DIR / "cum3-cantho-2025.yaml"
# A khối that scores crosswise, its leader and deputy elected.
CROSS = SAMPLES_DIR / "khoi-vhxh-vinhlong-2025.yaml"
DEFAULT = KHOI7
ALL = (KHOI7, CUM_1000, CROSS)


def relative(path: Path) -> str:
    """The path as a user in the project's root would type it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
