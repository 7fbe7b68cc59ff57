"""Benchmark: totals, ranking and the score table (.xlsx) for a large synthetic bloc.

2,000 units scored on 25 criteria (5 sections of 4 items, 3 bonus items, 2 penalties) with
seeded random scores. Each stage is timed best of 5; the goal is under 1 s in all for the
summary (the sheet of totals and the criteria). The whole workbook adds the per-item sheet,
one row per unit and criterion (50,000 rows here; 125 for a bloc of five): its time is
printed as a ratio to the summary's, measured in the same run.

    .venv/bin/python bench/bench_ranking_xlsx.py [--units 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain.criteria import CriteriaTable, Criterion, Penalty, Section
from domain.ranking import Ranking, Standing, rank
from domain.scoring import SheetTotals, totals
from domain.summary import Cycle, ScoreSummary, SummaryRow
from reports.score_table import build_score_table

T = TypeVar("T")
Sheet = tuple[dict[str, Decimal], dict[str, Decimal], dict[str, int]]  # items, bonus, penalties
GOAL_MS = 1000.0


def criteria() -> CriteriaTable:
    sections = tuple(
        Section(
            code,
            f"Phần {code}",
            tuple(Criterion(f"{code}.{n}", f"Tiêu chí {code}.{n}", Decimal(5)) for n in "1234"),
        )
        for code in ("I", "II", "III", "IV", "V")
    )
    bonus = tuple(Criterion(f"T{n}", f"Điểm thưởng {n}", Decimal(4)) for n in "123")
    penalties = (
        Penalty("P1", "Nộp báo cáo trễ hạn (mỗi lần)", Decimal(1), per_occurrence=True),
        Penalty("P2", "Không ký giao ước", Decimal(8)),
    )
    return CriteriaTable(Decimal(100), sections, Decimal(10), bonus, penalties)


def sheets(table: CriteriaTable, units: int, seed: int = 2022) -> list[Sheet]:
    rng = random.Random(seed)
    items = [item.code for section in table.sections for item in section.items]
    result: list[Sheet] = []
    for _ in range(units):
        scores = {code: Decimal(rng.randint(25, 50)) / 10 for code in items}
        bonus = {item.code: Decimal(rng.randint(0, 40)) / 10 for item in table.bonus}
        penalties = {"P1": rng.randint(0, 3), "P2": int(rng.random() < 0.03)}
        result.append((scores, bonus, penalties))
    return result


def all_totals(table: CriteriaTable, scored: list[Sheet]) -> list[SheetTotals]:
    return [totals(table, items, bonus, penalties) for items, bonus, penalties in scored]


def ranking(table: CriteriaTable, sums: list[SheetTotals], members: list[int]) -> Ranking:
    first = table.sections[0].code
    standings = [Standing(unit, t.final, t.sections[first]) for unit, t in enumerate(sums)]
    return rank(standings, members)


def summary(
    table: CriteriaTable, scored: list[Sheet], sums: list[SheetTotals], ranked: Ranking
) -> ScoreSummary:
    rows = tuple(
        SummaryRow(
            f"DV{e.unit_id:04d}",
            f"Đơn vị thành viên số {e.unit_id + 1}",
            f"Đơn vị {e.unit_id + 1}",
            scored[e.unit_id][0] | scored[e.unit_id][1],
            scored[e.unit_id][2],
            sums[e.unit_id],
            sums[e.unit_id],
            e.rank,
            e.tied,
        )
        for e in ranked.ranked
    )
    unranked = tuple(f"Đơn vị thành viên số {u + 1}" for u in ranked.unranked)
    return ScoreSummary(
        "Khối thi đua thử nghiệm", "Trà Vinh", 2022, Cycle.ANNUAL, table, rows, unranked, True
    )


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    """The fastest of `repeat` runs in milliseconds, with the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, (time.perf_counter() - start) * 1000)
    assert result is not None
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    table = criteria()
    scored = sheets(table, args.units)
    members = list(range(args.units + 5))  # five members submitted nothing
    print(f"{args.units} units × {len(table.all_codes())} criteria, best of {args.repeat}")

    totals_ms, sums = best_of(args.repeat, lambda: all_totals(table, scored))
    rank_ms, ranked = best_of(args.repeat, lambda: ranking(table, sums, members))
    report = summary(table, scored, sums, ranked)
    xlsx_ms, data = best_of(args.repeat, lambda: build_score_table(report, details=False))
    total = totals_ms + rank_ms + xlsx_ms
    print(
        f"totals: {totals_ms:.0f} ms, ranking: {rank_ms:.0f} ms, xlsx: {xlsx_ms:.0f} ms, "
        f"total: {total:.0f} ms (goal < {GOAL_MS:.0f} ms)"
    )
    print(f"xlsx size: {len(data) / 1024:.0f} KiB")
    whole_ms, whole = best_of(args.repeat, lambda: build_score_table(report))
    print(
        f"with the per-item sheet: {whole_ms:.0f} ms, {whole_ms / xlsx_ms:.1f}× the summary's "
        f"time, {len(whole) / 1024:.0f} KiB"
    )

    tracemalloc.start()
    build_score_table(summary(table, scored, all_totals(table, scored), ranked), details=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory (tracemalloc, totals + summary + xlsx): {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
