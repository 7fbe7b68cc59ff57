## Fast entry
btn-fast-entry = ⚡ Nhập nhanh cả bảng
btn-fast-form = 📄 Tải mẫu Excel
btn-fast-copy = 📋 Chép điểm { $cycle ->
        [midyear] 6 tháng năm { $year }
       *[annual] năm { $year }
    }
btn-fast-back = ◀ Quay lại bảng điểm
fast-title = ⚡ Nhập nhanh — { $sheet }
fast-how = Gõ cả bảng trong một tin nhắn: mã tiêu chí rồi điểm, các tiêu chí cách nhau bằng dấu «;» hoặc xuống dòng. Ví dụ:
fast-codes = Mã tiêu chí (điểm tối đa):
fast-codes-section = • Phần { $section }: { $codes }
fast-codes-bonus = • Thưởng: { $codes } — tổng tối đa { $cap }
fast-codes-penalties = • Trừ: { $codes }
fast-count = số lần
fast-yes-no = có/không
fast-yes = có
fast-no = không
fast-rules = Tiêu chí không gõ thì giữ nguyên. Dòng nào có lỗi, bot báo từng dòng và chưa ghi gì.
fast-upload = 📄 Hoặc bấm «Tải mẫu Excel», ghi điểm vào cột «Điểm» rồi gửi lại tệp vào đây.
fast-no-upload = Zalo chưa cho bot nhận tệp gửi lên, nên trên Zalo anh/chị gõ cả bảng trong một tin nhắn như trên.
fast-copy-offer = 📋 Có thể lấy điểm { $cycle ->
        [midyear] bảng sơ kết 6 tháng năm { $year }
       *[annual] bảng tổng kết năm { $year }
    } làm điểm khởi đầu (không ghi đè điểm đã nhập).
fast-entered = ✅ Đã ghi: { $changed } tiêu chí thay đổi, { $unchanged } giữ nguyên.
fast-change = • Tiêu chí { $code }: { $old } → { $new }
fast-more = … và { $count } tiêu chí khác.
fast-problems = Chưa ghi gì: có { $count } lỗi. Anh/chị sửa rồi gửi lại cả tin nhắn:
fast-problems-file = Chưa ghi gì: tệp có { $count } lỗi. Anh/chị sửa tệp rồi gửi lại:
fast-more-problems = … và { $count } lỗi khác.
fast-problem-line = • Dòng { $place } «{ $text }»: { $reason }
fast-problem-row = • Dòng { $place } của tệp («{ $text }»): { $reason }
fast-problem-sheet = • Cả bảng: { $reason }
fast-problem-unknown-code = không có tiêu chí { $written } trong bảng tiêu chí năm nay.
fast-problem-missing-code = thiếu mã tiêu chí.
fast-problem-twice = tiêu chí { $code } đã có ở dòng { $first }; mỗi tiêu chí ghi một lần.
fast-problem-missing-value = thiếu { $kind ->
        [penalty] «có», «không» hoặc số lần
       *[other] điểm
    } của tiêu chí { $code }.
fast-problem-score-not-a-number = «{ $text }» không phải là điểm; tiêu chí { $code } ghi từ 0 đến { $max }, ví dụ { $example }.
fast-problem-score-out-of-range = tiêu chí { $code } tối đa { $max } điểm (đang ghi { $value }).
fast-problem-score-below-zero = điểm không được dưới 0; tiêu chí { $code } ghi từ 0 đến { $max }.
fast-problem-score-too-many-decimals = điểm chỉ có một chữ số thập phân, ví dụ { $example }.
fast-problem-score-spaced-digits = «{ $text }» có dấu cách giữa các chữ số; gõ liền, ví dụ { $joined }.
fast-problem-count-not-a-number = số lần vi phạm là số nguyên từ 0 đến { $max } (đang ghi «{ $text }»).
fast-problem-count-below-zero = số lần vi phạm không được dưới 0.
fast-problem-penalty-not-yes-no = tiêu chí { $code } chỉ ghi «có» (trừ { $points } điểm) hoặc «không», đang ghi «{ $text }».
fast-problem-bonus-over-cap = tổng điểm thưởng { $claimed } vượt mức tối đa { $cap }.
fast-problem-nothing-written = chưa có điểm nào (ở tệp Excel: cột «Điểm» còn trống).
fast-problem-changed-meanwhile = tiêu chí { $code } vừa được { $by } ghi { $value } nên chưa ghi đè; gửi lại nếu anh/chị vẫn muốn thay.
fast-the-bot = bot (tự điền)
fast-someone = một cán bộ khác
fast-copied = 📋 Đã chép { $count } tiêu chí từ { $cycle ->
        [midyear] bảng sơ kết 6 tháng năm { $year }
       *[annual] bảng tổng kết năm { $year }
    } (điểm sau thẩm định nếu có), giữ nguyên { $kept } tiêu chí đã nhập. Anh/chị gõ những điểm cần sửa.
