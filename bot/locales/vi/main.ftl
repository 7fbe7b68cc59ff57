## Buttons
btn-tasks = 📋 Việc cần làm
btn-bloc = 🏢 { word-bloc } của tôi
btn-help = ❓ Hướng dẫn
btn-language = 🌐 Ngôn ngữ
btn-menu = ☰ Menu chính
btn-move = Chuyển sang { $unit }
btn-stay = Giữ nguyên ở { $unit }

## Command menu (Telegram's / list)
cmd-menu = Menu chính
cmd-viec = Việc cần làm và hạn chót
cmd-khoi = { word-bloc } thi đua, đơn vị thành viên
cmd-trogiup = Hướng dẫn sử dụng
cmd-ngonngu = Đổi ngôn ngữ
cmd-lienket = Liên kết nhóm này với { word-bloc }
cmd-moi = Đường dẫn mời các đơn vị ({ word-leader }, { word-deputy })

## Menu and help
menu-title = Menu chính
menu-title-unit = Menu chính — { $unit }
menu-title-board = Menu chính — Ban Thi đua - Khen thưởng
menu-hint = Chọn việc anh/chị muốn làm:
welcome-unregistered =
    Chào anh/chị { $name }! Đây là Thi Đua Bot — trợ lý của { word-bloc-lower } thi đua.
    Anh/chị chưa tham gia { word-bloc-lower } nào. Hãy mở đường dẫn mời do { word-leader } gửi, hoặc gõ /start kèm mã mời (ví dụ: /start snn-4f9a2k).
help-body = Các lệnh của Thi Đua Bot:
help-organiser = Dành cho { word-leader }, { word-deputy }, Ban Thi đua - Khen thưởng:
language-choose = Chọn ngôn ngữ / Choose a language:
language-set = Đã chuyển sang tiếng Việt.

## Joining
joined = Chào anh/chị { $name }! Anh/chị đã tham gia { $bloc } (năm { $year }) với tư cách cán bộ thi đua của { $unit }.
joined-already = Chào anh/chị { $name }! Anh/chị đã là cán bộ thi đua của { $unit } rồi.
joined-moved = Chào anh/chị { $name }! Đã chuyển anh/chị từ { $old } sang { $unit }.
joined-role-leader = { $unit } là { word-leader } năm nay.
joined-role-deputy = { $unit } là { word-deputy } năm nay.
joined-role-officer = { word-leader } năm nay: { $leader }.
joined-not-member = Lưu ý: đơn vị chưa có tên trong danh sách thành viên năm { $year }; liên hệ { word-leader }.
joined-board = Chào anh/chị { $name }! Anh/chị đã tham gia với vai trò { $role ->
        [admin] quản trị của Ban Thi đua - Khen thưởng
       *[observer] theo dõi của Ban Thi đua - Khen thưởng
    }.
move-confirm =
    Anh/chị đang là cán bộ thi đua của { $current }.
    Mã mời này thuộc { $target }. Chuyển anh/chị sang { $target }?
move-kept = Đã giữ nguyên: anh/chị vẫn là cán bộ thi đua của { $unit }.
start-in-group = Để tham gia, anh/chị nhắn riêng cho bot: /start kèm mã mời.

## Bloc
bloc-title = 🏢 { $bloc } — năm { $year }
bloc-province = { word-province-title }: { $province }
bloc-leader = { word-leader }: { $unit }
bloc-deputy = { word-deputy }: { $unit }
bloc-no-deputy = { word-deputy }: chưa có
bloc-units = Đơn vị thành viên ({ $joined }/{ $total } đã tham gia bot):
bloc-unit-joined = ✅ đã tham gia
bloc-unit-not-joined = ⏳ chưa tham gia
bloc-role-leader = {" "}({ word-leader })
bloc-role-deputy = {" "}({ word-deputy })
bloc-unit-mine = {" "}· đơn vị của anh/chị
bloc-groups = Nhóm chat của { word-bloc }: { $titles }
bloc-no-group = Chưa liên kết nhóm chat. { word-leader } thêm bot vào nhóm của { word-bloc } rồi gõ /lienket trong nhóm.
group-untitled = { $channel ->
        [zalo] nhóm Zalo
        [telegram] nhóm Telegram
       *[other] nhóm chat
    }
group-bound = ✅ Đã liên kết nhóm «{ $title }» với { $bloc }. Bình xét, nhắc lịch và thông báo của { word-bloc } sẽ được gửi vào nhóm này.
group-already-bound-here = Nhóm «{ $title }» đã được liên kết với { $bloc } từ trước.

## Tasks
tasks-title = 📋 Việc cần làm của { $owner }
tasks-none = 📋 Hiện { $owner } không có việc nào cần làm. Bot sẽ nhắn khi có việc mới (ví dụ khi mở đợt đăng ký thi đua).
task-due = hạn { $date }
task-bind-group = Liên kết nhóm chat của { word-bloc }: thêm bot vào nhóm rồi gõ /lienket trong nhóm.
task-invite-units = Mời { $count } đơn vị chưa tham gia bot: { $units } (gõ /moi để lấy đường dẫn mời).

## Invites
invites-title = 🔗 Đường dẫn mời — { $bloc }
invites-joined = {" "}(✅ { $count } cán bộ đã tham gia)
invites-code = Mã: { $code } · dùng đến { $date }
invites-hint = Gửi đường dẫn (hoặc mã, trên Zalo gõ /start kèm mã) cho cán bộ thi đua của từng đơn vị. Mỗi đơn vị có thể có 1–3 cán bộ dùng chung một mã.

