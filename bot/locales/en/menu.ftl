## The bloc's own words (bot/wording.py sets $bloc_kind and $province_kind)
word-leader = { $bloc_kind ->
        [cum] cluster leader
       *[khoi] bloc leader
    }
word-deputy = { $bloc_kind ->
        [cum] cluster deputy
       *[khoi] bloc deputy
    }
word-bloc = { $bloc_kind ->
        [cum] Cluster
       *[khoi] Bloc
    }
word-bloc-lower = { $bloc_kind ->
        [cum] cluster
       *[khoi] bloc
    }
word-leader-title = { $bloc_kind ->
        [cum] Cluster leader
       *[khoi] Bloc leader
    }
word-leader-upper = { $bloc_kind ->
        [cum] CLUSTER LEADER
       *[khoi] BLOC LEADER
    }
word-deputy-upper = { $bloc_kind ->
        [cum] CLUSTER DEPUTY
       *[khoi] BLOC DEPUTY
    }
word-leader-code = { $bloc_kind ->
        [cum] LEADER_CODE
       *[khoi] LEADER_CODE
    }
word-deputy-code = { $bloc_kind ->
        [cum] DEPUTY_CODE
       *[khoi] DEPUTY_CODE
    }
word-province = { $province_kind ->
        [city] city
       *[province] province
    }
word-province-title = { $province_kind ->
        [city] City
       *[province] Province
    }
word-province-upper = { $province_kind ->
        [city] CITY
       *[province] PROVINCE
    }

## The main menu's buttons, one per feature
menu-btn-viec = 📋 To-do
menu-btn-khoi = 🏢 My { word-bloc-lower }
menu-btn-dangky = 📝 Pledge
menu-btn-kyket = 🤝 Sign the covenant
menu-btn-chamdiem = ✏️ Scoring
menu-btn-xephang = 🏆 Ranking
menu-btn-binhxet = 🗳 Ballots
menu-btn-hoinghi = 📅 Conferences
menu-btn-baocao = 📥 Reports
menu-btn-thamdinh = 🔎 Verify
menu-btn-duyet = ✅ Review pledges
menu-btn-chuyende = 🎯 Campaigns
menu-btn-bangtieuchi = 📑 Criteria table
menu-btn-moi = 🔗 Invite units
menu-btn-sovanban = 🔢 Document register
menu-btn-bangiao = 🚩 Hand over
menu-btn-trogiup = ❓ Help
menu-btn-ngonngu = 🌐 Language

## Help, listing every command
cmd-start = Join a { word-bloc-lower } with an invite code: /start code
help-line = /{ $command } — { $text }
help-others-members = Once you have joined a { word-bloc-lower }, officers also use: { $commands }.
help-others-organisers = For the { word-leader }, the { word-deputy } and the Emulation and Commendation Board only: { $commands }.
help-typing =
    You may also type words, with or without diacritics: "chấm điểm", "bỏ phiếu", "hội nghị", "xếp hạng", "menu", "giúp"...
    On Zalo: type a number to choose an item from a list, or 0 for the main menu.
