"""Strings of the app's export, send and reply-import screens."""

SV = {
    # export screen
    "exportui.title": "Exportera",
    "exportui.kinds": "Dokument",
    "exportui.preview": "Förhandsvisning",
    "exportui.file": "Fil:",
    "exportui.key_write": "Skriv fil",
    "exportui.key_send": "Skicka …",
    "exportui.key_export_dialog": "Exportera …",
    "exportui.key_replies": "Importera svar",
    "exportui.kind_help": "Välj dokument att exportera",
    "exportui.kind.invite": "Inbjudan (.ics)",
    "exportui.kind.invite_mail": "Inbjudan som e-post (.eml)",
    "exportui.kind.cancel": "Avbokning (.ics)",
    "exportui.kind.notice_md": "Kallelse (Markdown)",
    "exportui.kind.notice_html": "Kallelse (HTML)",
    "exportui.kind.notice_txt": "Kallelse (text)",
    "exportui.kind.minutes_md": "Anteckningar (Markdown)",
    "exportui.kind.minutes_html": "Anteckningar (HTML)",
    "exportui.kind.minutes_txt": "Anteckningar (text)",
    "exportui.kind.minutes_mail": "Anteckningar som e-post (.eml)",
    "exportui.file_invite": "inbjudan",
    "exportui.file_cancel": "installt",
    "exportui.invite_cancelled": "{title} är inställt. Välj Avbokning för att meddela de inbjudna.",
    "exportui.state_unsent": "Ingen inbjudan är skickad ännu. Den här får SEQUENCE {sequence}.",
    "exportui.state_outdated": (
        "Inbjudan som skickats (SEQUENCE {sent}) är inaktuell: tid, plats, status eller "
        "dagordning har ändrats. Exportera för att skicka en uppdatering (SEQUENCE {sequence})."
    ),
    "exportui.state_current": "Inbjudan som skickats (SEQUENCE {sent}) stämmer med mötet.",
    "exportui.cancel_warning": "Att skriva avbokningen ställer in mötet.",
    "exportui.pd_note": "Personuppgifterna i dokumentet visas innan filen skrivs.",
    "exportui.sum_calendar": "Kalenderfil",
    "exportui.sum_mail": "E-post",
    "exportui.sum_method": "Metod",
    "exportui.sum_status": "Status",
    "exportui.sum_uid": "UID",
    "exportui.sum_sequence": "SEQUENCE",
    "exportui.sum_summary": "Rubrik i kalendern",
    "exportui.sum_subject": "Ämne",
    "exportui.sum_from": "Från",
    "exportui.sum_recipients": "Mottagare",
    "exportui.sum_parts": "Delar",
    "exportui.no_name": "Skriv ett filnamn först.",
    "exportui.is_folder": "{path} är en mapp. Lägg till ett filnamn.",
    "exportui.written": "Sparade {path}",
    "exportui.written_redacted": "Sparade {path} utan e-postadresser och telefonnummer",
    "exportui.confirm_overwrite": "{path} finns redan. Vill du skriva över den?",
    "exportui.confirm_cancel": (
        "Avbokningen ställer in {title} {date} och meddelar alla inbjudna. Fortsätta?"
    ),
    # personal data step
    "exportui.pd_intro_one": "Dokumentet innehåller {count} personuppgift:",
    "exportui.pd_intro_other": "Dokumentet innehåller {count} personuppgifter:",
    "exportui.pd_question": (
        "Ska e-postadresser och telefonnummer tas bort i den här versionen "
        "(till exempel för publicering)?"
    ),
    "exportui.pd_redact": "Ta bort e-post och telefon",
    "exportui.pd_keep": "Behåll allt",
    # replies
    "exportui.key_import": "Importera",
    "exportui.replies_title": "Importera kalendersvar",
    "exportui.replies_help": (
        "Skriv sökvägen till svarsfiler (.ics) eller hela svarsmejl (.eml) som sparats från "
        "e-posten, en per rad eller med mellanslag emellan. En mapp betyder alla .ics- och "
        ".eml-filer i den. Importera med Ctrl+S."
    ),
    "exportui.replies_files": "Filer",
    "exportui.replies_report": "Resultat",
    "exportui.replies_done_one": "{applied} av {count} svar infördes.",
    "exportui.replies_done_other": "{applied} av {count} svar infördes.",
    "exportui.reply_unreadable_file": "Kunde inte läsa {path}: {detail}",
    "exportui.reply_no_files": "Inga svarsfiler (.ics eller .eml) hittades.",
    "exportui.cmd_replies": "Importera kalendersvar",
    "exportui.cmd_replies_help": "För in svaren (ja, nej, kanske) från sparade .ics- eller .eml-filer",
    # send screen
    "sendui.title_invite": "Skicka inbjudan",
    "sendui.title_minutes": "Skicka anteckningarna",
    "sendui.key_send": "Skicka",
    "sendui.intro": "Skickas via {host}:{port} ({security}). Kontrollera mottagarna och skicka med Ctrl+S.",
    "sendui.recipients": "Mottagare ({count})",
    "sendui.subject": "Ämne: {subject}",
    "sendui.password": "Lösenord:",
    "sendui.password_hint": "för {user} (eller sätt miljövariabeln {env}); sparas aldrig",
    "sendui.need_password": "Skriv lösenordet för e-postservern först.",
    "sendui.progress": "Förlopp",
    "sendui.sending": "Skickar …",
    "sendui.report": "Rapport",
    "sendui.accepted": "Tog emot ({count}):",
    "sendui.refused": "Avvisade ({count}):",
}