## Errors
error-generic = Có lỗi khi xử lý yêu cầu. Dữ liệu đã ghi không bị thay đổi; anh/chị vui lòng thử lại.
error-unavailable = Hệ thống tạm thời không truy cập được dữ liệu, yêu cầu này chưa được ghi nhận. Anh/chị vui lòng thử lại sau ít phút.
error-invite-not-found = Mã mời không đúng hoặc đã hết hạn. Anh/chị vui lòng xin lại đường dẫn từ { word-leader }.
error-invite-expired = Mã mời này đã hết hạn lúc { $expired_at }. Anh/chị vui lòng xin lại đường dẫn từ { word-leader }.
error-invite-revoked = Mã mời này đã bị thu hồi. Anh/chị vui lòng xin lại đường dẫn từ { word-leader }.
error-invite-used-up = Mã mời này đã được dùng. Anh/chị vui lòng xin mã mới từ Ban Thi đua - Khen thưởng.
error-private-chat-required = Danh sách mã mời chỉ gửi trong tin nhắn riêng với bot, để người ngoài không dùng được. Anh/chị nhắn riêng cho bot: /moi
error-not-registered = Anh/chị chưa tham gia { word-bloc-lower } nào. Mở đường dẫn mời do { word-leader } gửi, hoặc gõ /start kèm mã mời.
error-group-not-member = { $name } chưa là cán bộ của đơn vị thành viên trong { word-bloc-lower } này. Nhắn riêng cho bot: /start kèm mã mời của đơn vị.
error-not-authorized = { $permission ->
        [bind_group] Chỉ { word-leader } hoặc { word-deputy } mới liên kết được nhóm với { word-bloc }.
        [manage_invites] Chỉ { word-leader } hoặc { word-deputy } mới quản lý được mã mời.
        [pledge] Chỉ cán bộ thi đua của đơn vị thành viên mới đăng ký thi đua, ký kết giao ước được.
        [review_pledges] Chỉ { word-leader } hoặc { word-deputy } mới duyệt được đăng ký thi đua.
        [manage_campaigns] Chỉ { word-leader } hoặc { word-deputy } mới đặt được chuyên đề thi đua.
        [verify_scores] Chỉ { word-leader } hoặc { word-deputy } mới thẩm định được bảng điểm.
       *[other] Anh/chị không có quyền làm việc này.
    }
error-not-a-member = Đơn vị của anh/chị không thuộc { $bloc } năm { $year }. Liên hệ { word-leader } nếu đây là nhầm lẫn.
error-group-chat-required = Lệnh /lienket dùng trong nhóm chat của { word-bloc }: thêm bot vào nhóm rồi gõ /lienket ở đó.
error-group-already-bound = Nhóm này đã liên kết với { $bloc }; mỗi nhóm chỉ thuộc một { word-bloc-lower }.
error-bloc-not-found = Không tìm thấy { word-bloc-lower } { $code }. Gõ /khoi để xem { word-bloc-lower } của anh/chị.
error-bloc-none = Chưa có { word-bloc-lower } nào được nhập vào bot.
error-bloc-choose = Có nhiều { word-bloc-lower }: { $choices }. Anh/chị gõ /khoi kèm mã { word-bloc-lower }, ví dụ /khoi { $first }.
error-unit-not-found = Không tìm thấy đơn vị của mã mời này. Anh/chị vui lòng xin lại đường dẫn từ { word-leader }.
error-stale-action = Nút này thuộc một tin nhắn cũ. Gõ /viec để xem việc cần làm hiện tại.
error-forged = Nút này không hợp lệ hoặc đã cũ. Gõ /menu để mở menu mới.
error-unknown-command = Bot chưa hiểu lệnh /{ $command }. Gõ /trogiup để xem các lệnh.
error-unknown-text = Bot chưa hiểu tin nhắn này. Gõ /menu để mở menu hoặc /trogiup để xem hướng dẫn.
error-no-choices = Hiện không có danh sách nào để chọn theo số. Gõ /menu để mở menu chính.
error-choice-out-of-range = Không có lựa chọn số { $number }. Anh/chị gõ một số từ 1 đến { $max }, hoặc /menu để mở menu.

## Import problems
import-invalid = Tệp có { $count } lỗi, chưa nhập gì vào cơ sở dữ liệu:
import-expected-mapping = cần các cặp «khóa: giá trị»
import-expected-list = cần một danh sách
import-missing-field = thiếu trường «{ $field }»
import-not-a-number = «{ $value }» không phải là số
import-not-positive = điểm phải lớn hơn 0 (đang là { $value })
import-too-long = «{ $field }» dài quá { $max } ký tự
import-too-large = «{ $value }» điểm quá lớn (tối đa { $max })
import-too-many-decimals = điểm chỉ có tối đa 1 chữ số thập phân (đang là { $value })
import-bad-bloc-code = mã khối «{ $value }» chỉ gồm chữ thường không dấu, số và dấu gạch ngang
import-bad-unit-code = mã đơn vị «{ $value }» chỉ gồm chữ không dấu, số, dấu gạch dưới (tối đa 20 ký tự)
import-bad-year = năm «{ $value }» không hợp lệ
import-no-units = khối chưa có đơn vị nào
import-duplicate-unit = mã đơn vị «{ $unit }» bị trùng
import-unknown-unit = { $role ->
        [leader] Khối trưởng
        [deputy] Khối phó
       *[other] thứ tự luân phiên
    } là «{ $unit }», nhưng không có đơn vị nào mã này trong danh sách đơn vị
import-deputy-is-leader = Khối phó trùng với Khối trưởng («{ $unit }»)
import-duplicate-in-rotation = thứ tự luân phiên có đơn vị bị lặp lại
import-bad-threshold = tỷ lệ phiếu «{ $value }» không hợp lệ; chọn 0,5; 2/3 (ghi 0,667); 0,7; 0,8 hoặc 0,9
import-bad-ratio = tỷ lệ «{ $value }» phải lớn hơn 0 và không quá 1
import-bad-quota = số lượng «{ $value }» phải là số nguyên từ 1 trở lên
import-bad-boolean = «{ $value }» phải là true hoặc false
import-bad-choice = «{ $value }» không hợp lệ; chọn một trong: { $choices }
import-bad-month-day = ngày «{ $value }» phải có dạng tháng-ngày, ví dụ 01-05
import-bad-offset = thời điểm nhắc «{ $value }» phải có dạng 7d, 1d hoặc 2h
import-duplicate-criterion = mã tiêu chí «{ $code }» bị trùng
import-empty-section = phần này chưa có tiêu chí nào
import-criteria-total = tổng điểm tối đa các tiêu chí là { $total }, khác thang điểm { $scale }

