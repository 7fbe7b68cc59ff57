## The bloc's register of numbered documents (/sovanban) and the documents' own messages

cmd-sovanban = Sổ văn bản: số của biên bản, tờ trình, giao ước ({ word-leader })
register-title = 📑 Sổ văn bản năm { $year } của { $bloc }
register-empty = Chưa cấp số văn bản nào trong năm.
register-count = Đã cấp { $count } số:
register-entry = • { $number } — { $kind ->
        [minutes] Biên bản
        [proposal] Tờ trình
       *[covenant] Giao ước thi đua
    }, ngày { $date }{ $edition ->
        [1] {""}
       *[other] {" "}(bản thay thế lần { $edition })
    }
register-next = Văn bản tiếp theo lấy số: { $number }
register-hint = Biên bản, tờ trình nhận số khi kết thúc bỏ phiếu; giao ước nhận số khi lập. Nếu Khối đã cấp số bằng tay trước đó, anh/chị đặt số tiếp theo cho khớp sổ văn bản.
btn-register-set = ✏️ Đặt số tiếp theo
register-ask = Anh/chị gõ số mà văn bản tiếp theo của năm { $year } sẽ nhận, lớn hơn số đã cấp gần nhất ({ $last }), ví dụ 15.
register-set = ✅ Đã đặt: văn bản tiếp theo của năm { $year } nhận số { $number }.
error-document-number-invalid = «{ $text }» không dùng được: số tiếp theo là số nguyên lớn hơn số đã cấp gần nhất ({ $last }) và không quá { $max }, để hai văn bản không trùng số. Anh/chị gõ lại.
error-officials-unreadable = Bot chưa hiểu dòng «{ $line }». Mỗi dòng bắt đầu bằng «Chủ trì:», «Thư ký:» hoặc «Kiểm phiếu:», ví dụ: Chủ trì: Nguyễn Văn An, Giám đốc Sở Nông nghiệp và PTNT
error-board-file-not-ready = Hồ sơ gửi Ban Thi đua - Khen thưởng năm { $year } cần tờ trình (cuộc bình xét Cờ thi đua hoặc Bằng khen đã kết thúc và có đơn vị được đề nghị) và bảng điểm cả năm đã công bố. Anh/chị hoàn tất các bước đó rồi lấy hồ sơ.

## The covenant: issued when every unit has signed, or by the leader

covenant-attached = Giao ước thi đua số { $number } gửi kèm.
covenant-waiting = Giao ước được lập khi mọi đơn vị thành viên đã ký kết (hoặc khi Khối trưởng lập sớm hơn).
covenant-issue-hint = Khi mọi đơn vị đã ký, giao ước được lập tự động. Khối trưởng, Khối phó có thể lập ngay với các đơn vị đã ký; lập lại sau khi có thêm đơn vị ký sẽ thay thế bản trước (mỗi lần lập nhận một số văn bản mới).
btn-covenant-issue = 📜 Lập giao ước ({ $signed }/{ $total } đã ký)

## Who the minutes of a vote name, and the file for the provincial board

officials-chair = 👤 Chủ trì: { $person }
officials-secretary = ✍️ Thư ký: { $person }
officials-tellers = 🧮 Ban kiểm phiếu: { $people }
officials-blank = (để trống, ghi tay khi ký)
officials-now = Hiện tại:
officials-ask = Anh/chị gõ người chủ trì, thư ký và Ban kiểm phiếu để ghi vào biên bản, mỗi vai một dòng (dòng nào không gõ thì giữ như cũ; người đầu tiên của Ban kiểm phiếu là Trưởng ban), ví dụ:
    Chủ trì: Nguyễn Văn An, Giám đốc Sở Nông nghiệp và PTNT
    Thư ký: Trần Thị Bình, chuyên viên Văn phòng Sở
    Kiểm phiếu: Lê Văn Cường; Phạm Thị Dung; Võ Văn Em
officials-saved = ✅ Đã ghi người chủ trì, thư ký và Ban kiểm phiếu vào biên bản.
btn-officials = 👥 Chủ trì, thư ký, kiểm phiếu
btn-board-file = 📚 Hồ sơ gửi Ban TĐKT
board-file-ready = 📚 Hồ sơ gửi Ban Thi đua - Khen thưởng năm { $year }: { $proposals } tờ trình, { $minutes } biên bản, bảng tổng hợp điểm{ $covenant ->
        [true] {" "}và giao ước thi đua
       *[other] {""}
    }, in liền theo thứ tự.
board-file-caption = Hồ sơ gửi Ban Thi đua - Khen thưởng năm { $year }
