## Verification: the leader's side
role-name = { $role ->
        [leader] { word-leader }
        [deputy] { word-deputy }
       *[admin] Ban Thi đua – Khen thưởng
    }
verify-board-title = 🔎 Thẩm định năm { $year } ({ $cycle ->
        [midyear] sơ kết 6 tháng
       *[annual] tổng kết
    }) — đã thẩm định { $verified }/{ $ready }
verify-board-open = Chờ đơn vị trả lời: { $awaiting } · giải trình: { $explained }
verify-board-published = Bảng xếp hạng đã công bố lúc { $date }; điểm không thay đổi nữa.
verify-row-verified = ✅ { $unit } — { $final } điểm (tự chấm { $own })
verify-row-ready = ● { $unit } — tự chấm { $own } → { $final }
verify-row-cross = { $mark } { $unit } — trung bình { $mean } ({ $done }/{ $total } phiếu chấm chéo) → { $final }
verify-row-missing = ○ { $unit } — chưa nộp bảng điểm
verify-row-cross-missing = ○ { $unit } — chưa đơn vị nào nộp phiếu chấm chéo
verify-row-awaiting = { " " }· ⏳ { $count } chờ trả lời
verify-row-explained = { " " }· ✍️ { $count } giải trình
verify-own-unit = { $unit } là đơn vị của anh/chị: { $verifier } thẩm định.
verify-choose = Chọn đơn vị để xem và thẩm định:
btn-verify-unit = { $unit } ({ $own } → { $final })
btn-verify-unit-done = ✅ { $unit } ({ $final })
btn-deadlines = ⏱ Gia hạn, mở lại bảng điểm
verify-none = Chưa có đơn vị nào nộp bảng điểm để thẩm định.

