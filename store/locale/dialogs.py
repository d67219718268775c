"""Strings of the dialog family (tui/dialogs.py): buttons, keys and hints every dialog shares."""

SV = {
    "dialog.close": "Stäng",
    "dialog.yes": "Ja",
    "dialog.no": "Nej",
    "dialog.ok": "OK",
    "dialog.cancel": "Avbryt",
    "dialog.save": "Spara",
    "dialog.none": "(ingen)",
    "dialog.accept_hint": "Enter: använd ändå · Esc: avbryt",
    "dialog.filter_placeholder": "Skriv för att filtrera…",
    "dialog.discard_question": "Du har ändrat i formuläret. Vill du stänga utan att spara?",
    "dialog.discard": "Stäng utan att spara",
    "dialog.keep_editing": "Fortsätt redigera",
}

EN = {
    "dialog.close": "Close",
    "dialog.yes": "Yes",
    "dialog.no": "No",
    "dialog.ok": "OK",
    "dialog.cancel": "Cancel",
    "dialog.save": "Save",
    "dialog.none": "(none)",
    "dialog.accept_hint": "Enter: use it anyway · Esc: cancel",
    "dialog.filter_placeholder": "Type to filter…",
    "dialog.discard_question": "You have changed the form. Close it without saving?",
    "dialog.discard": "Close without saving",
    "dialog.keep_editing": "Keep editing",
}
