## The year's other loops: pledge notices, the secret vote on Telegram, the to-do list, the
## year in review, the conference host.

conference-host = 🏢 Host unit: { $unit }
btn-conference-host = 🏢 Host unit
conference-ask-host = Which unit hosts the conference? The default place is the host's hall.
