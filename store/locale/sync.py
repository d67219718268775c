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
