"""Strings about keeping the archive: verification against the sidecar, backups."""

SV = {
    "unreadable.changed_while_open": "ett annat program har skrivit i filen medan quorum hade den öppen",
    "storage.read_again": "Databasfilen stämde inte med det som visades först och har lästs in på nytt. Kontrollera det du ser.",
    "storage.maintenance_failed": "Databasfilen kunde inte kontrolleras eller säkerhetskopieras i bakgrunden ({detail}). Dina ändringar sparas som vanligt.",
}

EN = {
    "unreadable.changed_while_open": "another program wrote into the file while quorum had it open",
    "storage.read_again": "The database file did not match what was shown first and has been read again. Check what you see.",
    "storage.maintenance_failed": "The database file could not be checked or backed up in the background ({detail}). Your changes are saved as usual.",
}
