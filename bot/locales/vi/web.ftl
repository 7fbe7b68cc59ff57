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

## Web pages: the bloc's year (leader, deputy)
web-btn-year = 📊 Mở trang cả năm của { word-bloc-lower }
web-open-year = 📊 Cả năm của { word-bloc-lower }
web-year-refused = Trang này dành cho { word-leader } và { word-deputy }. Anh/chị gõ /viec để xem việc của đơn vị mình.
web-time-unreadable = Chưa đọc được ngày giờ. Anh/chị chọn ngày và giờ trong ô (ví dụ 30/11/2022 16:00) rồi gửi lại.
web-year-title = Năm thi đua { $year }
web-stage = { $stage ->
        [before] Chưa đến đợt nào
        [pledges] Đang đăng ký thi đua
        [midyear] Đang chấm điểm sơ kết 6 tháng
        [midyear-review] Thẩm định, công bố kết quả sơ kết
        [between] Giữa các đợt
        [annual] Đang chấm điểm cả năm
        [annual-review] Thẩm định, công bố kết quả cả năm
       *[published] Đã công bố xếp hạng cả năm: bình xét, đề nghị khen thưởng
    }
web-year-done = { $what ->
        [ballot] 🗳 Đã mở bỏ phiếu; phiếu bầu đã gửi đến cán bộ các đơn vị.
       *[conference] 📨 Đã gửi giấy mời hội nghị đến các đơn vị.
    }
web-deadlines = Thời hạn
web-window = { $kind ->
        [pledge] Đăng ký thi đua
        [midyear] Chấm điểm sơ kết 6 tháng
       *[annual] Chấm điểm cả năm
    }
web-units-progress = Tiến độ { $count } đơn vị
web-progress-sum = Đăng ký đã duyệt { $approved }/{ $total } · { $cycle ->
        [midyear] sơ kết
       *[annual] cả năm
    }: đã nộp { $submitted }/{ $total }, đã thẩm định { $verified }/{ $ready }.
web-role = { $role ->
        [leader] { word-leader }
       *[deputy] { word-deputy }
    }
web-col-joined = Cán bộ
web-joined = { $count ->
        [0] chưa ai tham gia bot
       *[other] { $count } người đã tham gia
    }
web-col-pledge = Đăng ký
web-pledge-state = { $state ->
        [submitted] đã gửi, chờ duyệt
        [returned] bị trả lại, chờ sửa
        [approved] đã duyệt
       *[none] chưa gửi
    }
web-signed = đã ký giao ước
web-col-sheet = { $cycle ->
        [midyear] Chấm sơ kết
       *[annual] Chấm cả năm
    }
web-sheet-state = { $state ->
        [submitted] đã nộp
        [not-open] chưa đến đợt chấm
        [draft] mới chấm { $done }/{ $total } tiêu chí, chưa nộp
        [cross] đã nộp { $done }/{ $total } bảng chấm chéo
       *[none] chưa chấm tiêu chí nào
    }
web-col-verify = Thẩm định
web-year-verify-state = { $verified ->
        [true] đã thẩm định
       *[false] chờ thẩm định
    }{ $changes ->
        [0] {""}
       *[other] {""} · { $changes } mục thay đổi
    }{ $waiting ->
        [0] {""}
       *[other] {""} · { $waiting } mục chờ đơn vị trả lời
    }{ $explained ->
        [0] {""}
       *[other] {""} · { $explained } giải trình
    }
web-col-vote = Bỏ phiếu
web-voted = { $voted ->
        [true] ✅ đã bỏ phiếu
       *[false] ⏳ chưa bỏ phiếu
    }
web-ballot-short = { $kind ->
        [flag] Cờ thi đua
        [merit] Bằng khen
        [leader] { word-leader } năm sau
        [deputy] { word-deputy } năm sau
        [report] Báo cáo
       *[question] Biểu quyết
    }
web-conference-short = { $kind ->
        [signing] ký kết giao ước
        [midyear] sơ kết
       *[annual] tổng kết
    }
web-col-answer = Hội nghị
web-rsvp = { $answered ->
        [true] { $people ->
            [0] ✅ báo không dự
           *[other] ✅ { $people } người dự
        }
       *[false] ⏳ chưa trả lời
    }
