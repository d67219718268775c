"""Strings of sharing a network through a CalDAV/CardDAV server (quorum sync)."""

SV = {
    "sync.role.member": "Medlem",
    "sync.role.chair": "Ordförande",
    "sync.role.coordinator": "Samordnare",
    "sync.role.guest": "Gäst",
    "sync.minutes_title.informal": "Minnesanteckningar: {title}",
    "sync.minutes_title.formal": "Protokoll: {title}",
}

EN = {
    "sync.role.member": "Member",
    "sync.role.chair": "Chair",
    "sync.role.coordinator": "Coordinator",
    "sync.role.guest": "Guest",
    "sync.minutes_title.informal": "Minutes: {title}",
    "sync.minutes_title.formal": "Minutes: {title}",
}

SV.update(
    {
        "sync.not_linked": "Nätverket {network} är inte kopplat till någon server. Koppla det med: quorum sync setup NÄTVERK --url URL --user ANVÄNDARE",
        "sync.error_unreachable": "Servern {host} svarar inte. Kontrollera adressen och nätverksanslutningen; inga ändringar har gått förlorade och de skickas vid nästa synkronisering.",
        "sync.error_auth": "Servern {host} godtog inte användarnamnet eller lösenordet. Inga ändringar har gått förlorade.",
        "sync.error_forbidden": "Kontot får inte läsa eller ändra {url}. Be den som delade kalendern om skrivrättighet; inga ändringar har gått förlorade.",
        "sync.error_server": "Servern {host} svarade med ett fel ({detail}). Inga ändringar har gått förlorade.",
        "sync.no_password": "Lösenordet saknas: ange det i miljövariabeln {env} eller kör kommandot i en terminal så frågar quorum efter det.",
        "sync.password_prompt": "Lösenord till servern: ",
        "sync.join_none": "Hittade inget quorum-nätverk på {url}. Kontrollera adressen och att kalendern och adressboken har delats med kontot.",
        "sync.join_many": "Kontot har flera nätverk ({names}); välj ett med --network NAMN.",
        "sync.conflict_unknown": "Det finns ingen konflikt {value}. Se listan med: quorum sync NÄTVERK",
    }
)
EN.update(
    {
        "sync.not_linked": "The network {network} is not connected to a server. Connect it with: quorum sync setup NETWORK --url URL --user USER",
        "sync.error_unreachable": "The server {host} does not answer. Check the address and the network connection; no change was lost and they are sent at the next sync.",
        "sync.error_auth": "The server {host} did not accept the user name or password. No change was lost.",
        "sync.error_forbidden": "The account may not read or change {url}. Ask whoever shared the calendar for write access; no change was lost.",
        "sync.error_server": "The server {host} answered with an error ({detail}). No change was lost.",
        "sync.no_password": "The password is missing: set it in the environment variable {env}, or run the command in a terminal and quorum asks for it.",
        "sync.password_prompt": "Password for the server: ",
        "sync.join_none": "Found no quorum network at {url}. Check the address and that the calendar and address book are shared with the account.",
        "sync.join_many": "The account has several networks ({names}); choose one with --network NAME.",
        "sync.conflict_unknown": "There is no conflict {value}. See the list with: quorum sync NETWORK",
    }
)

