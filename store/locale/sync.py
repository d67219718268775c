"""Strings of sharing a network through a CalDAV/CardDAV server (quorum sync)."""

SV = {
    "sync.role.member": "Medlem",
    "sync.role.chair": "Ordförande",
    "sync.role.coordinator": "Samordnare",
    "sync.role.guest": "Gäst",
    "sync.minutes_title": "Minnesanteckningar: {title}",
}

EN = {
    "sync.role.member": "Member",
    "sync.role.chair": "Chair",
    "sync.role.coordinator": "Coordinator",
    "sync.role.guest": "Guest",
    "sync.minutes_title": "Minutes: {title}",
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