web-documents = Văn bản tải về
web-doc-table = ⬇️ Bảng tổng hợp điểm { $cycle ->
        [midyear] sơ kết
       *[annual] cả năm
    } { $year } (.xlsx){ $published ->
        [true] {""}
       *[false] {""} — bản nháp
    }
web-doc-chart = ⬇️ Biểu đồ xếp hạng { $cycle ->
        [midyear] sơ kết
       *[annual] cả năm
    } { $year } (.png)
web-doc-minutes = ⬇️ Biên bản kiểm phiếu
web-doc-proposal = ⬇️ Tờ trình đề nghị khen thưởng
web-doc-ballot-chart = ⬇️ Biểu đồ kết quả bỏ phiếu
web-doc-ics = 📅 Lịch hội nghị (.ics)
web-doc-board-file = ⬇️ Hồ sơ gửi Ban Thi đua – Khen thưởng năm { $year } (.docx)
web-no-documents = Chưa có văn bản nào: giao ước, bảng điểm, biên bản sẽ có ở đây khi được lập.
web-new-ballot = Thiết lập bỏ phiếu
web-ballot-kind = Nội dung bỏ phiếu
web-ballot-prepare = Chuẩn bị bỏ phiếu
web-new-conference = Lên lịch hội nghị
web-conference-kind = Hội nghị
web-conference-prepare = Chuẩn bị giấy mời
web-ballot-defaults = Đã điền sẵn theo quy chế của { word-bloc-lower } và bảng xếp hạng đã công bố; anh/chị sửa nếu cần rồi bấm «Mở bỏ phiếu».
web-ballot-question = Nội dung cần biểu quyết
web-ballot-candidates = Ứng viên
web-points = { $points } điểm
web-ballot-quota-label = Mỗi đơn vị được đồng ý tối đa
web-ballot-secret = Bỏ phiếu kín
web-ballot-threshold = Ngưỡng phiếu đồng ý để được đề nghị
web-ballot-base = Tỷ lệ tính trên
web-base = { $base ->
        [all_members] tổng số { $members } đơn vị thành viên
       *[present_members] số đơn vị bỏ phiếu
    }
web-ballot-closes-label = Giờ đóng bỏ phiếu
web-ballot-place-label = Địa điểm (ghi vào biên bản; để trống là trực tuyến)
web-back-year = Quay lại
web-conference-defaults = Ngày giờ do bot đề xuất theo lịch của { word-bloc-lower }, đơn vị { word-leader } đăng cai; anh/chị sửa nếu cần rồi bấm «Gửi giấy mời».
web-conference-time = Thời gian bắt đầu
web-conference-host = Đơn vị đăng cai
web-conference-place = Địa điểm (để trống: hội trường đơn vị đăng cai)
web-conference-agenda = Nội dung (để trống: nội dung thường lệ)
web-conference-attendees = Thành phần mời dự

## Web pages: the provincial board
web-btn-board = 🏛 Mở trang theo dõi các khối, cụm thi đua
web-open-board = 🏛 Các khối, cụm thi đua
web-board-refused = Trang này dành cho tài khoản của Ban Thi đua – Khen thưởng. Anh/chị gõ /menu để xem các việc của mình.
web-board-title = Các khối, cụm thi đua của tỉnh
web-board-intro = { $blocs } khối, cụm; { $proposals } tờ trình đề nghị khen thưởng.
web-board-xlsx = ⬇️ Danh sách đề nghị khen thưởng của các khối, cụm (.xlsx)
web-board-lagging = { $window }: { $count ->
        [0] không đơn vị nào chậm
       *[other] { $count }/{ $total } đơn vị còn chậm
    }
web-board-none-lagging = Các đơn vị đều đã hoàn thành.
web-board-ranking = Xếp hạng { $cycle ->
        [midyear] sơ kết 6 tháng
       *[annual] cả năm
    } { $year } (đã công bố)
web-board-no-ranking = Chưa công bố xếp hạng.
web-board-documents = Tờ trình và biên bản
web-board-no-documents = Chưa có cuộc bỏ phiếu nào kết thúc.
