"""Strings of the year's flows: starting live minutes off the planned day, read-only
mode, publication, the roster and dates sent to the organising body, open sign-up
and sub-networks."""

SV = {
    # documents
    "doc.held_not_planned": "{held} (planerat {planned})",
    # live minutes started off the planned day
    "flows.live.other_day": "Mötet är planerat till {planned}, men i dag är det {today}. Vill du starta anteckningarna ändå?",
    "flows.live.move_today": "Flytta mötet till i dag ({today}) och starta",
    "flows.live.start_anyway": "Starta ändå – mötet står kvar på {planned}",
    "flows.live.not_now": "Starta inte nu",
    "flows.live.moved": "Mötet är flyttat till {date}. Skicka en uppdaterad kallelse.",
    # the live attendance list before presence is noted: what the reply says
    "flows.expect.accepted": "anmäld",
    "flows.expect.tentative": "kanske",
    "flows.expect.declined": "förhinder",
    # read-only mode
    "flows.readonly.hint": "Du kan läsa och exportera, men inte ändra något förrän den andra quorum har stängts.",
    "flows.readonly.refused": "Databasen är skrivskyddad: här går inget att ändra just nu.",
    # the year plan's hosts
    "flows.rotation.swapped": "{org}: bytte med värden för {day}",
    "flows.rotation.uneven": "Ojämn värdfördelning: {twice} är värd två gånger i år medan {never} inte är värd alls.",
    # the export screen's file name
    "flows.export.other_extension": "Filnamnet {name} slutar inte på {ext}, men det du exporterar är {kind}. Spara som {fixed} i stället?",
    "flows.export.use_name": "Spara som {name}",
    # carried forward
    "flows.deferred.notes": "Anteckningar från mötet {date}, då punkten sköts upp:",
    # cancelling
    "flows.cancel.held": "Mötet {title} den {date} har redan hållits och kan inte ställas in: anteckningarna finns.",
    "flows.cancel.already": "Mötet den {date} är redan inställt.",
    "flows.cancel.repointed": "Sekreterare för mötet {date} är nu {name}, från värden för mötet efter det inställda.",
    "flows.cancel.not_cancelled": "Mötet {title} den {date} är inte inställt. Ställ in det först (X på mötet, eller quorum cancel {id}); sedan kan avbokningen skrivas.",
    "flows.readonly.no_invite": "Databasen är skrivskyddad: en kallelse eller ett återbud kan inte skickas, eftersom det ska antecknas på mötet.",
}

EN = {
    "doc.held_not_planned": "{held} (planned for {planned})",
    "flows.live.other_day": "The meeting is planned for {planned}, but today is {today}. Start the minutes anyway?",
    "flows.live.move_today": "Move the meeting to today ({today}) and start",
    "flows.live.start_anyway": "Start anyway – the meeting stays on {planned}",
    "flows.live.not_now": "Do not start now",
    "flows.live.moved": "The meeting is moved to {date}. Send an updated invite.",
    "flows.expect.accepted": "coming",
    "flows.expect.tentative": "maybe",
    "flows.expect.declined": "excused",
    "flows.readonly.hint": "You can read and export, but change nothing until the other quorum has closed.",
    "flows.readonly.refused": "The database is read-only: nothing can be changed here right now.",
    "flows.rotation.swapped": "{org}: swapped with the host of {day}",
    "flows.rotation.uneven": "Uneven hosting: {twice} hosts twice this year while {never} does not host at all.",
    "flows.export.other_extension": "The file name {name} does not end in {ext}, but what you export is {kind}. Save as {fixed} instead?",
    "flows.export.use_name": "Save as {name}",
    "flows.deferred.notes": "Notes from the meeting on {date}, when the item was deferred:",
    "flows.cancel.held": "The meeting {title} on {date} has been held and cannot be cancelled: its minutes exist.",
    "flows.cancel.already": "The meeting on {date} is already cancelled.",
    "flows.cancel.repointed": "The secretary of the meeting on {date} is now {name}, from the host of the meeting after the cancelled one.",
    "flows.cancel.not_cancelled": "The meeting {title} on {date} is not cancelled. Cancel it first (X on the meeting, or quorum cancel {id}); then its cancellation can be written.",
    "flows.readonly.no_invite": "The database is read-only: an invite or a cancellation cannot go out, as the meeting must record it.",
}