## Zalo
error-unsupported-message = Bot chưa đọc được loại tin nhắn này. Anh/chị gửi tin nhắn chữ, hoặc gõ /menu để mở menu.

## Command line
cli-file-not-found = Không tìm thấy tệp { $path }.
cli-file-bad-format = Tệp { $path } sai định dạng, chưa nhập gì:
cli-import-unchanged = { $bloc } năm { $year }: dữ liệu đã có sẵn, không có gì thay đổi.
cli-imported = { $action ->
        [created] Đã nhập
       *[updated] Đã cập nhật
    } { $bloc } ({ $province }) năm { $year }: { $unit_count } đơn vị ({ $units_added } mới, { $units_updated } cập nhật), { $criteria_count } tiêu chí.
cli-import-next = Tiếp theo: python main.py invites — để lấy đường dẫn mời cho từng đơn vị.
cli-import-sample = Cơ sở dữ liệu còn trống: nhập khối mẫu { $file } để dùng thử.
cli-no-bloc = Không có khối { $code }.
cli-no-blocs = Chưa có khối nào. Nhập khối trước: python main.py import { $sample }
cli-invite-unit = { $unit } [{ $code }] — { $joined } cán bộ đã tham gia; mã dùng đến { $date }
cli-invite-telegram = Telegram: { $link }
cli-invite-start = Zalo / console: /start { $code }
cli-invites-no-telegram = (Đặt TELEGRAM_BOT_TOKEN để có thêm đường dẫn mời Telegram.)
cli-board-invite = Mã mời Ban TĐKT ({ $role }): /start { $code }
cli-board-invite-until = Dùng đến { $until }.
cli-revoke-not-found = Không có mã mời { $code }.
cli-revoked = Đã thu hồi mã mời { $code }.
cli-template-written = Đã ghi mẫu nhập khối: { $file }
cli-migrated = Cơ sở dữ liệu đã ở phiên bản mới nhất.
cli-banner =
    Thi Đua Bot — kênh console. Gõ /trogiup để xem các lệnh, trả lời danh sách bằng số,
    /vai để đổi đơn vị mình đóng vai, Ctrl+D hoặc /thoat để thoát.
cli-banner-no-blocs =
    Chưa có khối nào. Nhập khối mẫu: python main.py import { $sample }
    rồi lấy mã mời: python main.py invites

## Scoring
cmd-chamdiem = Chấm điểm thi đua của đơn vị
sheet-title = { $cycle ->
        [midyear] Chấm điểm sơ kết 6 tháng năm { $year }
       *[annual] Chấm điểm năm { $year }
    } — { $unit } ({ $status ->
        [submitted] đã nộp
       *[draft] bản nháp
    })
sheet-scored-by = { $unit } (do { $scorer } chấm chéo)
sheet-section = Phần { $code }. { $title } ({ $max } điểm) — đã chấm { $done }/{ $count } · { $points } điểm
btn-section = Phần { $code } ({ $done }/{ $count })
sheet-bonus = Điểm thưởng: { $points }
sheet-bonus-capped = Điểm thưởng: { $points } (tối đa { $cap })
sheet-penalties = Điểm trừ: { $points }
sheet-running-total = Tạm tính: { $total } / { $scale }
sheet-deadline = Hạn nộp: { $date }
sheet-submitted-at = Đã nộp lúc { $date }; bảng điểm không sửa được nữa.
sheet-verified-title = { word-leader } đã thẩm định:
sheet-verified-item = • Tiêu chí { $item }: { $old } → { $new } — "{ $reason }"
sheet-verified-total = Điểm sau thẩm định: { $final } (tự chấm { $own }).
btn-bonus = ⭐ Điểm thưởng
btn-penalties = ⚠️ Điểm trừ
btn-submit = 📤 Nộp bảng điểm
btn-previous = ◀ Tiêu chí trước
btn-skip = Bỏ qua ▶
btn-save-draft = 💾 Lưu nháp
btn-submit-confirm = ✅ Nộp
btn-back = ◀ Quay lại
btn-view-sheet = 📄 Xem bảng điểm
section-heading = Phần { $code }. { $title } ({ $max } điểm)
section-bonus = Điểm thưởng (tổng tối đa { $cap })
section-penalties = Điểm trừ
item-max = tối đa { $max }
penalty-per = trừ { $points } điểm
penalty-times = { $times } lần
score-hint = Nhập điểm từ 0 đến { $max }, ví dụ { $example }.
score-hint-penalty = Nhập số lần vi phạm (0 nếu không có).
score-recorded = Đã ghi { $points }/{ $max } cho tiêu chí { $item }. Tạm tính: { $total }.
score-recorded-penalty = Đã ghi { $times } lần cho mục { $item }.
submit-confirm = Nộp bảng tự chấm điểm của { $unit }: { $total } điểm? Sau khi nộp, đơn vị không sửa được nữa.
submit-confirm-cross = Nộp phiếu chấm chéo của { $scorer } cho { $unit }: { $total } điểm? Sau khi nộp không sửa được nữa.
submit-done = ✅ Đã nộp bảng tự chấm điểm năm { $year } của { $unit }: { $total } điểm. { word-leader } và { word-deputy } sẽ thẩm định; mỗi điều chỉnh được báo lại để đơn vị đồng ý hoặc giải trình.
submit-done-cross = ✅ Đã nộp phiếu chấm chéo năm { $year } của { $scorer } cho { $unit }: { $total } điểm. Điểm của { $unit } là trung bình phiếu của các đơn vị khác; { word-leader } thẩm định và xác định điểm trừ.
cross-choose-unit = Chấm chéo: chọn đơn vị anh/chị chấm điểm.
error-score-not-a-number = «{ $text }» không phải là điểm. Anh/chị nhập một số từ 0 đến { $max }, có thể có một chữ số thập phân.
error-count-not-a-number = Số lần vi phạm là số nguyên từ 0 đến { $max } (đang là «{ $text }»); anh/chị vui lòng nhập lại.
error-score-too-many-decimals = Điểm chỉ có một chữ số thập phân (ví dụ 9,5), anh/chị vui lòng nhập lại (từ 0 đến { $max }).
error-score-out-of-range = Tiêu chí này tối đa { $max } điểm — anh/chị vui lòng nhập lại (từ 0 đến { $max }).
error-bonus-over-cap = Tổng điểm thưởng tối đa { $cap } điểm; anh/chị giảm điểm thưởng mục này hoặc mục khác.
error-scoring-not-open = Đợt chấm điểm { $cycle ->
        [midyear] sơ kết 6 tháng
       *[annual] tổng kết
    } năm { $year } mở từ { $opens_at } đến { $closes_at }.
