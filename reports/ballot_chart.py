"""The results chart of a ballot: approvals per candidate against the votes needed, as a PNG.

Drawn like the ranking chart on a private `Figure` with the Agg canvas (no pyplot, no global
state), in DejaVu Sans, which ships with matplotlib and has every Vietnamese glyph. A yes/no
ballot shows two bars: those who agreed and those who did not."""

from __future__ import annotations

import textwrap
from io import BytesIO

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from domain.ballots import BallotRecord, Outcome
from reports.ballot_wording import BASES, percent, result_words, subject, threshold_label
from reports.bloc_words import BlocWords

WIDTH_IN = 10.0
BAR_IN = 0.5
FRAME_IN = 2.4
DPI = 110
LABEL_WIDTH = 30
BAR = "#2F5597"
ELECTED = "#C00000"
TIED = "#ED7D31"
AGAINST = "#A6A6A6"
LINE = "#404040"


def _font(size: float, bold: bool = False) -> FontProperties:
    return FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")


def _plain(text: str) -> str:
    """Names are shown as typed: a "$" must not start matplotlib's math mode."""
    return text.replace("$", r"\$")


def _wrapped(text: str, width: int, lines: int) -> str:
    return "\n".join(textwrap.wrap(_plain(text), width, max_lines=lines, placeholder="…"))


Bar = tuple[str, int, str, str]  # label, votes, the label beside the bar, colour


def _bars(record: BallotRecord) -> tuple[list[Bar], list[Patch]]:
    counted = record.tally
    if record.ballot.kind.is_yes_no:
        row = counted.rows[0]
        against = counted.returned - row.approvals
        colour = ELECTED if row.passed else BAR
        motion = [
            ("Đồng ý", row.approvals, f"{row.approvals} ({percent(row.ratio)})", colour),
            ("Không đồng ý", against, str(against), AGAINST),
        ]
        return motion, [Patch(color=ELECTED, label="Được thông qua")] if row.passed else []
    bars: list[Bar] = []
    shown: dict[str, str] = {}
    revote = counted.outcome is Outcome.TIE
    for row in counted.rows:
        colour = BAR
        if row.candidate in counted.elected:
            colour, shown[ELECTED] = ELECTED, "Được đề nghị"
        elif revote and row.candidate in counted.tied:
            colour, shown[TIED] = TIED, "Bằng phiếu ở suất cuối"
        label = _wrapped(row.candidate.label, LABEL_WIDTH, 2)
        bars.append((label, row.approvals, f"{row.approvals} ({percent(row.ratio)})", colour))
    return bars, [Patch(color=colour, label=text) for colour, text in shown.items()]


def _draw(axes: Axes, record: BallotRecord, bars: list[Bar], legend: list[Patch]) -> None:
    counted, ballot = record.tally, record.ballot
    positions = list(range(len(bars)))
    drawn = axes.barh(positions, [b[1] for b in bars], color=[b[3] for b in bars], height=0.6)
    axes.bar_label(drawn, labels=[b[2] for b in bars], padding=3, fontproperties=_font(9))
    axes.set_yticks(positions, [b[0] for b in bars], fontproperties=_font(10))
    axes.set_ylim(max(len(bars), 2) - 0.5, -1.1)  # the top band holds the threshold's label
    top = max([counted.issued, counted.needed, *(b[1] for b in bars), 1])
    axes.set_xlim(0, top * 1.18)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    threshold = f"Ngưỡng {threshold_label(ballot.threshold)}: {counted.needed} phiếu"
    axes.axvline(counted.needed, color=LINE, linestyle="--", linewidth=1.4)
    axes.annotate(
        threshold, xy=(counted.needed, -1.05), xytext=(4, 0), textcoords="offset points",
        va="top", fontproperties=_font(9, bold=True), color=LINE,
    )  # fmt: skip
    if legend:
        axes.legend(handles=legend, loc="lower right", prop=_font(9), framealpha=0.9)


def _frame(axes: Axes, record: BallotRecord) -> None:
    counted, ballot = record.tally, record.ballot
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    words = BlocWords(record.bloc)
    heading = f"{_wrapped(subject(record), 70, 3)}\n{_plain(words.label)} — {words.province}"
    axes.set_title(heading, loc="left", fontproperties=_font(13, bold=True))
    if not ballot.can_revote:
        axes.set_title("Lần bỏ phiếu lại", loc="right", color=LINE, fontproperties=_font(10, True))
    notes = (
        f"Số phiếu đồng ý. Phiếu phát ra: {counted.issued}; thu về: {counted.returned}.\n"
        f"Tỷ lệ tính trên {BASES[ballot.base]} ({counted.base} đơn vị); "
        f"cần ít nhất {counted.needed} phiếu đồng ý.\n"
        + _wrapped(" ".join(result_words(record)), 100, 5)
    )
    axes.set_xlabel(notes, loc="left", fontproperties=_font(9))


def build_ballot_chart(record: BallotRecord) -> bytes:
    """The results of one closed ballot as PNG bytes."""
    bars, legend = _bars(record)
    height = FRAME_IN + BAR_IN * max(len(bars) + 1, 3)
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    _draw(axes, record, bars, legend)
    _frame(axes, record)
    out = BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
