"""Vietnamese wording and numbers shared by the table and the chart."""

from __future__ import annotations

from decimal import Decimal

from domain.criteria import CriteriaTable
from domain.scoring import round1
from domain.summary import Cycle, ScoreSummary

DRAFT_NOTE = "Bản nháp — chưa công bố"
NOT_SUBMITTED = "Không nộp"
TIED = "đồng hạng"


def comma(value: Decimal | float | int, decimals: int = 1) -> str:
    """A score as Vietnamese write it, one decimal after a comma and thousands grouped by
    dots: 99.5 → "99,5", 95 → "95,0", 1050 → "1.050,0"."""
    number = round1(Decimal(str(value)))
    return f"{number:,.{decimals}f}".translate(_VIETNAMESE_SEPARATORS)


_VIETNAMESE_SEPARATORS = str.maketrans({",": ".", ".": ","})


def points(value: Decimal) -> str:
    """A maximum as officers write it: 15 → "15", 2.5 → "2,5", 1000 → "1.000"."""
    if value == value.to_integral_value():
        return f"{value:,.0f}".replace(",", ".")
    return comma(value)


def table_title(summary: ScoreSummary) -> str:
    if summary.cycle is Cycle.MIDYEAR:
        return f"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM SƠ KẾT 6 THÁNG ĐẦU NĂM {summary.year}"
    return f"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM {summary.year}"


def chart_title(summary: ScoreSummary) -> str:
    if summary.cycle is Cycle.MIDYEAR:
        return f"Kết quả chấm điểm sơ kết 6 tháng đầu năm {summary.year}"
    return f"Kết quả chấm điểm thi đua năm {summary.year}"


def bonus_heading(table: CriteriaTable) -> str:
    if table.bonus_cap is None:
        return "Điểm thưởng"
    if table.bonus_cap == 0:
        return "Điểm thưởng (không tính)"
    return f"Điểm thưởng (tối đa {points(table.bonus_cap)})"


def final_rule(table: CriteriaTable) -> str:
    cap = "" if table.bonus_cap is None else f" (tối đa {points(table.bonus_cap)})"
    return (
        "Điểm thẩm định = điểm các tiêu chí sau thẩm định + điểm thưởng"
        f"{cap} − điểm trừ; làm tròn đến một chữ số thập phân."
    )


def tie_rule(word: str) -> str:
    """How a tie is settled; `word` is "Khối" or "Cụm", as the bloc is."""
    return (
        "Đồng hạng: bằng điểm thẩm định và bằng điểm phần I; "
        f"{word} bình xét, biểu quyết để phân định."
    )
