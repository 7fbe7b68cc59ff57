## Backup and restore (export-data, import-data)

backup-exported = Đã xuất { $rows } dòng dữ liệu ({ $tables } bảng) vào { $file }.
backup-exported-bloc = Đã xuất khối { $bloc }: { $rows } dòng dữ liệu ({ $tables } bảng) vào { $file }.
backup-imported = Đã nhập { $rows } dòng dữ liệu ({ $tables } bảng) từ { $file }.
backup-replaced = Đã xoá { $rows } dòng dữ liệu cũ trước khi nhập (--replace).
backup-table-count = { $table }: { $count } dòng
backup-export-failed = Chưa xuất được dữ liệu, không ghi tệp nào: { $reason }
backup-import-failed = Chưa nhập được dữ liệu, cơ sở dữ liệu không thay đổi: { $reason }
backup-error-file-not-found = không tìm thấy tệp { $path }
backup-error-unreadable = không đọc được tệp { $path } ({ $reason })
backup-error-unwritable = không ghi được tệp { $path } ({ $reason })
backup-error-not-a-backup = tệp không phải bản sao dữ liệu của bot này
backup-error-format-version = tệp theo định dạng phiên bản { $version }, bản cài đặt này chỉ đọc phiên bản { $ours }
backup-error-file-revision = tệp được xuất từ cơ sở dữ liệu phiên bản { $revision }, bản cài đặt này ở phiên bản { $head }; hãy xuất lại bằng cùng phiên bản (python main.py migrate ở máy nguồn rồi export-data)
backup-error-source-revision = cơ sở dữ liệu ở phiên bản { $revision }, bản cài đặt này ở phiên bản { $head }; chạy python main.py migrate trước
backup-error-target-not-migrated = cơ sở dữ liệu đích chưa có bảng nào; chạy python main.py migrate trước
backup-error-target-revision = cơ sở dữ liệu đích ở phiên bản { $revision }, cần đúng phiên bản { $head } của bản cài đặt này (python main.py migrate)
backup-error-target-not-empty = cơ sở dữ liệu đích đã có dữ liệu ({ $tables }); thêm --replace để xoá hết rồi thay bằng dữ liệu trong tệp
backup-error-unknown-table = tệp có bảng lạ { $table }
backup-error-bad-row = bảng { $table }, dòng { $row }: { $reason }
backup-error-count-mismatch = bảng { $table } có { $found } dòng nhưng phần đầu tệp ghi { $expected } (tệp bị cắt cụt?)
backup-error-insert-failed = cơ sở dữ liệu từ chối bảng { $table }: { $reason }
backup-error-bloc-not-found = không có khối { $bloc }
