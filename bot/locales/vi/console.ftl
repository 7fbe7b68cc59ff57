## The console: acting as one person at a time
console-personas = Chọn đơn vị để đóng vai cán bộ thi đua (gõ số):
console-persona = { $unit } — { $role ->
        [leader] { word-leader }
        [deputy] { word-deputy }
       *[officer] thành viên
    }
console-persona-in-bloc = { $unit } — { $role ->
        [leader] { word-leader }
        [deputy] { word-deputy }
       *[officer] thành viên
    } · { $bloc }
console-persona-waiting = { " " }(📨 { $count } tin nhắn chờ)
console-acting-as = 👤 Bây giờ anh/chị đóng vai cán bộ thi đua của { $label }.
console-nothing-waiting = Không có tin nhắn nào đang chờ. Gõ /viec để xem việc cần làm.
console-no-personas = Chưa có khối nào để đóng vai. Nhập khối trước: python main.py import samples/khoi7-travinh-2022.yaml
console-mail-for = 📨 Có tin nhắn mới cho { $whom } — gõ /vai để đổi vai và đọc.
cli-stopped = Đã dừng Thi Đua Bot.
cli-date-refused = --date chỉ dùng để thử trên console, không dùng khi có TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN hoặc WEBHOOK_URL: người thật sẽ nhận nhắc việc sai ngày.
cli-date-bad = ngày «{ $value }» không đúng; ghi theo dạng 2022-11-20 hoặc 20/11/2022
cli-date-now = 🕰 Đồng hồ của bot bắt đầu từ { $date } và chạy theo thời gian thực.
