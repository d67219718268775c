"""Dates and times in words and figures (store/when.py): Swedish after Språkrådet and
Myndigheternas skrivregler ("kl. 09.00–12.00", "fredag 12 mars 2027"), English with its own
forms ("09:00–12:00", "Friday 12 March 2027")."""

SV = {
    "when.clock": "{hour:02d}.{minute:02d}",
    "when.clock_seconds": "{hour:02d}.{minute:02d}.{second:02d}",
    "when.long_date": "{weekday} {day} {month} {year}",
    "when.long": "{date} kl. {span}",
    "when.short": "{date} kl. {time}",
    "month.1": "januari",
    "month.2": "februari",
    "month.3": "mars",
    "month.4": "april",
    "month.5": "maj",
    "month.6": "juni",
    "month.7": "juli",
    "month.8": "augusti",
    "month.9": "september",
    "month.10": "oktober",
    "month.11": "november",
    "month.12": "december",
}

EN = {
    "when.clock": "{hour:02d}:{minute:02d}",
    "when.clock_seconds": "{hour:02d}:{minute:02d}:{second:02d}",
    "when.long_date": "{weekday} {day} {month} {year}",
    "when.long": "{date}, {span}",
    "when.short": "{date} {time}",
    "month.1": "January",
    "month.2": "February",
    "month.3": "March",
    "month.4": "April",
    "month.5": "May",
    "month.6": "June",
    "month.7": "July",
    "month.8": "August",
    "month.9": "September",
    "month.10": "October",
    "month.11": "November",
    "month.12": "December",
}