verify-title = 🔎 Thẩm định bảng điểm của { $unit } — tự chấm { $own } · sau thẩm định { $final }
verify-title-cross = 🔎 Kết quả chấm chéo của { $unit } — trung bình { $own } · sau điểm trừ { $final }
verify-item = { $code }. { $title } — { $value }/{ $max } điểm
verify-item-cross = { $code }. { $title } — trung bình { $value }/{ $max }
verify-item-evidence = { " " }· 📎 { $count } minh chứng
verify-change = { " " }→ { $new }, lý do: «{ $reason }»
verify-answer-agreed = { " " }✅ đơn vị đồng ý
verify-answer-explained = { " " }✍️ đơn vị giải trình: «{ $text }»
verify-answer-waiting = { " " }⏳ chờ trả lời đến { $due }
verify-answer-lapsed = { " " }(hết hạn trả lời)
verify-bonus-heading = Điểm thưởng (tối đa { $cap }): { $points }
verify-bonus-heading-uncapped = Điểm thưởng: { $points }
verify-penalty-heading = Điểm trừ: −{ $points }
verify-penalty-heading-cross = Điểm trừ ({ $verifier } xác định, không lấy trung bình): −{ $points }
verify-penalty-cross-off = Quy chế của { word-bloc-lower } không trừ điểm trong chấm chéo.
verify-penalty = { $code }. { $title } — { $count } lần (−{ $points })
verify-penalty-once = { $code }. { $title } — có (−{ $points })
verify-penalty-none = { $code }. { $title } — không
verify-cross-sheets = Phiếu chấm chéo: { $sheets }
verify-cross-sheet = { $unit }: { $total } điểm
verify-cross-sheet-draft = { $unit } (chưa nộp)
verify-verified-at = ✅ Đã thẩm định lúc { $date }.
verify-ask-code = Gõ mã tiêu chí cần điều chỉnh (ví dụ { $example }), kể cả điểm thưởng và điểm trừ.
verify-ask-code-cross = Gõ mã điểm trừ cần xác định (ví dụ { $example }).
btn-verify-agree-all = ✅ Đồng ý toàn bộ bảng điểm
btn-verify-mark = ✅ Xác nhận đã thẩm định
btn-evidence = 📎 Xem minh chứng ({ $count })
btn-verify-list = ◀ Danh sách đơn vị
verify-ask-points = Tiêu chí { $item } (tối đa { $max }): đơn vị tự chấm { $own }. Nhập điểm thẩm định (ví dụ { $example }):
verify-ask-count = Điểm trừ { $item } ({ $title }): đơn vị khai { $own } lần. Nhập số lần sau thẩm định (0 nếu không có, ví dụ 1):
verify-ask-count-cross = Điểm trừ { $item } ({ $title }): hiện { $own } lần. Nhập số lần đơn vị bị trừ (0 nếu không có, ví dụ 1):
verify-ask-once = Điểm trừ { $item } ({ $title }): gõ 1 nếu đơn vị bị trừ { $points } điểm, 0 nếu không.
verify-ask-reason = Lý do điều chỉnh { $item } thành { $value } (đơn vị sẽ đọc lý do này; tối đa { $max } ký tự):
verify-done = ✅ Đã điều chỉnh { $item } của { $unit }: { $old } → { $new }. Điểm sau thẩm định: { $final } (tự chấm { $own }). Đơn vị sẽ được báo để đồng ý hoặc giải trình.
verify-marked = ✅ Đã thẩm định xong bảng điểm của { $unit }: { $final } điểm (tự chấm { $own }). Đơn vị đã được báo.
verify-evidence-title = 📎 Minh chứng của { $unit }:
verify-evidence-line = { $code }. 📎 tệp { $name }
verify-evidence-note = { $code }. 📝 ghi chú: «{ $text }»
verify-evidence-none = { $unit } chưa gửi minh chứng nào.
verify-evidence-unreachable = { $count } tệp gửi qua kênh khác chưa mở được ở đây; xem trên kênh đó.
error-cross-mean-fixed = Trong chấm chéo, điểm tiêu chí { $item } là trung bình điểm các đơn vị khác chấm, không điều chỉnh; chỉ xác định điểm trừ.
error-explanation-invalid = Nội dung giải trình không được trống và tối đa { $max } ký tự.
error-answer-closed = Đã quá { $hours } giờ kể từ khi thẩm định nên không trả lời được nữa; liên hệ { word-leader } nếu cần.
error-nothing-to-answer = Không có điều chỉnh nào đang chờ đơn vị trả lời.
error-not-extendable = Hạn mới phải sau hạn hiện tại ({ $closes_at }) và sau bây giờ.
error-not-reopenable = Chỉ mở lại được bảng điểm đã nộp (tự chấm), đến một thời điểm sau bây giờ, trước khi công bố xếp hạng.
import-bad-hours = số giờ «{ $value }» phải là số nguyên từ 1 đến { $max }

## Verification: the unit's side
notice-changed-title = 🔎 { $verifier } đã thẩm định bảng điểm năm { $year } của { $unit }:
notice-change = • { $code } ({ $title }): { $old } → { $new }, lý do: «{ $reason }»
notice-changed-total = Điểm sau thẩm định: { $final } (tự chấm { $own }).
notice-changed-due = Đơn vị đồng ý hoặc giải trình trước { $due }.
btn-answer-agree = ✅ Đồng ý
btn-answer-explain = ✍️ Giải trình
notice-verified = ✅ Bảng điểm năm { $year } của { $unit } đã được thẩm định: { $final } điểm (tự chấm { $own }).
notice-verified-changes = { $count } tiêu chí được điều chỉnh; gõ /chamdiem để xem.
answer-agreed = ✅ Đã gửi: { $unit } đồng ý với { $count } điều chỉnh của thẩm định.
answer-choose = Chọn điều chỉnh cần giải trình:
btn-answer-item = Giải trình { $code } ({ $old } → { $new })
answer-ask-text = Giải trình về { $code } ({ $old } → { $new }): gõ nội dung (tối đa { $max } ký tự).
answer-explained = ✍️ Đã gửi giải trình về { $code } cho { $verifier }.
notice-answer-agreed = ✅ { $unit } đồng ý với điều chỉnh: { $items }.
notice-answer-explained = ✍️ { $unit } giải trình về { $code } ({ $old } → { $new }): «{ $text }»
btn-open-review = 🔎 Mở bảng điểm { $unit }

