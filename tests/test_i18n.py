"""Every key exists in both catalogs of every area."""

import importlib

import pytest

from quorum.store.i18n import catalog_modules


@pytest.mark.parametrize("name", catalog_modules())
def test_catalog_has_same_keys_in_swedish_and_english(name):
    mod = importlib.import_module(f"quorum.store.locale.{name}")
    assert set(mod.SV) == set(mod.EN), set(mod.SV) ^ set(mod.EN)
    assert all(v.strip() for v in mod.SV.values()) and all(v.strip() for v in mod.EN.values())


def test_catalogs_do_not_define_the_same_key_twice():
    seen: dict[str, str] = {}
    for name in catalog_modules():
        mod = importlib.import_module(f"quorum.store.locale.{name}")
        for key in mod.EN:
            assert key not in seen, f"{key} in both {seen.get(key)} and {name}"
            seen[key] = name
