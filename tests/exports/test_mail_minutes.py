"""The minutes as an .eml draft: recipients, subject, alternatives, attachments."""

from __future__ import annotations

from email import message_from_bytes
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default
from email.utils import getaddresses

from hypothesis import given, settings
from hypothesis import strategies as st

from quorum.exports.mail_headers import mail_address, policy_for
from quorum.exports.mail_minutes import minutes_mail, minutes_recipients, minutes_subject
from quorum.exports.minutes import minutes_html, minutes_markdown, minutes_text
from quorum.store.records import Formality
from tests.exports.conftest_docs import NOW, realistic_context
from tests.exports.html_checks import assert_self_contained

SENDER = mail_address("Lars Persson", "lars.persson@helsingborg.example.se")


def parse(raw: bytes) -> EmailMessage:
    msg = message_from_bytes(raw, policy=default)
    assert isinstance(msg, EmailMessage)
    return msg


def test_subject_per_language_and_formality() -> None:
    assert (
        minutes_subject(realistic_context())
        == "2027-03-12 Teknikcollege Nordvästra Skåne – protokoll"
    )
    assert minutes_subject(realistic_context(formality=Formality.INFORMAL)).endswith(
        "– minnesanteckningar"
    )
    assert minutes_subject(realistic_context("en")).endswith("– formal minutes")
    assert minutes_subject(realistic_context("en", Formality.INFORMAL)).endswith("– minutes")


def test_recipients_are_attendees_with_email_not_the_publication_address() -> None:
    addresses = [a.addr_spec for a in minutes_recipients(realistic_context())]
    assert "anna.lindqvist@helsingborg.example.se" in addresses  # present
    assert "per.holm@lu.example.se" in addresses  # remote
    assert "johan.bergstrom@landskrona.example.se" in addresses  # excused
    assert "nils.wallin@region.example.se" in addresses  # guest
    assert "karin.sjoberg@hoganas.example.se" not in addresses  # absent
    # The publication address gets the public version on its own (exports.publication).
    assert "webb@teknikcollege-nv.example.se" not in addresses
    assert len(addresses) == len(set(addresses)) == 11  # told (erased person has no address)


def test_eml_parses_into_the_expected_parts() -> None:
    ctx = realistic_context()
    raw = minutes_mail(ctx, SENDER, NOW)
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # SMTP line ends
    msg = parse(raw)
    assert msg["Subject"] == "2027-03-12 Teknikcollege Nordvästra Skåne – protokoll"
    assert msg["X-Unsent"] == "1"
    assert msg["From"].addresses[0].display_name == "Lars Persson"
    assert msg["Date"].datetime == NOW
    # From the meeting and the time, at the sender's domain: the same draft, the same id.
    assert msg["Message-ID"].startswith("<minutes.")
    assert msg["Message-ID"].endswith("@helsingborg.example.se>")
    to = [a.addr_spec for a in msg["To"].addresses]
    assert to == [a.addr_spec for a in minutes_recipients(ctx)]
    assert [addr for _, addr in getaddresses([str(msg["To"])])] == to
    assert "Maria Öberg" in str(msg["To"])

    assert msg.get_content_type() == "multipart/mixed"
    alternative, html_file, md_file = msg.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    text_part, html_part = alternative.iter_parts()
    assert text_part.get_content_type() == "text/plain"
    assert text_part.get_content().replace("\r\n", "\n") == minutes_text(ctx)
    assert html_part.get_content_type() == "text/html"
    assert html_part.get_content().replace("\r\n", "\n") == minutes_html(ctx)

    assert html_file.get_filename() == "2027-03-12-teknikcollege-nordvastra-skane-protokoll.html"
    assert html_file.get_content_disposition() == "attachment"
    assert html_file.get_payload(decode=True).decode("utf-8").replace("\r\n", "\n") == minutes_html(
        ctx
    )
    assert_self_contained(html_file.get_payload(decode=True).decode("utf-8"))
    assert md_file.get_filename().endswith("-protokoll.md")
    assert md_file.get_content_type() == "text/markdown"
    assert md_file.get_payload(decode=True).decode("utf-8").replace(
        "\r\n", "\n"
    ) == minutes_markdown(ctx)


def test_english_informal_mail_and_redacted_publication_copy() -> None:
    ctx = realistic_context("en", Formality.INFORMAL, redact_contacts=True)
    msg = parse(minutes_mail(ctx, mail_address("", "secretary@example.se"), NOW))
    assert msg["Subject"] == "2027-03-12 Teknikcollege Nordvästra Skåne – minutes"
    body = msg.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "[e-mail removed]" in text and "070-123 45 67" not in text
    files = [p.get_filename() for p in msg.iter_attachments()]
    assert files == [
        "2027-03-12-teknikcollege-nordvastra-skane-minutes.html",
        "2027-03-12-teknikcollege-nordvastra-skane-minutes.md",
    ]


def test_same_input_same_bytes() -> None:
    ctx = realistic_context()
    assert minutes_mail(ctx, SENDER, NOW) == minutes_mail(ctx, SENDER, NOW)


@given(
    st.lists(
        st.tuples(
            st.text(st.sampled_from(list('abcÅÄÖåäö ,;"<>()@.\\é漢')), max_size=40),
            st.from_regex(r"[a-z]{1,12}", fullmatch=True),
        ),
        min_size=1,
        max_size=40,
        unique_by=lambda pair: pair[1],
    )
)
@settings(max_examples=100, deadline=None)
def test_every_recipient_survives_folding(people: list[tuple[str, str]]) -> None:
    """Python 3.11's own folder loses recipients in such lists; ours must not."""
    addresses = [
        Address(display_name=" ".join(n.split()), addr_spec=f"{u}@kommun.example.se")
        for n, u in people
    ]
    msg = EmailMessage(policy=policy_for(addresses))
    msg["To"] = addresses  # structured: never a string the parser reads again
    msg.set_content("x")
    raw = msg.as_bytes()
    header = raw.split(b"\r\n\r\n")[0]
    assert all(len(line) <= 78 for line in header.split(b"\r\n"))
    parsed = parse(raw)["To"].addresses

    def key(a: Address) -> tuple[str, str]:
        # Python's parser shows a space between the encoded words of a long name.
        return "".join(a.display_name.split()), a.addr_spec

    assert [key(a) for a in parsed] == [key(a) for a in addresses]


def test_every_text_part_and_attachment_says_utf_8_and_the_draft_has_a_message_id() -> None:
    msg = parse(minutes_mail(realistic_context(), SENDER, NOW))
    texts = [p for p in msg.walk() if p.get_content_maintype() == "text"]
    assert len(texts) >= 4  # plain and HTML bodies, the .html and .md attachments
    for part in texts:
        assert part.get_content_charset() == "utf-8", part.get_content_type()
    assert msg["Message-ID"].startswith("<") and msg["Message-ID"].endswith(">")
