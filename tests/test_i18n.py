"""The catalogs: every key in both languages with the same placeholders, plural forms
for every count, and t() that refuses to hide a fault under tests."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from quorum.store import i18n
from quorum.store.i18n import (
    TranslationError,
    catalog_modules,
    is_plural,
    placeholders,
    plural_form,
    t,
)

ROOT = Path(__file__).resolve().parent.parent
CODE = [p for d in ("tui", "store", "exports") for p in sorted((ROOT / d).rglob("*.py"))]


def _catalogs():
    for name in catalog_modules():
        yield name, importlib.import_module(f"quorum.store.locale.{name}")


@pytest.mark.parametrize("name", catalog_modules())
def test_catalog_has_same_keys_in_swedish_and_english(name):
    mod = importlib.import_module(f"quorum.store.locale.{name}")
    assert set(mod.SV) == set(mod.EN), set(mod.SV) ^ set(mod.EN)
    assert all(v.strip() for v in mod.SV.values()) and all(v.strip() for v in mod.EN.values())


def test_catalogs_do_not_define_the_same_key_twice():
    seen: dict[str, str] = {}
    for name, mod in _catalogs():
        for key in mod.EN:
            assert key not in seen, f"{key} in both {seen.get(key)} and {name}"
            seen[key] = name


def test_every_key_has_the_same_placeholders_in_swedish_and_english():
    differ = []
    for _, mod in _catalogs():
        for key, en in mod.EN.items():
            sv_fields, en_fields = placeholders(mod.SV[key]), placeholders(en)
            if key.endswith("_one"):
                # "ett möte" may leave the 1 unsaid; nothing else may differ
                sv_fields, en_fields = sv_fields - {"count"}, en_fields - {"count"}
            if sv_fields != en_fields:
                differ.append(f"{key}: sv {sorted(sv_fields)} en {sorted(en_fields)}")
    assert not differ, "\n".join(differ)


def test_plural_keys_come_in_pairs_and_the_other_form_shows_the_count():
    faults = []
    for _, mod in _catalogs():
        for cat in (mod.SV, mod.EN):
            for key in cat:
                base, _, form = key.rpartition("_")
                if form not in ("one", "other"):
                    continue
                if f"{base}_one" not in cat or f"{base}_other" not in cat:
                    faults.append(f"{key} has no twin")
                if base in cat:
                    faults.append(f"{base} is both a plain key and a plural key")
                one, other = cat.get(f"{base}_one", ""), cat.get(f"{base}_other", "")
                # "ett möte" may leave the 1 unsaid, "3 möten" may not; a label chosen
                # by the number ("Justerare:") shows it in neither form.
                if "count" in placeholders(one) and "count" not in placeholders(other):
                    faults.append(f"{key} does not show {{count}}")
                if placeholders(one) - {"count"} != placeholders(other) - {"count"}:
                    faults.append(f"{base}: the forms take different parameters")
    assert not faults, "\n".join(sorted(set(faults)))


def test_formality_variants_come_in_pairs():
    """A sentence that names the minutes has one key per formality (store/wording.py)."""
    keys = set(i18n._load()["en"])
    faults = [
        key
        for key in keys
        for mine, twin in ((".informal", ".formal"), (".formal", ".informal"))
        if key.endswith(mine) and key.removesuffix(mine) + twin not in keys
    ]
    assert not faults, faults


@pytest.mark.parametrize(("count", "form"), [(0, "other"), (1, "one"), (2, "other"), (21, "other")])
def test_the_plural_form_is_one_only_for_exactly_one(count, form):
    assert plural_form(count) == form


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_count_chooses_its_form(lang):
    one = t("yearplan.created", lang=lang, count=1)
    many = t("yearplan.created", lang=lang, count=3)
    assert one.startswith("1 ") and many.startswith("3 ")
    assert one.split()[1] != many.split()[1]  # möte / möten, meeting / meetings


def _strict_catalog(monkeypatch, sv: dict[str, str]) -> None:
    cats = {"sv": {**i18n._load()["sv"], **sv}, "en": {**i18n._load()["en"], **sv}}
    monkeypatch.setattr(i18n, "_catalogs", cats)
    monkeypatch.setattr(i18n, "_strict", True)


def test_strict_t_refuses_a_count_in_a_sentence_without_plural_forms(monkeypatch):
    _strict_catalog(monkeypatch, {"test.rows": "{count} rader avvisades."})
    with pytest.raises(TranslationError, match="plural"):
        t("test.rows", count=1)


def test_strict_t_lets_a_count_before_a_unit_or_a_label_number_pass(monkeypatch):
    _strict_catalog(
        monkeypatch,
        {
            "test.unit": "{minutes} min kvar",
            "test.label": "möten {year} skrevs",
            "test.paren": "Mottagare ({count})",
        },
    )
    assert t("test.unit", minutes=3) == "3 min kvar"
    assert t("test.label", year=2027) == "möten 2027 skrevs"
    assert t("test.paren", count=1) == "Mottagare (1)"


def test_strict_t_raises_on_a_missing_parameter_and_a_missing_key(monkeypatch):
    _strict_catalog(monkeypatch, {"test.hello": "Hej {name}!"})
    with pytest.raises(TranslationError):
        t("test.hello")
    with pytest.raises(TranslationError):
        t("test.no_such_key")
    with pytest.raises(TranslationError, match="count"):
        t("yearplan.created")


def test_outside_strict_mode_the_user_gets_text_never_a_traceback(monkeypatch):
    monkeypatch.setattr(i18n, "_strict", False)
    assert t("test.no_such_key") == "test.no_such_key"
    assert t("error.email_invalid") == "“{value}” does not look like an e-mail address."
    assert t("yearplan.created", count="many").endswith("created.")


def test_the_suite_runs_strict():
    assert i18n._strict, "tests/conftest.py sets QUORUM_STRICT_I18N=1"


# --- every t() call in the code: its key exists, and its counts have forms --------------


def _literal_calls():
    """(file, line, key, keyword names, the keywords that hold a count)."""
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0]
            if name not in ("t", "say", "formal_text", "by_formality") or not (
                isinstance(first, ast.Constant) and isinstance(first.value, str)
            ):
                continue
            if "." not in first.value or " " in first.value:
                continue
            kws = {k.arg for k in node.keywords if k.arg and k.arg != "lang"}
            counts = {
                k.arg
                for k in node.keywords
                if k.arg
                and (
                    k.arg == "count"
                    or (isinstance(k.value, ast.Call) and getattr(k.value.func, "id", "") == "len")
                    or (isinstance(k.value, ast.Constant) and type(k.value.value) is int)
                )
            }
            if name in ("formal_text", "by_formality"):
                for variant in (".informal", ".formal"):
                    yield path.relative_to(ROOT), node.lineno, first.value + variant, kws, counts
            else:
                yield path.relative_to(ROOT), node.lineno, first.value, kws, counts


def test_every_key_the_code_asks_for_exists():
    cats = i18n._load()
    missing = [
        f"{path}:{line} {key}"
        for path, line, key, _, _ in _literal_calls()
        if key not in cats["en"] and not is_plural(key)
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_count_the_code_passes_has_plural_forms(lang):
    faults = []
    for path, line, key, kws, counts in _literal_calls():
        if not counts:
            continue
        for n in (1, 2):
            params = {k: (n if k in counts else "x") for k in kws}
            try:
                t(key, lang=lang, **params)
            except TranslationError as exc:
                faults.append(f"{path}:{line} {exc}")
    assert not faults, "\n".join(sorted(set(faults)))


def test_every_catalog_key_is_used():
    """A key no code asks for is a sentence nobody reads: by its name in quotes, or by
    the part before an f-string's first brace (``t(f"status.{value}")``)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in CODE if p.parent.name != "locale")
    prefixes = {m for m in re.findall(r"""f["']([a-z_.]+)\{""", source)}
    unused = []
    for key in i18n._load()["en"]:
        base = re.sub(r"(_one|_other|\.informal|\.formal)$", "", key)
        if f'"{base}"' in source or f"'{base}'" in source:
            continue
        if any(base.startswith(p) for p in prefixes):
            continue
        unused.append(key)
    assert not unused, "\n".join(sorted(unused))
