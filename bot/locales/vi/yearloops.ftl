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
