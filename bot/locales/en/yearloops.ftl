## The year's other loops: pledge notices, the secret vote on Telegram, the to-do list, the
## year in review, the conference host.

conference-host = 🏢 Host unit: { $unit }
btn-conference-host = 🏢 Host unit
conference-ask-host = Which unit hosts the conference? The default place is the host's hall.

## Pledge decisions, told to the unit
pledge-notice-approved = ✅ The { $year } emulation pledge of { $unit } was approved ({ $decider }). Next: sign the covenant (type /kyket).
pledge-notice-returned = ↩️ The { $year } emulation pledge of { $unit } was returned ({ $decider }). Reason: "{ $reason }". Please correct it and send it again (type /dangky).

## The secret vote: one tap shows the choice to confirm; the receipt is written privately
ballot-confirm-send = 🔒 Secret ballot "{ $title }": { $choice }.
    A secret ballot cannot be changed once sent. Send it?
ballot-confirm-sent-private = Secret ballot: confirm your choice in your private chat with the bot. The vote counts only once you press "✅ Send the ballot".