EN = {
    # export screen
    "exportui.title": "Export",
    "exportui.kinds": "Document",
    "exportui.preview": "Preview",
    "exportui.file": "File:",
    "exportui.key_write": "Write file",
    "exportui.key_send": "Send …",
    "exportui.key_export_dialog": "Export …",
    "exportui.key_replies": "Import replies",
    "exportui.kind_help": "Choose the document to export",
    "exportui.kind.invite": "Invite (.ics)",
    "exportui.kind.invite_mail": "Invite as e-mail (.eml)",
    "exportui.kind.cancel": "Cancellation (.ics)",
    "exportui.kind.notice_md": "Notice (Markdown)",
    "exportui.kind.notice_html": "Notice (HTML)",
    "exportui.kind.notice_txt": "Notice (text)",
    "exportui.kind.minutes_md": "Minutes (Markdown)",
    "exportui.kind.minutes_html": "Minutes (HTML)",
    "exportui.kind.minutes_txt": "Minutes (text)",
    "exportui.kind.minutes_mail": "Minutes as e-mail (.eml)",
    "exportui.file_invite": "invite",
    "exportui.file_cancel": "cancelled",
    "exportui.invite_cancelled": "{title} is cancelled. Choose Cancellation to tell the invitees.",
    "exportui.state_unsent": "No invite has been sent yet. This one carries SEQUENCE {sequence}.",
    "exportui.state_outdated": (
        "The invite sent (SEQUENCE {sent}) is out of date: time, place, status or agenda "
        "changed. Export to send an update (SEQUENCE {sequence})."
    ),
    "exportui.state_current": "The invite sent (SEQUENCE {sent}) matches the meeting.",
    "exportui.cancel_warning": "Writing the cancellation cancels the meeting.",
    "exportui.pd_note": "The personal data in the document is listed before the file is written.",
    "exportui.sum_calendar": "Calendar file",
    "exportui.sum_mail": "E-mail",
    "exportui.sum_method": "Method",
    "exportui.sum_status": "Status",
    "exportui.sum_uid": "UID",
    "exportui.sum_sequence": "SEQUENCE",
    "exportui.sum_summary": "Calendar title",
    "exportui.sum_subject": "Subject",
    "exportui.sum_from": "From",
    "exportui.sum_recipients": "Recipients",
    "exportui.sum_parts": "Parts",
    "exportui.no_name": "Type a file name first.",
    "exportui.is_folder": "{path} is a folder. Add a file name.",
    "exportui.written": "Saved {path}",
    "exportui.written_redacted": "Saved {path} without e-mail addresses and phone numbers",
    "exportui.confirm_overwrite": "{path} already exists. Overwrite it?",
    "exportui.confirm_cancel": (
        "The cancellation cancels {title} {date} and tells every invitee. Go on?"
    ),
    # personal data step
    "exportui.pd_intro_one": "The document contains {count} item of personal data:",
    "exportui.pd_intro_other": "The document contains {count} items of personal data:",
    "exportui.pd_question": (
        "Leave out e-mail addresses and phone numbers in this copy (for example to publish it)?"
    ),
    "exportui.pd_redact": "Leave out e-mail and phone",
    "exportui.pd_keep": "Keep everything",
    # replies
    "exportui.key_import": "Import",
    "exportui.replies_title": "Import calendar replies",
    "exportui.replies_help": (
        "Type the paths of reply files (.ics) or whole reply mails (.eml) saved from your "
        "mail, one per line or separated by spaces. A folder means every .ics and .eml file "
        "in it. Import with Ctrl+S."
    ),
    "exportui.replies_files": "Files",
    "exportui.replies_report": "Result",
    "exportui.replies_done_one": "{applied} of {count} reply applied.",
    "exportui.replies_done_other": "{applied} of {count} replies applied.",
    "exportui.reply_unreadable_file": "Could not read {path}: {detail}",
    "exportui.reply_no_files": "No reply files (.ics or .eml) were found.",
    "exportui.cmd_replies": "Import calendar replies",
    "exportui.cmd_replies_help": "Record the answers (yes, no, maybe) from saved .ics or .eml files",
    # send screen
    "sendui.title_invite": "Send the invite",
    "sendui.title_minutes": "Send the minutes",
    "sendui.key_send": "Send",
    "sendui.intro": "Sent through {host}:{port} ({security}). Check the recipients and send with Ctrl+S.",
    "sendui.recipients": "Recipients ({count})",
    "sendui.subject": "Subject: {subject}",
    "sendui.password": "Password:",
    "sendui.password_hint": "for {user} (or set the environment variable {env}); never stored",
    "sendui.need_password": "Type the mail server's password first.",
    "sendui.progress": "Progress",
    "sendui.sending": "Sending …",
    "sendui.report": "Report",
    "sendui.accepted": "Accepted ({count}):",
    "sendui.refused": "Refused ({count}):",
}
