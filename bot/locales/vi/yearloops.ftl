## The year's other loops: pledge notices, the secret vote on Telegram, the to-do list, the
## year in review, the conference host.

conference-host = 🏢 Đơn vị chủ trì: { $unit }
btn-conference-host = 🏢 Đơn vị chủ trì
conference-ask-host = Đơn vị nào chủ trì hội nghị? Địa điểm mặc định là hội trường của đơn vị chủ trì.

## Pledge decisions, told to the unit
pledge-notice-approved = ✅ { $decider } đã duyệt đăng ký thi đua năm { $year } của { $unit }. Bước tiếp theo: ký kết giao ước (gõ /kyket).
pledge-notice-returned = ↩️ { $decider } trả lại đăng ký thi đua năm { $year } của { $unit }. Lý do: «{ $reason }». Anh/chị sửa rồi gửi lại (gõ /dangky).

## The secret vote: one tap shows the choice to confirm; the receipt is written privately
ballot-confirm-send = 🔒 Phiếu kín «{ $title }»: { $choice }.
    Phiếu kín gửi rồi không sửa được. Gửi?
ballot-confirm-sent-private = Phiếu kín: anh/chị xác nhận lựa chọn trong tin nhắn riêng với bot. Phiếu chỉ được tính sau khi bấm «✅ Gửi phiếu».

## The to-do list follows the year (/viec)
task-days-left = { $days ->
        [0] hôm nay là hạn chót
       *[other] còn { $days } ngày
    }
task-overdue = quá hạn { $days } ngày
task-due-at = trước { $at }
task-verify = Thẩm định bảng điểm { $cycle ->
        [midyear] sơ kết 6 tháng
       *[annual] tổng kết
    } năm { $year }: đã thẩm định { $verified }/{ $ready } (gõ /thamdinh)
task-explanations = Xem giải trình của { $count } đơn vị ({ $units }) về bảng điểm { $cycle ->
        [midyear] sơ kết 6 tháng
       *[annual] tổng kết
    } năm { $year }, rồi giữ hoặc sửa điểm (gõ /thamdinh)
task-publish = Công bố xếp hạng { $cycle ->
        [midyear] sơ kết 6 tháng
       *[annual] tổng kết
    } năm { $year } (gõ /xephang)
task-ballots = Tổ chức bình xét năm { $year }: { $ballots } (gõ /binhxet)
task-ballot-kind = { $kind ->
        [flag] Cờ thi đua
        [merit] Bằng khen
        [leader] đơn vị trưởng năm sau
       *[deputy] đơn vị phó năm sau
    }
task-schedule-review = Lên lịch Hội nghị tổng kết năm { $year }, gửi giấy mời trước một tuần (gõ /hoinghi)
task-hand-over = Bàn giao nhiệm vụ năm { $next } và cờ luân lưu tại hội nghị tổng kết (gõ /bangiao)
task-answer-changes = Trả lời { $count } điều chỉnh thẩm định bảng điểm { $cycle ->
        [midyear] sơ kết 6 tháng
       *[annual] tổng kết
    } năm { $year }: đồng ý hoặc giải trình
btn-task-publish = 📢 Xếp hạng, công bố
btn-task-hand-over = 🤝 Bàn giao
