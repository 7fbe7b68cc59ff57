## Web pages: verification for the leader and deputy
web-btn-verify = 🔎 Mở trang thẩm định
web-open-verify = 🔎 Thẩm định bảng điểm
web-verify-page-title = Thẩm định bảng điểm
web-verify-state = { $state ->
        [missing] chưa nộp bảng điểm
        [verified] đã thẩm định
       *[open] chưa thẩm định
    }
web-verify-awaiting = ⏳ { $count } điều chỉnh chờ đơn vị trả lời
web-verify-explained = ✍️ { $count } giải trình của đơn vị
web-verify-points = { $cross ->
        [1] trung bình { $own }
       *[0] tự chấm { $own }
    } → { $final } điểm
web-verify-cycles = Đợt chấm điểm
web-verify-cycle = { $cycle ->
        [midyear] Xem đợt sơ kết 6 tháng
       *[annual] Xem đợt tổng kết năm
    }
web-verify-published = Bảng xếp hạng đợt này đã công bố; điểm không thay đổi được nữa.
web-verify-cross-heading = Phiếu chấm chéo
web-verify-cross-note = Điểm từng tiêu chí và điểm thưởng là trung bình các phiếu chấm chéo; người thẩm định chỉ xác định điểm trừ.
web-verify-max = tối đa { $max }
web-verify-own = { $cross ->
        [1] Trung bình các phiếu
       *[0] Đơn vị tự chấm
    }: { $value }/{ $max }
web-verify-penalty-own = { $each ->
        [1] { $cross ->
                [1] Hiện tại
               *[0] Đơn vị khai
            }: { $count } lần (trừ { $points } điểm mỗi lần)
       *[0] { $cross ->
                [1] Hiện tại
               *[0] Đơn vị khai
            }: { $count ->
                [0] không
               *[other] có
            } (trừ { $points } điểm)
    }
web-evidence-in-chat = (gửi trong trò chuyện: xem bằng nút «📎 Xem minh chứng» trong /thamdinh)
web-evidence-unreachable = Trang web không lấy được tệp này từ nơi đơn vị đã gửi. Anh/chị xem bằng nút «📎 Xem minh chứng» trong /thamdinh.
web-verify-change-btn = ✏️ Điều chỉnh
web-verify-once-label = Đơn vị có bị trừ { $points } điểm không?
web-verify-count-label = Số lần bị trừ sau thẩm định (0 nếu không có)
web-verify-value-label = Điểm thẩm định (tối đa { $max })
web-verify-reason-label = Lý do điều chỉnh — bắt buộc, đơn vị sẽ đọc (tối đa { $max } ký tự)
web-verify-save = Lưu điều chỉnh
web-verify-stale = Bảng điểm này đã thay đổi từ khi anh/chị mở trang (đơn vị được mở lại hoặc đã nộp lại, hoặc có phiếu chấm chéo mới). Chưa lưu gì; anh/chị xem lại bảng điểm bên dưới rồi làm lại.
web-verify-changed = ✅ Đã điều chỉnh { $item } của { $unit } thành { $new }. Điểm sau thẩm định: { $final }. Đơn vị được báo để đồng ý hoặc giải trình.