error-scoring-closed = Đợt chấm điểm { $cycle ->
        [midyear] sơ kết 6 tháng
       *[annual] tổng kết
    } năm { $year } đã đóng lúc { $closes_at }; liên hệ { word-leader } nếu cần mở lại.
error-sheet-submitted = Bảng điểm đã nộp lúc { $at } nên không sửa được nữa; liên hệ { word-leader } nếu cần điều chỉnh.
error-sheet-not-submitted = Đơn vị chưa nộp bảng điểm này nên chưa thẩm định được.
error-sheet-incomplete = Còn { $count } tiêu chí chưa chấm ({ $items }). Anh/chị chấm đủ rồi nộp.
error-unknown-criterion = Không có tiêu chí { $code } trong bảng tiêu chí năm nay.
error-own-unit-in-cross-mode = { word-bloc } chấm chéo: mỗi đơn vị chấm các đơn vị khác, không tự chấm đơn vị mình.
error-entry-changed-meanwhile = Tiêu chí { $item } vừa được { $by } chấm { $value }. Điểm đó được giữ nguyên; gõ lại nếu anh/chị muốn thay.
error-reason-required = Cần ghi lý do khi thẩm định thay đổi điểm.
error-no-criteria-table = Năm { $year } chưa có bảng tiêu chí; { word-leader } cần nhập bảng tiêu chí trước.
error-ranking-not-published = Bảng xếp hạng năm { $year } chưa được { word-leader } công bố.
error-ranking-published = Bảng xếp hạng năm { $year } đã công bố nên điểm không thay đổi được nữa.
error-window-still-open = Đợt chấm điểm còn mở đến { $closes_at }; công bố xếp hạng sau khi đợt đóng, khi không đơn vị nào còn sửa được điểm.
error-own-unit-verification = Bảng điểm của đơn vị mình do { word-deputy } (hoặc { word-leader }) thẩm định, không tự thẩm định.
error-criteria-in-use = Bảng tiêu chí năm { $year } đã được dùng để chấm điểm nên không thay đổi được.

## Ranking and verification
cmd-xephang = Bảng xếp hạng
cmd-thamdinh = Thẩm định bảng điểm ({ word-leader }, { word-deputy })
ranking-title = 🏆 Xếp hạng { $cycle ->
        [midyear] sơ kết 6 tháng năm { $year }
       *[annual] thi đua năm { $year }
    } ({ $status ->
        [published] đã công bố
       *[draft] chưa công bố
    })
ranking-row = { $rank }. { $unit } — { $points } điểm
ranking-tied = { $rank } (đồng hạng)
ranking-empty = Chưa đơn vị nào nộp bảng điểm.
ranking-unranked = Chưa nộp bảng điểm (không xếp hạng): { $units }
ranking-not-yet = Bảng xếp hạng { $cycle ->
        [midyear] sơ kết 6 tháng năm { $year }
       *[annual] năm { $year }
    } chưa được { word-leader } công bố.
ranking-own = Điểm của { $unit } ({ $status ->
        [submitted] đã nộp
       *[draft] bản nháp
    }): tự chấm { $own }; sau thẩm định { $final }.
ranking-own-none = Đơn vị anh/chị chưa chấm điểm đợt này. Gõ /chamdiem để bắt đầu.
ranking-published = Đã công bố bảng xếp hạng cho cả { word-bloc }.
btn-publish = 📢 Công bố xếp hạng
btn-reports = 📥 Tải báo cáo

## Reports
cmd-baocao = Tải báo cáo: bảng tổng hợp điểm, biểu đồ xếp hạng
report-ready = 📥 Báo cáo chấm điểm năm { $year } ({ $status ->
        [published] đã công bố
       *[draft] bản nháp, chưa công bố
    }):
report-table-caption = Bảng tổng hợp kết quả chấm điểm năm { $year }
report-chart-caption = Biểu đồ xếp hạng năm { $year }

## File links (Zalo)
file-link = 📎 { $name }: { $url }
file-link-expiry = Đường dẫn tải dùng được đến { $date }.
file-link-forged = Đường dẫn tải không hợp lệ. Hãy mở lại báo cáo trong bot để lấy đường dẫn mới.
file-link-expired = Đường dẫn tải đã hết hạn. Hãy mở lại báo cáo trong bot để lấy đường dẫn mới.

## Evidence
btn-note = 📝 Ghi chú minh chứng
evidence-saved = 📎 Đã lưu minh chứng ({ $kind ->
        [photo] ảnh
        [document] tệp
       *[note] ghi chú
    }) cho tiêu chí { $item }.
evidence-count = Đã có { $count } minh chứng. Gửi thêm ảnh hoặc tệp nếu cần.
evidence-ask-note = Gõ ghi chú minh chứng cho tiêu chí { $item } (ví dụ số, ngày văn bản; tối đa { $max } ký tự):
evidence-note-name = Ghi chú
error-evidence-too-large = Tệp minh chứng quá lớn (tối đa { $max_mb } MB). Anh/chị gửi tệp nhỏ hơn hoặc chụp ảnh trang chính.
error-evidence-type = Bot chỉ lưu minh chứng là ảnh, PDF, Word hoặc Excel; tệp «{ $name }» không thuộc các loại này.
error-attachment-outside = Để gửi minh chứng: gõ /chamdiem, mở tiêu chí cần minh chứng rồi gửi ảnh hoặc tệp.
error-evidence-note-invalid = Ghi chú minh chứng cần có nội dung và không quá { $max } ký tự.

