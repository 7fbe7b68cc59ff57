## Hostile files and odd input: what is refused, and the limit it passed

error-message-too-long = Tin nhắn dài { $length } ký tự, quá mức { $max } ký tự mà bot nhận; anh/chị gửi ngắn hơn hoặc chia làm nhiều tin.
cli-file-refused = Tệp { $path } bị từ chối, chưa nhập gì: { $reason }.
criteria-file-refused = Tệp không dùng được: { $reason }. Anh/chị sửa lại rồi gửi, hoặc gõ /menu để hủy.
import-unsafe-characters = «{ $field }» có ký tự điều khiển { $char } (thường do dán từ phần mềm khác); hãy gõ lại
refused-file-too-large = tệp lớn quá { $max_mb } MB
refused-yaml-too-deep = dòng { $line }: các mục lồng nhau quá { $max } cấp
refused-yaml-too-many-values = tệp có hơn { $max } giá trị khi mở hết các bí danh YAML (alias, dấu *); hãy viết thẳng giá trị thay cho bí danh
refused-yaml-alias-loop = dòng { $line }: bí danh *{ $anchor } nằm ngay trong giá trị mà nó gọi tới (vòng lặp)
refused-xlsx-too-many-parts = tệp .xlsx có quá nhiều thành phần (tối đa { $max })
refused-xlsx-unpacked-too-large = tệp .xlsx giải nén ra lớn quá { $max_mb } MB
refused-xlsx-packed-too-tight = phần { $part } của tệp .xlsx bị nén gấp { $ratio } lần (tối đa { $max }), dấu hiệu của một «bom nén»
refused-sheet-too-many-rows = sheet «{ $sheet }» có quá { $max } dòng (tính cả dòng trống phía trên ô cuối cùng có dữ liệu); hãy xoá các dòng thừa
refused-sheet-too-many-columns = sheet «{ $sheet }» có quá { $max } cột; hãy xoá các cột thừa
refused-too-deep = dữ liệu JSON lồng nhau quá { $max } cấp
refused-not-finite = dữ liệu JSON có số không hữu hạn ({ $value })
refused-xlsx-dtd = phần { $part } của tệp .xlsx có khai báo DTD/ENTITY, điều một tệp Excel không bao giờ có (dấu hiệu của một «bom XML»)