## Publishing, deadlines
publish-check-title = 📢 Công bố xếp hạng năm { $year } ({ $cycle ->
        [midyear] sơ kết 6 tháng
       *[annual] tổng kết
    })? Công bố rồi điểm không thay đổi nữa.
publish-check-clear = Mọi bảng điểm đã thẩm định, không còn điều chỉnh nào chờ trả lời.
publish-check-not-verified = • Chưa thẩm định xong: { $units }
publish-check-leader = • Bảng điểm của đơn vị { word-leader } cần { $deputy } thẩm định.
publish-check-awaiting = • Còn chờ đơn vị trả lời: { $items }
publish-check-explained = • Đơn vị đã giải trình: { $items } (xem trong /thamdinh).
publish-check-missing = • Không xếp hạng (chưa nộp): { $units }
btn-publish-confirm = 📢 Công bố
btn-publish-anyway = 📢 Vẫn công bố
notice-published-group = 📢 { $verifier } đã công bố xếp hạng thi đua năm { $year } ({ $cycle ->
        [midyear] sơ kết 6 tháng
       *[annual] tổng kết
    }) của { $bloc }:
notice-published-unit = 📢 Đã công bố xếp hạng năm { $year }: { $unit } xếp thứ { $rank }/{ $count } với { $points } điểm. Gõ /xephang để xem cả bảng.
notice-published-unranked = 📢 Đã công bố xếp hạng năm { $year }. { $unit } không được xếp hạng vì chưa nộp bảng điểm.
deadlines-title = ⏱ Gia hạn và mở lại (trước khi công bố xếp hạng):
btn-extend = ⏱ Gia hạn { $window ->
        [pledge] đợt đăng ký
        [midyear] đợt chấm điểm sơ kết
       *[annual] đợt chấm điểm tổng kết
    } (hạn { $date })
btn-reopen = 🔓 Mở lại bảng điểm của một đơn vị
deadlines-none = Không còn đợt nào gia hạn được: các đợt chưa mở hoặc đã công bố xếp hạng.
extend-ask-date = Hạn mới của { $window ->
        [pledge] đợt đăng ký
        [midyear] đợt chấm điểm sơ kết
       *[annual] đợt chấm điểm tổng kết
    } (hiện là { $date }): gõ ngày, ví dụ { $example }.
extend-ask-reason = Lý do gia hạn (mọi đơn vị sẽ đọc; tối đa { $max } ký tự):
extend-done = ✅ Đã gia hạn đến { $date }. Mọi đơn vị và nhóm của { word-bloc-lower } đã được báo.
reopen-choose = Chọn đơn vị được mở lại bảng điểm đã nộp:
reopen-none = Chưa đơn vị nào nộp bảng điểm để mở lại.
reopen-ask-until = Mở lại bảng điểm của { $unit } đến khi nào? Gõ ngày (đến 23:59), ví dụ { $example }.
reopen-ask-reason = Lý do mở lại (đơn vị sẽ đọc; tối đa { $max } ký tự):
reopen-done = 🔓 Đã mở lại bảng điểm của { $unit } đến { $date }. Đơn vị đã được báo.
notice-extended = ⏱ { $window ->
        [pledge] Đợt đăng ký thi đua
        [midyear] Đợt chấm điểm sơ kết 6 tháng
       *[annual] Đợt chấm điểm tổng kết
    } năm { $year } được gia hạn đến { $date }. Lý do: «{ $reason }»
notice-reopened = 🔓 Bảng điểm năm { $year } của { $unit } được mở lại để sửa đến { $date }. Lý do: «{ $reason }». Gõ /chamdiem, sửa rồi nộp lại.
error-date-bad = «{ $text }» không phải một ngày; gõ theo dạng { $example }.
btn-see-ranking = 🏆 Xem bảng xếp hạng
