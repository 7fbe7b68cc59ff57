## Year cycle

cmd-bangiao = Bàn giao { word-leader }, { word-deputy } cho năm sau ({ word-leader })
cycle-window-pledge = Đợt đăng ký thi đua năm { $year }
cycle-window-midyear = Đợt chấm điểm sơ kết 6 tháng năm { $year }
cycle-window-annual = Đợt chấm điểm thi đua năm { $year }
cycle-opened = 📢 { $name } đã mở đến { $closes } — gõ /{ $command }.
cycle-task-pledge = gửi đăng ký thi đua năm { $year }
cycle-task-midyear = nộp bảng tự chấm điểm sơ kết 6 tháng năm { $year }
cycle-task-annual = nộp bảng tự chấm điểm năm { $year }
cycle-reminder-days = ⏰ Còn { $days } ngày: hạn { $task } là { $deadline }.
cycle-reminder-hours = ⏰ Còn { $hours } giờ: hạn { $task } là { $deadline }.
cycle-lag-pledge-none = { $unit } chưa đăng ký thi đua.
cycle-lag-pledge-draft = { $unit } đã soạn đăng ký nhưng chưa gửi.
cycle-lag-pledge-returned = Đăng ký của { $unit } bị { word-leader } trả lại, cần sửa và gửi lại.
cycle-lag-sheet-none = { $unit } chưa chấm tiêu chí nào.
cycle-lag-sheet-draft = { $unit } mới chấm { $done }/{ $total } tiêu chí.
cycle-lag-sheet-full = { $unit } đã chấm đủ { $done }/{ $total } tiêu chí nhưng chưa nộp.
cycle-lag-cross = { $unit } đã nộp { $done }/{ $total } bảng chấm chéo.
btn-cycle-score = 📝 Tiếp tục chấm điểm
btn-cycle-verify = 🔎 Thẩm định bảng điểm
cycle-closed = 🔒 { $name } đã đóng lúc { $closed }.
cycle-closed-locked-pledge = Số liệu đã khóa theo thời hạn: đơn vị không gửi được đăng ký mới nữa (bản bị trả lại vẫn được sửa và gửi lại).
cycle-closed-locked-scoring = Số liệu đã khóa theo thời hạn: đơn vị không chấm, không nộp bảng điểm được nữa.
cycle-closed-all = ✅ Cả { $total } đơn vị đã hoàn thành.
cycle-closed-missing = Còn { $count }/{ $total } đơn vị chưa hoàn thành:
handover-title = 🚩 Bàn giao { word-leader }, { word-deputy }: năm { $year } → năm { $next }
handover-current = Năm { $year }: { word-leader } { $leader }, { word-deputy } { $deputy }.
handover-nobody = (chưa có)
handover-source-rotation = Đề xuất theo thứ tự luân phiên của { word-bloc }: { $order }.
handover-source-election = Đề xuất theo kết quả bỏ phiếu bầu { word-leader }, { word-deputy }.
handover-source-chosen = Theo các đơn vị anh/chị chọn.
handover-leader = { word-leader } năm { $next }: { $unit }
handover-deputy = { word-deputy } năm { $next }: { $unit }
handover-flag = Cờ luân lưu: { $source } bàn giao cho { $target }.
handover-creates = Khi anh/chị xác nhận, bot tạo năm { $next } với cùng đơn vị thành viên, quy chế, lịch và bảng tiêu chí.
handover-updates = Năm { $next } đã có trong bot: xác nhận chỉ đổi { word-leader }, { word-deputy } của năm đó.
handover-other-hint = Chọn đơn vị khác: gõ /bangiao { word-leader-code } { word-deputy-code } (mã đơn vị: { $codes }).
handover-private = Bàn giao { word-leader }, { word-deputy } làm trong tin nhắn riêng với bot: anh/chị nhắn riêng cho bot /bangiao.
handover-not-allowed = Chỉ { word-leader }, { word-deputy } năm nay hoặc Ban Thi đua - Khen thưởng mới bàn giao được { word-leader }, { word-deputy } cho năm sau.
btn-handover-confirm = ✅ Xác nhận bàn giao
handover-done = ✅ Đã bàn giao. Năm { $next }: { word-leader } { $leader }, { word-deputy } { $deputy }. Nhóm của { word-bloc } và cán bộ các đơn vị đã được báo.
handover-notice = 🚩 { $bloc }: kết thúc năm { $year }, { $source } bàn giao cờ luân lưu cho { $target }. Năm { $next }: { word-leader } { $leader }, { word-deputy } { $deputy }.
error-handover-done = Năm { $year } đã bàn giao rồi: { word-leader }, { word-deputy } năm { $next_year } đã được xác nhận. Gõ /khoi để xem.
error-handover-too-early = Bàn giao năm { $year } làm khi tổng kết năm, từ { $opens_at } (lúc đợt chấm điểm năm mở).
error-handover-not-elected = Chưa có kết quả bỏ phiếu bầu { $role ->
        [leader] { word-leader }
       *[deputy] { word-deputy }
    } năm { $year }. Mở cuộc bình xét bằng /binhxet, đóng và kiểm phiếu rồi gõ lại /bangiao.
error-handover-by-election = { word-bloc } chọn { word-leader }, { word-deputy } năm { $year } bằng bỏ phiếu nên không chọn bằng mã đơn vị được. Gõ /bangiao để xem kết quả bầu.
error-handover-not-member = { $unit } không phải đơn vị thành viên năm { $year }; anh/chị chọn đơn vị khác.
error-handover-same-unit = { $unit } không thể vừa là { word-leader } vừa là { word-deputy }; anh/chị chọn hai đơn vị khác nhau.
error-handover-unknown-unit = Không hiểu «{ $text }». Gõ /bangiao { word-leader-code } { word-deputy-code } bằng mã đơn vị: { $codes }.
error-handover-pending = Năm này còn { $ballots } cuộc bỏ phiếu đang mở và { $conferences } hội nghị sắp diễn ra; anh/chị đóng bỏ phiếu (/binhxet) và tổ chức hoặc hủy hội nghị (/hoinghi) rồi mới bàn giao.
