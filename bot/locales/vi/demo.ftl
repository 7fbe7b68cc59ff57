## python main.py demo: the narration of the sample bloc's year (what the officers type and the
## bot's answers are not here: they stay in the officers' language)

demo-stopped = ❌ Bản chạy thử dừng lại: { $error }
demo-done = ✅ Xong một năm của { word-bloc-lower } trong { $seconds } giây.
demo-files = Các văn bản ở thư mục { $folder }:
demo-try = Tự tay thử năm này trên console: { $command } (đang chấm điểm).

## The documents the year writes, by the start of their file names
demo-kind-giao-uoc = giao ước thi đua (ký kết)
demo-kind-bang-tong-hop-diem = bảng tổng hợp điểm
demo-kind-xep-hang = biểu đồ xếp hạng
demo-kind-hoi-nghi = lịch hội nghị cho điện thoại
demo-kind-bien-ban = biên bản kiểm phiếu
demo-kind-to-trinh = tờ trình đề nghị khen thưởng
demo-kind-ket-qua = biểu đồ kết quả bỏ phiếu
demo-kind-ho-so-gui-ban-tdkt = hồ sơ gửi Ban Thi đua - Khen thưởng

## The stage: who read a message, the scheduler, what stops the story
demo-scheduler = { $moment } — ⏱ bộ lập lịch:
demo-readers-two = { $first } và { $last }
demo-readers-more = { $names } và { $count } đơn vị khác
demo-pressed = (bấm nút)
demo-error-no-reply = { $who }: «{ $said }» không được trả lời
demo-error-refused = { $who }: «{ $said }» bị từ chối: { $reply }
demo-error-accepted = { $who }: «{ $said }» được nhận, trái với dự kiến: { $reply }
demo-error-no-button = { $unit }: không có nút «{ $label }» (có: { $labels })

## The year up to the published ranking
demo-import = Ban Thi đua - Khen thưởng { word-province } nhập { word-bloc-lower } từ { $file }:
demo-invites = Mỗi đơn vị nhận mã mời ({ $command }); cán bộ thi đua vào { word-bloc-lower }:
demo-group = nhóm { $bloc }
demo-link-group = { word-leader-title } thêm bot vào nhóm { $platform } của { word-bloc-lower } và liên kết nhóm:
demo-in-group = { $unit } (trong nhóm)
demo-campaign = { word-leader-title } đặt chuyên đề thi đua của năm:
demo-pledges = Các đơn vị đăng ký thi đua (/dangky): danh hiệu, chuyên đề, cam kết, gửi:
demo-did-pledge = /dangky → { $title }, chuyên đề, cam kết, gửi
demo-reminded-pledges = { $unit } nhận lời nhắc, đăng ký ngay:
demo-approvals = { word-leader-title } duyệt đăng ký (/duyet):
demo-did-approve = duyệt { $unit }
demo-signing-scheduled = { word-leader-title } lên lịch hội nghị ký kết giao ước (/hoinghi):
demo-signing = Tại hội nghị, từng đơn vị xác nhận ký kết giao ước (/kyket):
demo-did-schedule = «{ $kind }», { $when }, gửi giấy mời
demo-did-attend = đăng ký dự { $count } người
demo-midyear-scores = Các đơn vị tự chấm 6 tháng (/chamdiem), nhập { $count } tiêu chí rồi nộp:
demo-did-score-some = /chamdiem → nhập { $done }/{ $count } tiêu chí, để đó
demo-did-score-criteria = /chamdiem → { $count } tiêu chí, nộp
demo-did-score-criteria-rest = /chamdiem → { $count } tiêu chí còn lại, nộp
demo-did-score-items = /chamdiem → { $count } mục, nộp
demo-did-score-items-rest = /chamdiem → { $count } mục còn lại, nộp
demo-late-scores = { $unit } chấm nốt và nộp:
demo-midyear-published = { word-leader-title } công bố kết quả sơ kết và lên lịch hội nghị sơ kết:
demo-annual-scores = Các đơn vị nhập bảng tự chấm cả năm từ bảng tính của mình ({ $count } mục) và nộp:
demo-slip = { $unit }: gõ nhầm «{ $value }» cho tiêu chí { $item } → «{ $reply }»
demo-verification = { word-leader-title } thẩm định (/thamdinh) bảng điểm của { $unit }:
demo-did-verify = tiêu chí { $item }: { $before } → { $after } điểm, lý do «{ $reason }»
demo-annual-published = Đợt chấm đã đóng; { word-leader-title } công bố xếp hạng cả năm (/xephang):
demo-annual-scheduled = { word-leader-title } lên lịch hội nghị tổng kết:

## The year-end conference's ballots and the handover
demo-flag-ballot = Hội nghị tổng kết: bình xét đề nghị Cờ thi đua (phiếu kín, ngưỡng { $threshold }%):
demo-reminded-vote = { $unit } nhận lời nhắc và bỏ phiếu; đến giờ, bộ lập lịch đóng cuộc bỏ phiếu:
demo-flag-documents = { word-leader-title } xem kết quả, lấy biên bản, tờ trình, biểu đồ:
demo-merit-ballot = Bình xét đề nghị Bằng khen ({ $places } suất, ngưỡng { $threshold }%):
demo-error-no-tie = bỏ phiếu Bằng khen không bằng phiếu như dự kiến:
    { $result }
demo-board-file = { word-leader-title } lấy hồ sơ gửi Ban TĐKT: tờ trình, biên bản, bảng điểm, giao ước:
demo-did-vote = phiếu số { $ballot }: { $choice }
demo-vote-yes = đồng ý
demo-vote-no = không đồng ý
demo-did-close = đóng cuộc số { $ballot }, kiểm phiếu
demo-did-documents = «{ $button }» cuộc số { $ballot }
demo-handover = { word-leader-title } bàn giao cho năm { $year } (/bangiao):