fast-copied-left-out = Không chép (không còn trong bảng tiêu chí hoặc vượt mức tối đa năm nay): { $codes }
fast-form-sent = 📄 Mẫu Excel của bảng điểm: { $sheet }. Ghi điểm vào cột «Điểm», lưu dạng .xlsx rồi gửi lại tệp vào đây.
fast-not-xlsx = Bot chỉ đọc được bảng điểm dạng .xlsx (mẫu Excel của bot). Anh/chị gửi tệp .xlsx, hoặc gõ cả bảng trong một tin nhắn.
fast-form-too-large = Tệp lớn quá { $max_mb } MB: đó không phải mẫu bảng điểm của bot. Anh/chị bấm «Tải mẫu Excel» để lấy mẫu.
fast-form-refused = Bot không đọc tệp này: { $reason }.
fast-form-bad = Tệp không phải mẫu bảng điểm của bot (cần sheet «Cham_diem» với cột «Mã» và «Điểm»):
fast-filled-title = 🤖 Bot đã điền sẵn những gì bot biết (anh/chị sửa được):
fast-filled-item = • Tiêu chí { $code }: { $value } — { $why }
fast-why-covenant = đã ký giao ước ngày { $date }
fast-why-attended = không báo vắng hội nghị nào đã diễn ra
fast-why-absent = báo không dự { $conferences }
fast-why-conference = { $kind ->
        [signing] hội nghị ký kết giao ước
        [midyear] hội nghị sơ kết
       *[annual] hội nghị tổng kết
    } ngày { $date }
fast-why-on-time = báo cáo gửi qua bot đều đúng hạn
fast-why-late = nộp trễ hạn: { $reports }
fast-report = { $report ->
        [pledge] đăng ký thi đua
       *[midyear] bảng điểm sơ kết 6 tháng
    }
sheet-filled-by-bot = 🤖 Bot đã điền sẵn: { $codes } — anh/chị xem và sửa được.
sheet-copied = 📋 { $count } tiêu chí chép từ kỳ trước — anh/chị xem lại và sửa nếu cần.
sheet-marks = 🤖 bot đã điền · 📋 chép kỳ trước — gõ điểm để thay.
score-hint-yes-no = Có vi phạm không? Gõ «có» (trừ { $points } điểm) hoặc «không».
penalty-yes = có (trừ { $points })
penalty-no = không
score-recorded-yes = Đã ghi: tiêu chí { $item } có vi phạm, trừ { $points } điểm. Tạm tính: { $total }.
score-recorded-no = Đã ghi: tiêu chí { $item } không vi phạm. Tạm tính: { $total }.
error-score-below-zero = Điểm không được dưới 0 (anh/chị gõ «{ $text }»). Điểm trừ ghi riêng ở mục ⚠️ Điểm trừ; ở đây nhập điểm đạt được, từ 0 đến { $max }.
error-score-spaced-digits = «{ $text }» có dấu cách giữa các chữ số nên bot không đoán là điểm nào. Anh/chị gõ liền, ví dụ { $joined } (từ 0 đến { $max }). Muốn ghi nhiều tiêu chí một lần thì ghi mã rồi điểm, cách nhau bằng dấu «;».
error-count-below-zero = Số lần vi phạm không được dưới 0 (anh/chị gõ «{ $text }»); gõ 0 nếu không vi phạm.
error-penalty-not-yes-no = Tiêu chí này chỉ ghi có hoặc không: gõ «có» (trừ { $points } điểm) hoặc «không» (anh/chị gõ «{ $text }»).
error-nothing-to-copy = Chưa có bảng điểm kỳ trước để chép (bảng sơ kết 6 tháng hoặc bảng tổng kết năm trước).
error-entry-problems = Chưa ghi gì: có { $count } lỗi.
import-duplicate-fact = «fact: { $fact }» đã gắn cho một điểm trừ khác; mỗi việc bot tự điền chỉ gắn cho một điểm trừ
