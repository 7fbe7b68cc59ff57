"""The garbage collector set for a long-lived worker rather than a short script."""

from __future__ import annotations

import gc

# An update allocates thousands of short-lived objects (rows, ORM states, pydantic models).
# CPython collects the youngest generation every 700 allocations, and every tenth or so of
# those collections the older ones too, walking each object the worker keeps: the imported
# libraries, the channels' models, the caches. bench/bench_webhook_throughput.py: one worker
# on PostgreSQL went from 253–262 to 304–305 updates a second with these, in the same runs.
YOUNG = 10_000
OLDER = 20


def settle() -> None:
    """Once started and before the first update: what start-up built is never walked again
    (`gc.freeze`), and the young generation is collected every `YOUNG` allocations."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG, OLDER, OLDER)
