## The bloc's own words (bot/wording.py sets $bloc_kind and $province_kind)
word-leader = { $bloc_kind ->
        [cum] Cụm trưởng
       *[khoi] Khối trưởng
    }
word-deputy = { $bloc_kind ->
        [cum] Cụm phó
       *[khoi] Khối phó
    }
word-bloc = { $bloc_kind ->
        [cum] Cụm
       *[khoi] Khối
    }
word-bloc-lower = { $bloc_kind ->
        [cum] cụm
       *[khoi] khối
    }
word-leader-title = { $bloc_kind ->
        [cum] Cụm trưởng
       *[khoi] Khối trưởng
    }
word-leader-upper = { $bloc_kind ->
        [cum] CỤM TRƯỞNG
       *[khoi] KHỐI TRƯỞNG
    }
word-deputy-upper = { $bloc_kind ->
        [cum] CỤM PHÓ
       *[khoi] KHỐI PHÓ
    }
word-leader-code = { $bloc_kind ->
        [cum] MÃ_CỤM_TRƯỞNG
       *[khoi] MÃ_KHỐI_TRƯỞNG
    }
word-deputy-code = { $bloc_kind ->
        [cum] MÃ_CỤM_PHÓ
       *[khoi] MÃ_KHỐI_PHÓ
    }
word-province = { $province_kind ->
        [city] thành phố
       *[province] tỉnh
    }
word-province-title = { $province_kind ->
        [city] Thành phố
       *[province] Tỉnh
    }
word-province-upper = { $province_kind ->
        [city] THÀNH PHỐ
       *[province] TỈNH
    }

## The main menu's buttons, one per feature
menu-btn-viec = 📋 Việc cần làm
menu-btn-khoi = 🏢 { word-bloc } của tôi
menu-btn-dangky = 📝 Đăng ký thi đua
menu-btn-kyket = 🤝 Ký kết giao ước
menu-btn-chamdiem = ✏️ Chấm điểm
menu-btn-xephang = 🏆 Xếp hạng
menu-btn-binhxet = 🗳 Bình xét
menu-btn-hoinghi = 📅 Hội nghị
menu-btn-baocao = 📥 Báo cáo
menu-btn-thamdinh = 🔎 Thẩm định
menu-btn-duyet = ✅ Duyệt đăng ký
menu-btn-chuyende = 🎯 Chuyên đề
menu-btn-bangtieuchi = 📑 Bảng tiêu chí
menu-btn-moi = 🔗 Mời đơn vị
menu-btn-sovanban = 🔢 Sổ văn bản
menu-btn-bangiao = 🚩 Bàn giao
menu-btn-trogiup = ❓ Hướng dẫn
menu-btn-ngonngu = 🌐 Ngôn ngữ

## Help, listing every command
cmd-start = Tham gia { word-bloc-lower } bằng mã mời: /start mã-mời
help-line = /{ $command } — { $text }
help-others-members = Sau khi tham gia { word-bloc-lower }, cán bộ thi đua dùng thêm: { $commands }.
help-others-organisers = Dành riêng cho { word-leader }, { word-deputy } và Ban Thi đua - Khen thưởng: { $commands }.
help-typing =
    Gõ chữ cũng được, có dấu hay không dấu: «chấm điểm», «bỏ phiếu», «hội nghị», «xếp hạng», «menu», «giúp»...
    Trên Zalo: gõ số thứ tự để chọn một mục trong danh sách, gõ 0 để về menu chính.
