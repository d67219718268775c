"""What makes a PDF fit for the archive, checked with qpdf (pikepdf) and pypdf."""

from __future__ import annotations

import io

import pikepdf
from pypdf import PdfReader

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"


def pdf_text(data: bytes) -> str:
    """The text of every page, whitespace folded, the renderer's break points gone."""
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.replace("\u200b", "").split())


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found = []
    for page in pdf.pages:
        resources = page.obj.get("/Resources", {})
        for font in resources.get("/Font", {}).values():
            found.append(font)
    return found


def assert_archival(data: bytes, lang: str) -> dict[str, str]:
    """PDF/A-2a and PDF/UA-1 as the tests of issue 15 name them; returns the XMP."""
    assert data.startswith(b"%PDF-")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False)
        xmp = {str(k): str(v) for k, v in meta.items()}
        assert xmp[f"{PDFAID}part"] == "2"
        assert xmp[f"{PDFAID}conformance"] == "A"
        assert xmp[f"{PDFUAID}part"] == "1"
        root = pdf.Root
        assert str(root.Lang) == lang
        assert "/StructTreeRoot" in root and len(root.StructTreeRoot.get("/K", [])) > 0
        assert bool(root.MarkInfo.Marked)
        assert "/OutputIntents" in root
        fonts = _fonts(pdf)
        assert fonts
        for font in fonts:
            described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = described.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
        # No JavaScript, no actions, no link out of the file.
        assert "/OpenAction" not in root and "/AA" not in root
        assert "/JavaScript" not in root.get("/Names", {})
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                assert obj.get("/S") not in ("/JavaScript", "/URI", "/Launch", "/GoToR")
                assert "/JS" not in obj and "/URI" not in obj
    return xmp
