## The console: acting as one person at a time
console-personas = Choose the unit whose officer you act as (type the number):
console-persona = { $unit } — { $role ->
        [leader] { word-leader }
        [deputy] { word-deputy }
       *[officer] member
    }
console-persona-in-bloc = { $unit } — { $role ->
        [leader] { word-leader }
        [deputy] { word-deputy }
       *[officer] member
    } · { $bloc }
console-persona-waiting = { " " }(📨 { $count } waiting)
console-acting-as = 👤 You now act as the emulation officer of { $label }.
console-nothing-waiting = No messages are waiting. Type /viec for your tasks.
console-no-personas = There is no bloc to act in yet. Import one first: python main.py import samples/khoi7-travinh-2022.yaml
console-mail-for = 📨 A new message for { $whom } — type /vai to switch and read it.
cli-stopped = Thi Đua Bot stopped.
cli-date-refused = --date is for trying the bot in the console only, not with TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN or WEBHOOK_URL set: real people would get reminders on the wrong days.
cli-date-bad = «{ $value }» is not a date; write it as 2022-11-20 or 20/11/2022
cli-date-now = 🕰 The bot's clock starts on { $date } and moves with real time.