## Criteria table upload
cmd-bangtieuchi = Thay bảng tiêu chí bằng tệp Excel ({ word-leader })
criteria-ask-file = Gửi tệp Excel (.xlsx) bảng tiêu chí năm { $year }: sheet Tieu_chi và Thang_diem như tệp mẫu (python main.py template). Gõ /menu để hủy.
criteria-not-xlsx = Bảng tiêu chí cần là tệp Excel .xlsx. Anh/chị gửi lại tệp, hoặc gõ /menu để hủy.
criteria-too-large = Tệp lớn quá { $max_mb } MB; bảng tiêu chí thường chỉ vài chục KB.
criteria-bad-file = Tệp chưa đúng mẫu bảng tiêu chí:
criteria-replaced = ✅ Đã thay bảng tiêu chí năm { $year }: { $items } tiêu chí, thang điểm { $scale }.

## Pledges
cmd-dangky = Đăng ký thi đua của đơn vị
cmd-kyket = Ký kết giao ước thi đua, tải giao ước
cmd-duyet = Duyệt đăng ký thi đua ({ word-leader }, { word-deputy })
cmd-chuyende = Chuyên đề thi đua của năm
award-co_thi_dua = Cờ thi đua của UBND { word-province }
award-bang_khen = Bằng khen của Chủ tịch UBND { word-province }
award-lao_dong_xuat_sac = Tập thể lao động xuất sắc
award-lao_dong_tien_tien = Tập thể lao động tiên tiến
award-short-co_thi_dua = Cờ thi đua
award-short-bang_khen = Bằng khen
award-short-lao_dong_xuat_sac = Lao động xuất sắc
award-short-lao_dong_tien_tien = Lao động tiên tiến
pledge-title = 📝 Đăng ký thi đua năm { $year } — { $unit } ({ $status ->
        [submitted] đã gửi
        [returned] bị trả lại
        [approved] đã duyệt
       *[draft] bản nháp
    })
pledge-titles-heading = Danh hiệu phấn đấu:
pledge-campaigns-heading = Chuyên đề thi đua tham gia:
pledge-commitments-heading = Chỉ tiêu, cam kết:
pledge-none-chosen = (chưa chọn)
pledge-no-campaigns = ({ word-leader } chưa đặt chuyên đề nào)
pledge-commitments-empty = (chưa có — bấm «✍️ Cam kết» để nhập)
pledge-deadline = Hạn đăng ký: { $date }.
pledge-edit-hint = Bấm danh hiệu, chuyên đề để chọn hoặc bỏ chọn; nhập cam kết rồi bấm «📤 Gửi đăng ký».
pledge-returned-note = ↩️ { word-leader } trả lại đăng ký: «{ $reason }». Anh/chị sửa rồi gửi lại.
pledge-submitted-note = Đã gửi lúc { $date }, đang chờ { word-leader } duyệt. Cần sửa thì bấm «↩️ Rút lại» trước { $deadline }.
pledge-submitted-late-note = Đã gửi lúc { $date }, đang chờ { word-leader } duyệt.
pledge-approved-note = ✅ { word-leader } đã duyệt. Bước tiếp theo: ký kết giao ước (/kyket).
pledge-signed-note = 🤝 Đơn vị đã ký kết giao ước lúc { $date }.
pledge-not-open-note = Đợt đăng ký mở từ { $opens } đến { $deadline }.
pledge-closed-note = Đợt đăng ký đã đóng lúc { $deadline }; liên hệ { word-leader } nếu cần đăng ký muộn.
btn-pledge = 📝 Đăng ký thi đua
btn-pledge-commitments = ✍️ Cam kết
btn-pledge-submit = 📤 Gửi đăng ký
btn-pledge-withdraw = ↩️ Rút lại
pledge-ask-commitments = ✍️ Gửi chỉ tiêu, cam kết năm nay của { $unit } trong một tin nhắn (tối đa { $max } ký tự). Nội dung mới thay cho nội dung cũ.
pledge-commitments-current = Nội dung hiện tại:
pledge-commitments-saved = ✅ Đã lưu cam kết.
pledge-submitted = 📤 Đã gửi đăng ký thi đua năm { $year } của { $unit }. { word-leader } sẽ xem và duyệt.
pledge-withdrawn = ↩️ Đã rút lại đăng ký về bản nháp. Sửa xong nhớ bấm «📤 Gửi đăng ký» trước hạn.
pledge-state = { $state ->
        [submitted] đã gửi
        [returned] trả lại
        [approved] đã duyệt
       *[none] chưa đăng ký
    }
pledge-state-signed = {" "}· đã ký kết
review-title = 📋 Đăng ký thi đua năm { $year } của các đơn vị
review-counts = { $total } đơn vị: { $submitted } chờ duyệt, { $approved } đã duyệt, { $returned } trả lại, { $missing } chưa đăng ký.
review-choose = Chọn đơn vị để xem, duyệt hoặc trả lại:
review-unit-title = Đăng ký thi đua năm { $year } — { $unit } ({ $state ->
        [submitted] đã gửi
        [returned] trả lại
        [approved] đã duyệt
       *[none] chưa đăng ký
    })
review-sent-at = Gửi lúc { $date }.
review-not-sent = Đơn vị chưa gửi đăng ký.
review-returned-with = Đã trả lại với lý do: «{ $reason }».
review-ask-reason = Lý do trả lại đăng ký của { $unit } (đơn vị sẽ thấy lý do này, sửa rồi gửi lại):
review-approved = ✅ Đã duyệt đăng ký thi đua của { $unit }.
review-returned = ↩️ Đã trả lại đăng ký của { $unit }: «{ $reason }».
btn-approve = ✅ Duyệt
btn-return = ↩️ Trả lại
btn-review = 📋 Duyệt đăng ký
btn-review-list = ◀ Danh sách đơn vị
btn-campaigns = 🎯 Chuyên đề
campaigns-title = 🎯 Chuyên đề thi đua năm { $year }
campaigns-none = Chưa có chuyên đề nào.
campaigns-hint = Các đơn vị chọn chuyên đề tham gia khi đăng ký thi đua (/dangky).
campaigns-hint-manage = Các đơn vị chọn chuyên đề khi đăng ký (/dangky). Chuyên đề đã có đơn vị gửi đăng ký thì không xóa được.
campaigns-ask-title = Gõ tên chuyên đề thi đua năm { $year } (ví dụ: Chuyển đổi số; tối đa { $max } ký tự):
btn-campaign-add = ➕ Thêm chuyên đề
btn-campaign-remove = 🗑 Xóa «{ $title }»
campaign-added = ✅ Đã thêm chuyên đề «{ $title }».
campaign-removed = 🗑 Đã xóa chuyên đề «{ $title }».
sign-title = 🤝 Ký kết giao ước thi đua năm { $year }
sign-ask = Đăng ký của { $unit } đã được duyệt. Bấm «🤝 Xác nhận ký kết» để đơn vị ký kết giao ước (chỉ làm một lần).
sign-done-at = { $unit } đã ký kết giao ước lúc { $date }.
sign-not-approved = Đăng ký thi đua của { $unit } { $state ->
        [submitted] đang chờ duyệt
        [returned] bị trả lại
       *[none] chưa gửi
    }; chỉ đăng ký đã được duyệt mới ký kết được. Gõ /dangky để xem.
