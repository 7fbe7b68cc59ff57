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
    """A score with one decimal and a decimal comma: 99.5 → "99,5", 95 → "95,0"."""
    number = round1(Decimal(str(value)))
    return f"{number:.{decimals}f}".replace(".", ",")


def points(value: Decimal) -> str:
    """A maximum as officers write it: 15 → "15", 2.5 → "2,5"."""
    if value == value.to_integral_value():
        return f"{value:.0f}"
    return comma(value)


def table_title(summary: ScoreSummary) -> str:
    if summary.cycle is Cycle.MIDYEAR:
        return f"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM SƠ KẾT 6 THÁNG ĐẦU NĂM {summary.year}"
    return f"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM {summary.year}"


def chart_title(summary: ScoreSummary) -> str:
    if summary.cycle is Cycle.MIDYEAR:
        return f"Kết quả chấm điểm sơ kết 6 tháng đầu năm {summary.year}"
    return f"Kết quả chấm điểm thi đua năm {summary.year}"


def province_line(province: str) -> str:
    return f"Tỉnh {province}" if province else ""


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


TIE_RULE = (
    "Đồng hạng: bằng điểm thẩm định và bằng điểm phần I; Khối bình xét, biểu quyết để phân định."
)
