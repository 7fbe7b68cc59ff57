"""The wording a closed ballot's minutes, proposal and chart share: what was voted on, the
threshold and the ratios as officers write them, who is proposed and what happens next.

Plain strings only, no python-docx: the chart needs the same sentences as the documents.
A unit elected in the first round of a revoted ballot is proposed together with those the
revote elects, so one award has one proposal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from domain.ballots import Ballot, BallotKind, BallotRecord, CandidateTally, Outcome, Tally, exact
from domain.settings import LOCAL_TZ, ThresholdBase
from reports.bloc_words import BlocWords
from reports.labels import comma

BASES = {
    ThresholdBase.ALL_MEMBERS: "tổng số đơn vị thành viên",
    ThresholdBase.PRESENT_MEMBERS: "số đơn vị có mặt (đã bỏ phiếu)",
}


def award(record: BallotRecord) -> str | None:
    """'Cờ thi đua của UBND tỉnh' for a flag ballot, the Merit for a merit one, else None."""
    words = BlocWords(record.bloc)
    return {BallotKind.FLAG: words.flag, BallotKind.MERIT: words.merit}.get(record.ballot.kind)


def role(record: BallotRecord) -> str | None:
    """'Khối trưởng' (or 'Cụm phó'…) for a leadership ballot, else None."""
    words = BlocWords(record.bloc)
    return {BallotKind.LEADER: words.leader, BallotKind.DEPUTY: words.deputy}.get(
        record.ballot.kind
    )


def percent(ratio: Fraction) -> str:
    """4/5 → "80,0%", 2/3 → "66,7%": one decimal, half up, a decimal comma."""
    return f"{comma(Decimal(ratio.numerator) * 100 / Decimal(ratio.denominator))}%"


def threshold_label(threshold: Decimal) -> str:
    """0.7 → "70%"; 2/3, which no whole percent states exactly, → "2/3"."""
    share = exact(threshold)
    hundred = share * 100
    if hundred.denominator == 1:
        return f"{hundred.numerator}%"
    return f"{share.numerator}/{share.denominator}"


def subject(record: BallotRecord) -> str:
    """What was voted on, as the minutes' subtitle says it."""
    kind, year = record.ballot.kind, record.year
    prize, office = award(record), role(record)
    if prize:
        return f"Bình xét đề nghị tặng {prize} năm {year}"
    if office:
        return f"Bình xét chọn {office} năm {year + 1}"
    title = record.ballot.title.strip()
    if kind is BallotKind.REPORT:
        if title:
            return f"Thông qua dự thảo báo cáo “{title}”"
        return f"Thông qua dự thảo báo cáo tổng kết công tác thi đua năm {year}"
    return f"Biểu quyết: {title}"


def form(ballot: Ballot) -> str:
    return "bỏ phiếu kín" if ballot.secret else "biểu quyết công khai"


def local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ) if moment.tzinfo else moment


def local_time(ballot: Ballot) -> datetime:
    """When the ballot closed, in Vietnam's time; a ballot never closed: when it opened."""
    return local(ballot.closed_at or ballot.opened_at)


def names(items: tuple[str, ...] | list[str]) -> str:
    return ", ".join(items)


def base_note(record: BallotRecord) -> str:
    base = BASES[record.ballot.base]
    return f"(Tỷ lệ đồng ý tính trên {base}: {record.tally.base} đơn vị.)"


def score_of(row: CandidateTally, counted: Tally) -> str:
    """'4/5 phiếu đồng ý (80,0%)': against the ballots returned, the ratio against the base."""
    return f"{row.approvals}/{counted.returned} phiếu đồng ý ({percent(row.ratio)})"


@dataclass(frozen=True)
class Proposed:
    row: CandidateTally
    tally: Tally
    first_round: bool  # elected in the first round of a revoted ballot


def proposed(record: BallotRecord) -> list[Proposed]:
    """Every unit the ballot proposes: a revote adds those the first round elected."""
    rounds = [(record.earlier, True)] if record.earlier else []
    chosen: list[Proposed] = []
    for counted, first in [*rounds, (record.tally, False)]:
        rows = {row.candidate: row for row in counted.rows}
        chosen += [Proposed(rows[c], counted, first) for c in counted.elected if c in rows]
    return chosen


def proposal_sentence(record: BallotRecord, units: list[str]) -> str:
    listed, word, office = names(units), BlocWords(record.bloc).word, role(record)
    if office:
        return f"{word} thống nhất đề nghị {listed} làm {office} năm {record.year + 1}."
    return f"{word} thống nhất đề nghị tặng {award(record)} năm {record.year} cho: {listed}."


def no_proposal(record: BallotRecord, seats: int | None = None) -> str:
    rest = f" cho {seats} suất còn lại" if seats else ""
    office = role(record)
    if office:
        what = f"đơn vị làm {office} năm {record.year + 1}"
    else:
        what = f"tặng {award(record)} năm {record.year}"
    word = BlocWords(record.bloc).word
    return f"Theo Quy chế, {word} không đề nghị {what}{rest} trong năm nay."


def result_words(record: BallotRecord) -> list[str]:
    """The result in words: the minutes' conclusion and the chart's caption."""
    return _motion_result(record) if record.ballot.kind.is_yes_no else conclusion(record)


def _motion_result(record: BallotRecord) -> list[str]:
    counted, ballot = record.tally, record.ballot
    row = counted.rows[0]
    against = counted.returned - row.approvals
    figures = f"{row.approvals} phiếu đồng ý, {against} phiếu không đồng ý ({percent(row.ratio)})"
    if row.passed:
        return [f"Nội dung được thông qua: {figures}."]
    need = f"chưa đạt {threshold_label(ballot.threshold)} {BASES[ballot.base]}"
    return [f"Nội dung không được thông qua: {figures}, {need}."]


def conclusion(record: BallotRecord) -> list[str]:
    """Who is proposed, who ties, and what happens next."""
    counted, ballot = record.tally, record.ballot
    chosen = [entry.row.candidate.label for entry in proposed(record)]
    texts = [proposal_sentence(record, chosen)] if chosen else []
    tied, seats = names([c.label for c in counted.tied]), counted.seats_left
    if counted.outcome is Outcome.PARTIAL:
        texts.append("Các đơn vị còn lại chưa đạt tỷ lệ phiếu đồng ý theo quy định.")
    elif counted.outcome is Outcome.TIE:
        votes = next(row.approvals for row in counted.rows if row.candidate in counted.tied)
        texts.append(
            f"Các đơn vị {tied} cùng đạt {votes} phiếu đồng ý, bằng nhau ở suất cuối cùng "
            f"(còn {seats} suất)."
        )
    elif counted.outcome is Outcome.NONE:
        needed = f"{threshold_label(ballot.threshold)} {BASES[ballot.base]}"
        texts.append(
            f"Không có đơn vị nào đạt từ {needed} trở lên (cần ít nhất {counted.needed} phiếu)."
        )
    if counted.tied and ballot.can_revote:
        word = BlocWords(record.bloc).word
        again = f"{word} tổ chức bỏ phiếu lại một lần giữa các đơn vị {tied}"
        texts.append(f"{again} để chọn {seats} đơn vị.")
    elif counted.tied:
        texts.append(no_proposal(record, seats if chosen else None))
    return texts