sign-count = Đã ký kết: { $signed }/{ $total } đơn vị.
sign-done = ✅ { $unit } đã ký kết giao ước thi đua năm { $year }.
btn-sign = 🤝 Ký kết giao ước
btn-sign-confirm = 🤝 Xác nhận ký kết
btn-covenant = 📄 Giao ước
covenant-ready = 📄 Giao ước thi đua năm { $year }, số { $number }: khi lập có { $signed }/{ $total } đơn vị đã ký kết; đơn vị chưa ký được ghi «Chưa ký kết».
covenant-caption = Giao ước thi đua năm { $year }
task-pledge = Đăng ký thi đua năm { $year } (gõ /dangky)
task-pledge-returned = Sửa và gửi lại đăng ký thi đua năm { $year }: { word-leader } trả lại vì «{ $reason }»
task-review-pledges = Duyệt đăng ký thi đua của { $count } đơn vị: { $units }
task-sign-covenant = Ký kết giao ước thi đua năm { $year } (gõ /kyket)
error-pledge-window-not-open = Đợt đăng ký thi đua năm { $year } mở từ { $opens_at } đến { $closes_at }.
error-pledge-window-closed = Hạn đăng ký thi đua năm { $year } đã hết lúc { $closes_at }; liên hệ { word-leader } nếu cần đăng ký muộn.
error-pledge-not-editable = { $status ->
        [approved] Đăng ký đã được duyệt nên không sửa được nữa.
       *[submitted] Đăng ký đã gửi, đang chờ duyệt. Muốn sửa, bấm «↩️ Rút lại» trước hạn.
    }
error-pledge-not-submitted = { $status ->
        [approved] Đăng ký đã được duyệt nên không rút lại hay trả lại được nữa.
        [returned] Đăng ký này đã bị trả lại, đang chờ đơn vị sửa và gửi lại.
       *[draft] Đăng ký chưa được gửi. Gõ /dangky để xem.
    }
error-pledge-not-approved = { $status ->
        [submitted] Đăng ký của đơn vị đang chờ { word-leader } duyệt; duyệt xong mới ký kết được.
        [returned] Đăng ký của đơn vị bị trả lại; sửa, gửi lại và chờ duyệt rồi mới ký kết.
       *[draft] Đơn vị chưa gửi đăng ký thi đua; gõ /dangky để đăng ký trước.
    }
error-already-signed = Đơn vị đã ký kết giao ước lúc { $at }; mỗi đơn vị chỉ ký một lần.
error-title-required = Anh/chị chọn ít nhất một danh hiệu phấn đấu rồi gửi lại.
error-conflicting-titles = Chỉ chọn một trong hai: Tập thể lao động xuất sắc hoặc Tập thể lao động tiên tiến.
error-commitments-required = Còn thiếu chỉ tiêu, cam kết: bấm «✍️ Cam kết» để nhập rồi gửi lại.
error-commitments-too-long = Nội dung cam kết dài { $length } ký tự, quá mức { $max }; anh/chị rút gọn rồi gửi lại.
error-return-reason-required = Cần ghi lý do trả lại để đơn vị biết phải sửa gì.
error-campaign-title-required = Tên chuyên đề không được để trống; anh/chị gõ lại.
error-campaign-title-too-long = Tên chuyên đề dài { $length } ký tự, tối đa { $max }; anh/chị gõ ngắn hơn.
error-campaign-exists = Đã có chuyên đề «{ $title }»; anh/chị gõ tên khác hoặc /chuyende để xem danh sách.
error-campaign-in-use = Chuyên đề «{ $title }» đã có { $count } đơn vị chọn trong đăng ký đã gửi nên không xóa được.
error-covenant-not-ready = Giao ước thi đua năm { $year } chưa được lập. Giao ước được lập khi mọi đơn vị thành viên đã ký kết, hoặc khi Khối trưởng, Khối phó bấm «📜 Lập giao ước» trong /kyket sau khi đã có đơn vị ký.

## Ballots

cmd-binhxet = Bình xét, bỏ phiếu trong { word-bloc }
ballot-title-flag = BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND { word-province-upper } NĂM { $year }
ballot-title-merit = BÌNH XÉT ĐỀ NGHỊ BẰNG KHEN CỦA CHỦ TỊCH UBND { word-province-upper } NĂM { $year }
ballot-title-leader = BẦU { word-leader-upper } NĂM { $next }
ballot-title-deputy = BẦU { word-deputy-upper } NĂM { $next }
ballot-title-report = BIỂU QUYẾT: { $question }
ballot-title-question = BIỂU QUYẾT: { $question }
ballot-title-revote = { $title } (BỎ PHIẾU LẠI)
ballot-candidates = Ứng viên:
ballot-candidate-score = • { $name } — { $points } điểm
ballot-quota = Mỗi đơn vị đồng ý tối đa { $quota } ứng viên.
ballot-rule = { $secret ->
        [true] Bỏ phiếu kín
       *[false] Biểu quyết công khai
    } · mỗi đơn vị 1 phiếu · cần ≥ { $threshold } { $base }
