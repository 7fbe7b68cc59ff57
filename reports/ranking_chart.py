"""The ranking chart: verified scores as horizontal bars in rank order, as a PNG.

Drawn on a private `Figure` with the Agg canvas (no pyplot, no global state), in DejaVu Sans,
which ships with matplotlib and has every Vietnamese glyph."""

from __future__ import annotations

from io import BytesIO

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FuncFormatter

from domain.summary import ScoreSummary, SummaryRow
from reports.bloc_words import BlocWords
from reports.labels import DRAFT_NOTE, NOT_SUBMITTED, TIED, chart_title, comma, points

MAX_BARS = 40
MAX_NAME = 34
MAX_LISTED = 5
WIDTH_IN = 10.0
BAR_IN = 0.34
FRAME_IN = 2.0
DPI = 110
BAR = "#2F5597"
FIRST = "#C00000"


def _font(size: float, bold: bool = False) -> FontProperties:
    return FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")


def _plain(text: str) -> str:
    """Unit names are shown as typed: a "$" must not start matplotlib's math mode."""
    return text.replace("$", r"\$")


def _label(row: SummaryRow) -> str:
    name = row.short_name or row.unit_name
    if len(name) > MAX_NAME:
        name = name[: MAX_NAME - 1] + "…"
    tie = f" ({TIED})" if row.tied else ""
    return _plain(f"{row.rank}. {name}{tie}")


def _notes(summary: ScoreSummary, shown: int) -> str:
    lines = [f"Điểm thẩm định (thang điểm {points(summary.table.scale)})"]
    if len(summary.rows) > shown:
        lines.append(f"Hiển thị {shown} đơn vị đứng đầu trong {len(summary.rows)} đơn vị xếp hạng.")
    if summary.unranked:
        names = ", ".join(summary.unranked[:MAX_LISTED])
        more = len(summary.unranked) - MAX_LISTED
        extra = f" và {more} đơn vị khác" if more > 0 else ""
        lines.append(_plain(f"{NOT_SUBMITTED} (không xếp hạng): {names}{extra}."))
    return "\n".join(lines)


def _bars(axes: Axes, rows: tuple[SummaryRow, ...]) -> None:
    values = [float(row.final_totals.final) for row in rows]
    positions = list(range(len(rows)))
    colours = [FIRST if row.rank == 1 else BAR for row in rows]
    bars = axes.barh(positions, values, color=colours, height=0.7)
    axes.bar_label(
        bars,
        labels=[comma(value) for value in values],
        padding=3,
        fontproperties=_font(9),
    )
    axes.set_yticks(positions, [_label(row) for row in rows], fontproperties=_font(10))
    axes.set_ylim(len(rows) - 0.4, -0.6)  # rank 1 on top, no empty band above or below
    axes.set_xlim(0, max([*values, 1.0]) * 1.12)


def _frame(axes: Axes, summary: ScoreSummary, shown: int) -> None:
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: comma(value, 0)))
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    words = BlocWords(summary.issuer)
    where = f" — {words.province}" if summary.province.strip() else ""
    heading = f"{chart_title(summary)}\n{_plain(words.label)}{where}"
    axes.set_title(heading, loc="left", fontproperties=_font(13, bold=True))
    if not summary.published:
        axes.set_title(DRAFT_NOTE, loc="right", color=FIRST, fontproperties=_font(10, bold=True))
    axes.set_xlabel(_notes(summary, shown), loc="left", fontproperties=_font(9))


def build_ranking_chart(summary: ScoreSummary) -> bytes:
    """The chart of one cycle as PNG bytes; at most the top 40 units are drawn."""
    rows = summary.rows[:MAX_BARS]
    height = FRAME_IN + BAR_IN * max(len(rows), 3)
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if rows:
        _bars(axes, rows)
    else:
        axes.set_xticks([])
        axes.set_yticks([])
        empty = "Chưa có đơn vị nào nộp bảng điểm."
        axes.text(0.5, 0.5, empty, ha="center", transform=axes.transAxes, fontproperties=_font(11))
    _frame(axes, summary, len(rows))
    out = BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