SV.update(
    {
        "sync.usage": "Så här används kommandot: quorum sync setup NÄTVERK --url URL --user ANVÄNDARE, quorum sync join --url URL --user ANVÄNDARE, quorum sync NÄTVERK [--links], quorum sync resolve NÄTVERK KONFLIKT --keep mine|theirs eller quorum sync share NÄTVERK PERSON --email ja|nej --phone ja|nej.",
        "sync.option_missing": "Ange {option}.",
        "sync.setup_done": "{network} är kopplat till servern: {url}",
        "sync.joined": "Nätverket {network} finns nu här (id {id}) och är synkroniserat med servern.",
        "sync.report": "Synkroniserat: {parts}.",
        "sync.report_nothing": "Synkroniserat: allt var redan lika här och på servern.",
        "sync.report.pulled_one": "{count} ändring hämtad",
        "sync.report.pulled_other": "{count} ändringar hämtade",
        "sync.report.pushed_one": "{count} skickad",
        "sync.report.pushed_other": "{count} skickade",
        "sync.report.deleted_here_one": "{count} borttagen här",
        "sync.report.deleted_here_other": "{count} borttagna här",
        "sync.report.deleted_there_one": "{count} borttagen på servern",
        "sync.report.deleted_there_other": "{count} borttagna på servern",
        "sync.report.merged_one": "{count} sammanslagen",
        "sync.report.merged_other": "{count} sammanslagna",
        "sync.conflict": "Konflikt {n}: {kind} ”{title}” har ändrats både här och på servern.",
        "sync.conflict_field": "  {field}: här ”{mine}”, på servern ”{theirs}”",
        "sync.conflict_hint": 'Båda versionerna finns kvar. Välj med: quorum sync resolve "{network}" NUMMER --keep mine (behåll din) eller --keep theirs (ta serverns), eller i appen under Synkronisera.',
        "sync.resolved_mine": "Din version av ”{title}” behålls och skickas vid nästa synkronisering.",
        "sync.resolved_theirs": "Serverns version av ”{title}” gäller nu här.",
        "sync.kind.meeting": "mötet",
        "sync.kind.action": "åtgärden",
        "sync.kind.person": "personen",
        "sync.kind.organisation": "organisationen",
        "sync.kind.network": "nätverket",
        "sync.kind.minutes": "minnesanteckningarna",
        "sync.link_caldav": "Prenumerera i kalenderprogram (CalDAV): {url}",
        "sync.link_webcal": "Prenumerationslänk (webcal): {url}",
        "sync.link_ics": "Skrivskyddat .ics-flöde för Outlook och Google: {url}",
        "sync.no_server": "Nätverket är inte kopplat till någon server, så det finns inga adresser att prenumerera på.",
        "sync.yes_no": "Svara ja eller nej, inte ”{value}”.",
        "sync.yes.True": "ja",
        "sync.yes.False": "nej",
        "sync.share_not_synced": "{name} har inte synkroniserats ännu; kör quorum sync NÄTVERK först.",
        "sync.share_now": "{name} delar med nätverkets server: e-post {email}, telefon {phone}. Ändringen skickas vid nästa synkronisering.",
        "sync.file_exists": "Filen {path} finns redan; lägg till --force för att ersätta den.",
        "sync.file_invalid": "{path} är ingen nätverksfil från quorum.",
        "sync.import_linked": "Nätverket {network} synkroniseras med en server; hämta ändringarna med quorum sync i stället för att läsa in en fil.",
        "sync.exported_one": "{network}: {count} post skriven till {path}.",
        "sync.exported_other": "{network}: {count} poster skrivna till {path}.",
        "sync.imported": "Nätverket {network} (id {id}) är inläst.",
    }
)
EN.update(
    {
        "sync.usage": "Use: quorum sync setup NETWORK --url URL --user USER, quorum sync join --url URL --user USER, quorum sync NETWORK [--links], quorum sync resolve NETWORK CONFLICT --keep mine|theirs or quorum sync share NETWORK PERSON --email yes|no --phone yes|no.",
        "sync.option_missing": "Give {option}.",
        "sync.setup_done": "{network} is connected to the server: {url}",
        "sync.joined": "The network {network} is now here (id {id}) and in sync with the server.",
        "sync.report": "Synced: {parts}.",
        "sync.report_nothing": "Synced: everything was already the same here and on the server.",
        "sync.report.pulled_one": "{count} change fetched",
        "sync.report.pulled_other": "{count} changes fetched",
        "sync.report.pushed_one": "{count} sent",
        "sync.report.pushed_other": "{count} sent",
        "sync.report.deleted_here_one": "{count} deleted here",
        "sync.report.deleted_here_other": "{count} deleted here",
        "sync.report.deleted_there_one": "{count} deleted on the server",
        "sync.report.deleted_there_other": "{count} deleted on the server",
        "sync.report.merged_one": "{count} merged",
        "sync.report.merged_other": "{count} merged",
        "sync.conflict": "Conflict {n}: {kind} “{title}” was changed both here and on the server.",
        "sync.conflict_field": "  {field}: here “{mine}”, on the server “{theirs}”",
        "sync.conflict_hint": 'Both versions are kept. Choose with: quorum sync resolve "{network}" NUMBER --keep mine (keep yours) or --keep theirs (take the server\'s), or in the app under Sync.',
        "sync.resolved_mine": "Your version of “{title}” stays and is sent at the next sync.",
        "sync.resolved_theirs": "The server's version of “{title}” now holds here.",
        "sync.kind.meeting": "the meeting",
        "sync.kind.action": "the action item",
        "sync.kind.person": "the person",
        "sync.kind.organisation": "the organisation",
        "sync.kind.network": "the network",
        "sync.kind.minutes": "the minutes",
        "sync.link_caldav": "Subscribe in a calendar program (CalDAV): {url}",
        "sync.link_webcal": "Subscription link (webcal): {url}",
        "sync.link_ics": "Read-only .ics feed for Outlook and Google: {url}",
        "sync.no_server": "The network is not connected to a server, so there are no addresses to subscribe to.",
        "sync.yes_no": "Answer yes or no, not “{value}”.",
        "sync.yes.True": "yes",
        "sync.yes.False": "no",
        "sync.share_not_synced": "{name} has not been synced yet; run quorum sync NETWORK first.",
        "sync.share_now": "{name} shares with the network's server: e-mail {email}, phone {phone}. The change is sent at the next sync.",
        "sync.file_exists": "The file {path} exists already; add --force to replace it.",
        "sync.file_invalid": "{path} is not a network file from quorum.",
        "sync.import_linked": "The network {network} syncs with a server; fetch its changes with quorum sync instead of reading a file.",
        "sync.exported_one": "{network}: {count} record written to {path}.",
        "sync.exported_other": "{network}: {count} records written to {path}.",
        "sync.imported": "The network {network} (id {id}) is read in.",
    }
)

SV["sync.join_already"] = (
    'Nätverket finns redan här som {network} och synkroniseras med servern; kör quorum sync "{network}".'
)
EN["sync.join_already"] = (
    'The network is here already as {network} and syncs with the server; run quorum sync "{network}".'
)
