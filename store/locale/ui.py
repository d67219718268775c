"""Strings of the app shell: keys, palette, problem screen."""

SV = {
    "key.help": "Hjälp",
    "key.quit": "Avsluta",
    "key.open": "Öppna",
    "key.back": "Tillbaka",
    "key.switch_pane": "Byt ruta",
    "cmd.overview": "Översikt",
    "cmd.overview_help": "Tillbaka till nätverk och möten",
    "cmd.key_help": "Tangent: {key}",
    "cmd.help_help": "Visa alla tangenter för skärmen",
    "app.not_yet": "Den här delen finns inte ännu.",
    "overview.counts": "{upcoming} kommande · {past} tidigare",
    "problem.restore": "Återställ säkerhetskopia",
    "problem.can_restore": "Tryck r för att återställa den senaste säkerhetskopian ({backup}). Den trasiga filen flyttas åt sidan, inget raderas.",
    "problem.untouched": "quorum har inte skrivit något till filen.",
}

EN = {
    "key.help": "Help",
    "key.quit": "Quit",
    "key.open": "Open",
    "key.back": "Back",
    "key.switch_pane": "Switch pane",
    "cmd.overview": "Overview",
    "cmd.overview_help": "Back to networks and meetings",
    "cmd.key_help": "Key: {key}",
    "cmd.help_help": "Show every key of this screen",
    "app.not_yet": "This part is not there yet.",
    "overview.counts": "{upcoming} upcoming · {past} past",
    "problem.restore": "Restore backup",
    "problem.can_restore": "Press r to restore the newest backup ({backup}). The broken file is moved aside; nothing is deleted.",
    "problem.untouched": "quorum has not written anything to the file.",
}