ballot-base-all = tổng số { $members } đơn vị (≥ { $needed } phiếu đồng ý)
ballot-base-present = số đơn vị bỏ phiếu
ballot-closes = Đóng lúc { $at }.
ballot-closed-at = Đã đóng lúc { $at }.
ballot-count = Đã bỏ phiếu: { $voted }/{ $members } đơn vị
btn-ballot-yes = ✅ Đồng ý
btn-ballot-no = ❌ Không đồng ý
btn-ballot-open-paper = 🗳 Bỏ phiếu (nhận phiếu riêng)
btn-ballot-result = 📊 Xem kết quả
ballot-is-closed = Cuộc bỏ phiếu này đã đóng.
ballot-unit-voted-secret = ✅ Đơn vị anh/chị đã bỏ phiếu. Phiếu kín chỉ bỏ một lần; kết quả có sau khi đóng.
ballot-unit-voted-open = Đơn vị đã bỏ phiếu (mã biên nhận { $receipt }): đồng ý { $chosen }.
ballot-secret-once = 🔒 Phiếu kín: mỗi đơn vị bỏ một lần, gửi rồi không sửa được.
ballot-open-change = Biểu quyết công khai: có thể đổi phiếu đến khi đóng.
ballot-pick = Đánh dấu ứng viên đồng ý (đã chọn { $picked }/{ $quota }), rồi bấm «Gửi phiếu».
btn-ballot-send = 📨 Gửi phiếu ({ $picked } đồng ý)
press-already-handled = Đã ghi nhận thao tác này trước đó; gõ /viec hoặc /binhxet để xem lại.
ballot-confirm-approve = đồng ý { $names }
btn-ballot-confirm = ✅ Gửi phiếu
btn-ballot-change = ◀ Sửa lại
ballot-vote-recorded = Đã ghi nhận phiếu của { $unit }. Mã biên nhận: { $receipt }.
ballot-vote-changed = Đã cập nhật phiếu của { $unit }. Mã biên nhận vẫn là { $receipt }.
ballot-result-head = KẾT QUẢ { $title }: { $returned }/{ $issued } đơn vị bỏ phiếu.
ballot-result-row = { $name }: { $votes }/{ $base } phiếu đồng ý ({ $ratio }) { $passed ->
        [true] ≥ { $threshold } → ĐẠT
       *[false] < { $threshold } → không đạt
    }
ballot-motion-row = Đồng ý: { $votes }/{ $base } ({ $ratio }) { $passed ->
        [true] ≥ { $threshold } → ĐẠT
       *[false] < { $threshold } → không đạt
    }
ballot-receipts = Mã biên nhận đã được tính: { $receipts }
ballot-outcome-motion = { $carried ->
        [true] → Nội dung được THÔNG QUA.
       *[false] → Nội dung KHÔNG được thông qua.
    }
ballot-outcome-elected = { $kind ->
        [flag] → ĐỀ NGHỊ UBND { word-province } tặng Cờ thi đua: { $elected }.
        [merit] → ĐỀ NGHỊ Chủ tịch UBND { word-province } tặng Bằng khen: { $elected }.
       *[other] → Trúng cử: { $elected }.
    }{ $partial ->
        [true] {" "}Các suất còn lại không có ứng viên đạt ngưỡng.
       *[false] {""}
    }
ballot-outcome-tie = → Đạt: { $elected }. Bằng phiếu cho { $seats } suất còn lại: { $tied }. { word-leader } mở bỏ phiếu lại giữa các đơn vị này.
ballot-outcome-tie-final = → Đạt: { $elected }. Bỏ phiếu lại vẫn bằng phiếu giữa { $tied }: năm nay không đề nghị cho { $seats } suất còn lại.
ballot-outcome-none = → Không ứng viên nào đạt ngưỡng. { word-leader } có thể mở bỏ phiếu lại một lần.
ballot-outcome-none-final = { $kind ->
        [flag] → Bỏ phiếu lại vẫn không ai đạt ngưỡng: năm nay { word-bloc } không đề nghị Cờ thi đua.
        [merit] → Bỏ phiếu lại vẫn không ai đạt ngưỡng: năm nay { word-bloc } không đề nghị Bằng khen.
       *[other] → Bỏ phiếu lại vẫn không ai đạt ngưỡng: không có kết quả.
    }
task-blocked-officers = { $count } cán bộ đã chặn bot nên không nhận được nhắc việc, phiếu bầu: { $names }. Nhờ họ mở bot và gõ /menu.
task-score = { $cycle ->
        [midyear] Chấm điểm sơ kết 6 tháng năm { $year }: đã chấm { $done }/{ $total } tiêu chí, chưa nộp (gõ /chamdiem)
       *[annual] Chấm điểm thi đua năm { $year }: đã chấm { $done }/{ $total } tiêu chí, chưa nộp (gõ /chamdiem)
    }
task-attend = Xác nhận dự { $kind ->
        [signing] Hội nghị ký kết giao ước thi đua năm { $year }
        [midyear] Hội nghị sơ kết 6 tháng năm { $year }
       *[annual] Hội nghị tổng kết năm { $year }
    } (gõ /hoinghi)
