"""argparse in the user's language: its usage line, headings, help and errors.

argparse words everything through ``gettext`` (``argparse._`` and
``argparse.ngettext``), looked up when a message is made, so the standard way to
translate it is to give it another ``gettext``. :func:`install` does that for the
``quorum`` process: every message argparse can show a user is mapped to a catalog
key (``store/locale/cliargs.py``); anything else — messages for programmers who
build a parser wrong — passes through unchanged. argparse fills in the
%-placeholders itself, so the catalog sentences keep them.
"""

from __future__ import annotations

import argparse

from quorum.store.i18n import current_language, t

# argparse's message ids (Python 3.11) → our catalog keys.
MESSAGES = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positionals",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "the following arguments are required: %s": "argparse.required",
    "one of the arguments %s is required": "argparse.one_of_required",
    "expected one argument": "argparse.one_value",
    "expected at most one argument": "argparse.at_most_one_value",
    "expected at least one argument": "argparse.at_least_one_value",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "ignored explicit argument %r": "argparse.ignored_explicit",
    "unexpected option string: %s": "argparse.unexpected_option",
    "can't open '%(filename)s': %(error)s": "argparse.cannot_open",
    "subcommands": "argparse.subcommands",
}
PLURAL_MESSAGES = {"expected %s argument": "argparse.expected_n"}


def gettext(message: str) -> str:
    key = MESSAGES.get(message)
    return t(key) if key else message


def ngettext(singular: str, plural: str, n: int) -> str:
    key = PLURAL_MESSAGES.get(singular)
    if key and current_language() != "en":
        return t(key)  # "%s värden behövs": Swedish says it the same way for every n
    return singular if n == 1 else plural


def install() -> None:
    """Word argparse's messages in the current language (see :func:`set_language`)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
