## Web pages: the chat's buttons and links to them
web-btn-sheet = 📝 Mở phiếu chấm điểm
web-btn-ballot = 🗳 Mở phiếu bầu trên trang web
web-btn-pledge = 📝 Mở đăng ký thi đua trên trang web

## Web pages: signing in
web-app-name = Thi Đua Bot
web-tg-refused = Telegram không xác nhận được tài khoản của anh/chị. Anh/chị đóng trang rồi mở lại bằng nút trong trò chuyện với bot.
web-signing-in = Đang đăng nhập bằng tài khoản Telegram…
web-link-continue-text = Mở trang của anh/chị trên Thi Đua Bot.
web-link-continue = Tiếp tục
web-link-unknown = Đường dẫn này không đúng. Anh/chị mở lại trang từ tin nhắn của bot (gõ /chamdiem, /binhxet hoặc /dangky để nhận đường dẫn mới).
web-link-used = Đường dẫn này đã được dùng một lần nên không mở lại được. Gõ { $how } trong trò chuyện với bot để nhận đường dẫn mới (dùng trong 15 phút).
web-link-expired = Đường dẫn này đã hết hạn (chỉ dùng trong 15 phút). Gõ { $how } trong trò chuyện với bot để nhận đường dẫn mới.
web-too-many-sign-ins = Có quá nhiều lần đăng nhập từ máy này. Anh/chị chờ một phút rồi thử lại.
web-signed-out = Phiên làm việc đã hết hoặc chưa đăng nhập. Anh/chị mở lại trang từ tin nhắn của bot (gõ /chamdiem, /binhxet hoặc /dangky).
web-csrf = Trang này đã cũ nên chưa lưu được. Anh/chị tải lại trang rồi làm lại.
web-not-found = Không tìm thấy trang này, hoặc anh/chị không có quyền xem.
web-board = Ban Thi đua – Khen thưởng
web-year = năm { $year }
web-home-title = Việc trên trang web
web-open-sheet = 📝 Phiếu chấm điểm
web-open-ballots = 🗳 Bỏ phiếu
web-open-pledge = 📝 Đăng ký thi đua

## Web pages: the score sheet
web-sheet-title = Chấm điểm năm { $year }
web-sheet-heading = Chấm điểm { $cycle ->
        [midyear] sơ kết 6 tháng
       *[annual] năm
    } { $year } — { $unit }
web-cross-title = Chấm chéo: chọn đơn vị
web-deadline = Hạn { $date } (còn { $days } ngày). Mỗi ô tự lưu khi anh/chị rời ô.
web-submitted-at = Đã nộp lúc { $date }; bảng điểm chỉ còn để xem.
web-window-closed = Đợt chấm điểm đã đóng; bảng điểm chỉ còn để xem.
web-submitted = ✅ Đã nộp bảng điểm: { $total } điểm.
web-running-total = Tạm tính
web-scored = { $done }/{ $count } tiêu chí
web-final-after = Sau thẩm định: { $final } điểm (tự chấm { $own }).
web-bonus = Điểm thưởng
web-penalties = Điểm trừ
web-bonus-cap = Tổng điểm thưởng được tính tối đa { $cap } điểm.
web-deduct = trừ { $points } điểm
web-deduct-each = trừ { $points } điểm mỗi lần
web-times = lần
web-yes = Có
web-no = Không
web-save = Lưu
web-saved = đã lưu
web-attached = đã đính kèm
web-verified-change = Thẩm định: { $old } → { $new } — «{ $reason }»
web-remove = Gỡ
web-photo = 📷 Chụp ảnh
web-file = 📎 Tệp
web-note = 📝 Ghi chú
web-note-save = Lưu ghi chú
web-attach = Đính kèm
web-nothing-attached = Chưa chọn tệp hay viết ghi chú nào để đính kèm.
web-submit = Nộp bảng điểm ({ $total } điểm)
web-submit-ask = Nộp bảng điểm với tổng { $total } điểm? { $missing ->
        [0] Đã chấm đủ các tiêu chí.
       *[other] Còn { $missing } tiêu chí chưa chấm.
    } Nộp rồi thì không sửa được nữa.
web-submit-confirm = Nộp bảng điểm
web-back = Xem lại
web-limits = Minh chứng: ảnh JPEG/PNG, PDF, Word hoặc Excel, tối đa 20 MB mỗi tệp.
web-changed-meanwhile = { $by } vừa sửa thành { $value } (lúc { $at }); điểm của anh/chị chưa được lưu.
web-a-colleague = Đồng nghiệp
web-keep-mine = Giữ của tôi
web-take-theirs = Lấy của đồng nghiệp
web-changed-by = { $by } vừa sửa thành { $value } (lúc { $at })

## Web pages: the ballot paper
web-ballots-title = Các cuộc bỏ phiếu đang mở
web-no-ballots = Hiện không có cuộc bỏ phiếu nào đang mở.
web-ballot-closes = Đóng lúc { $at }
web-ballot-voted = đơn vị đã bỏ phiếu
web-ballot-quota = chọn tối đa { $quota }
web-ballot-count = Đã bỏ phiếu: { $voted }/{ $members } đơn vị
web-ballot-receipt = Đã ghi nhận phiếu. Mã biên nhận: { $code }
web-ballot-secret-ask = Phiếu kín gửi rồi không sửa được. Gửi phiếu?
web-ballot-choose = Đánh dấu các đơn vị anh/chị đồng ý (tối đa { $quota }):
web-ballot-motion = Ý kiến của đơn vị:
web-ballot-agree = Đồng ý (bỏ trống là không đồng ý)
web-ballot-rank = hạng { $rank } · { $points } điểm
web-ballot-send = Gửi phiếu

## Web pages: the pledge
web-pledge-title = Đăng ký thi đua năm { $year }
web-pledge-status = { $status ->
        [submitted] đã gửi, chờ duyệt
        [returned] bị trả lại
        [approved] đã duyệt
       *[draft] bản nháp
    }
web-pledge-signed = đã ký kết lúc { $date }
web-pledge-done = { $what ->
        [submitted] 📤 Đã gửi đăng ký; Khối trưởng sẽ xem và duyệt.
        [withdrawn] ↩️ Đã rút lại về bản nháp; sửa xong nhớ gửi lại trước hạn.
        [signed] 🤝 Đã ký kết giao ước.
       *[saved] ✅ Đã lưu.
    }
web-pledge-sent = Đã gửi lúc { $date }, đang chờ Khối trưởng duyệt.
web-pledge-submit = 📤 Gửi đăng ký (hạn { $deadline })
web-pledge-sign = 🤝 Ký kết giao ước
web-covenant-status = Đã ký kết: { $signed }/{ $total } đơn vị.
web-covenant-download = ⬇️ Tải giao ước thi đua (.docx)