btn-task-score = 📝 Tiếp tục chấm điểm
task-starts = khai mạc { $at }
task-vote = Bỏ phiếu bình xét cuộc số { $id } (gõ /binhxet)
task-closes = đóng lúc { $at }
btn-vote = 🗳 Bỏ phiếu
btn-ballot-documents = 📄 Biên bản, tờ trình, biểu đồ
btn-ballot-revote = 🔁 Bỏ phiếu lại
ballot-reminder = Đơn vị anh/chị chưa bỏ phiếu «{ $title }». Hạn chót { $at }.
btn-ballot-vote-now = 🗳 Bỏ phiếu ngay
ballot-busy-hint = Anh/chị đang làm dở một việc khác; khi xong, gõ /binhxet để bỏ phiếu.
ballot-paper-sent-private = Phiếu bầu đã gửi vào tin nhắn riêng với bot; anh/chị mở tin nhắn riêng để bỏ phiếu.
ballots-title = 🗳 Bình xét năm { $year }
ballots-none-open = Hiện không có cuộc bỏ phiếu nào đang mở.
ballots-open-row = { $mark } { $title } — đóng lúc { $at }, đã bỏ phiếu { $voted }/{ $members }
ballots-closed-row = 📊 { $title } — đã đóng
btn-ballot-paper = 🗳 Phiếu bầu số { $id }
btn-ballot-close = ⏹ Đóng cuộc số { $id }
btn-ballot-result-of = 📊 Kết quả cuộc số { $id }
btn-ballot-new = ➕ Mở cuộc bình xét mới
ballot-choose-kind = Chọn nội dung bình xét:
ballot-kind = { $kind ->
        [flag] 🚩 Đề nghị Cờ thi đua của UBND { word-province }
        [merit] 🎖 Đề nghị Bằng khen của Chủ tịch UBND { word-province }
        [leader] 👑 Bầu { word-leader } năm sau
        [deputy] 🤝 Bầu { word-deputy } năm sau
        [report] 📝 Thông qua dự thảo báo cáo
       *[question] ❓ Biểu quyết một nội dung khác
    }
ballot-setup-title = Chuẩn bị: { $title }
ballot-setup-no-candidates = (chưa có ứng viên: bảng xếp hạng cả năm chưa công bố; bấm «Ứng viên» để chọn)
ballot-setup-rule = { $secret ->
        [true] Bỏ phiếu kín
       *[false] Biểu quyết công khai
    }; ngưỡng ≥ { $threshold } { $base }
btn-setup-candidates = 👥 Ứng viên
btn-setup-quota = 🔢 Số được chọn
btn-setup-secret = { $secret ->
        [true] 🔒 Kín → công khai
       *[false] 🔓 Công khai → kín
    }
btn-setup-threshold = 📏 Ngưỡng
btn-setup-base = { $base ->
        [all_members] ⚖️ Tính trên: tổng số đơn vị
       *[present_members] ⚖️ Tính trên: đơn vị bỏ phiếu
    }
btn-setup-closing = ⏰ Giờ đóng
ballot-place = Địa điểm: { $place }
ballot-place-online = trực tuyến qua Thi Đua Bot
btn-setup-place = 📍 Địa điểm (ghi vào biên bản)
ballot-setup-ask-place = Gõ địa điểm bỏ phiếu để ghi vào biên bản (tối đa { $max } ký tự), ví dụ «Hội trường Sở Nông nghiệp và Phát triển nông thôn».
error-place-invalid = Địa điểm không được trống và tối đa { $max } ký tự; anh/chị gõ lại.
btn-setup-open = ✅ Mở bỏ phiếu
btn-setup-done = ✔️ Xong, quay lại
btn-setup-back = ◀ Quay lại
btn-cancel = ✖ Hủy
ballot-setup-pick-candidates = Bấm để chọn hoặc bỏ ứng viên, xong bấm «Xong».
ballot-setup-pick-quota = Mỗi đơn vị được đồng ý tối đa bao nhiêu trong { $count } ứng viên?
ballot-setup-pick-threshold = Ngưỡng phiếu đồng ý để được đề nghị:
ballot-setup-ask-closing = Gõ giờ đóng, ví dụ «10:30» (hôm nay), «16:00 30/11», «8h30 ngày 30/11» hoặc «2h», «45p» (tính từ bây giờ).
ballot-setup-ask-question = Gõ nội dung cần biểu quyết (tối đa { $max } ký tự).
ballot-confirm-close = Đóng «{ $title }» ngay? Đã có { $voted }/{ $members } đơn vị bỏ phiếu; đơn vị chưa bỏ phiếu sẽ không bỏ được nữa.
btn-ballot-close-now = ⏹ Đóng và kiểm phiếu
ballot-report-question = Thông qua dự thảo Báo cáo tổng kết công tác thi đua, khen thưởng năm { $year } của { word-bloc }
ballot-opened = 🗳 Đã mở bỏ phiếu; phiếu bầu đã gửi đến cán bộ các đơn vị (và nhóm Telegram của { word-bloc }, nếu đã liên kết).
ballot-setup-cancelled = Đã hủy, chưa có gì được mở.
ballot-documents = Biên bản kiểm phiếu, tờ trình và biểu đồ kết quả:
error-ballot-not-found = Cuộc bỏ phiếu này không còn hoặc không thuộc { word-bloc } của anh/chị. Gõ /binhxet để xem các cuộc đang mở.
error-ballot-closed = Cuộc bỏ phiếu đã đóng lúc { $closed_at }; phiếu gửi sau đó không được tính. Gõ /binhxet để xem kết quả.
error-ballot-still-open = Cuộc bỏ phiếu còn mở đến { $closes_at }; kết quả và biên bản có sau khi đóng.
error-already-voted = { $unit } đã bỏ phiếu rồi; phiếu kín mỗi đơn vị chỉ bỏ một lần.
error-over-quota = Chỉ được đồng ý tối đa { $quota } ứng viên; anh/chị bỏ bớt dấu chọn rồi gửi lại.
error-unknown-candidate = Ứng viên này không có trong cuộc bỏ phiếu. Gõ /binhxet để mở lại phiếu bầu.
error-no-candidates = Chưa có ứng viên hợp lệ (đơn vị thành viên của { word-bloc } năm nay); bấm «Ứng viên» để chọn.
error-quota-invalid = Số được chọn phải từ 1 đến { $max }.
error-threshold-invalid = Ngưỡng phải là một trong các mức 50%, 2/3, 70%, 80%, 90%.
error-closing-time-invalid = Giờ đóng phải sau bây giờ và trong vòng { $days } ngày; bấm «Giờ đóng» để đặt lại.
error-closing-time-unreadable = Không hiểu giờ «{ $text }». Gõ ví dụ «10:30», «16:00 30/11» hoặc «2h», và phải sau bây giờ.
error-revote-not-allowed = Chỉ bỏ phiếu lại một lần, khi vòng đầu bằng phiếu hoặc không ai đạt ngưỡng.
error-question-required = Nội dung biểu quyết không được trống và tối đa { $max } ký tự; anh/chị gõ lại.
