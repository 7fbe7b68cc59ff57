## The year's other loops: pledge notices, the secret vote on Telegram, the to-do list, the
## year in review, the conference host.

conference-host = 🏢 Đơn vị chủ trì: { $unit }
btn-conference-host = 🏢 Đơn vị chủ trì
conference-ask-host = Đơn vị nào chủ trì hội nghị? Địa điểm mặc định là hội trường của đơn vị chủ trì.
