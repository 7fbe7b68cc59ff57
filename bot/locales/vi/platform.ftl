## What the platforms do to the bot's chats

group-lost = ⚠️ Bot đã bị đưa ra khỏi nhóm «{ $title }», nên nhóm không còn liên kết với { $bloc }: thông báo và phiếu bầu của Khối sẽ không gửi vào nhóm đó nữa. Muốn dùng lại nhóm, anh/chị thêm bot vào nhóm rồi gõ /lienket trong nhóm.
bind-code-offer = Nếu anh/chị là quản trị viên nhóm và đang bật «Ẩn danh», lệnh gửi trong nhóm đứng tên nhóm nên bot không biết ai gửi. Khi đó hãy gõ trong nhóm dòng dưới đây (dùng một lần, hết hạn lúc { $until }):
error-bind-anonymous-needs-code = Anh/chị đang gửi với tư cách quản trị viên ẩn danh nên bot không biết ai muốn liên kết nhóm. Khối trưởng hoặc Khối phó nhắn riêng /lienket cho bot để nhận mã dùng một lần, rồi gõ trong nhóm: /lienket kèm mã đó (hoặc tắt «Ẩn danh» rồi gõ /lienket).
error-bind-code-invalid = Mã liên kết không đúng hoặc đã hết hạn. Khối trưởng hoặc Khối phó nhắn riêng /lienket cho bot để nhận mã mới.
error-bind-code-used = Mã liên kết này đã được dùng. Khối trưởng hoặc Khối phó nhắn riêng /lienket cho bot để nhận mã mới.
error-bind-code-not-admin = { $name } (người nhận mã này) không phải quản trị viên của nhóm này, nên bot chưa liên kết nhóm. Mã chỉ dùng được trong nhóm mà người nhận mã là quản trị viên.
