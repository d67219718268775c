"""quorum: run the meetings of a collaboration network.

The code lives in the top-level folders ``tui/``, ``store/`` and ``exports/`` (fixed by the
design card); installed, they are ``quorum.tui``, ``quorum.store`` and ``quorum.exports``, so
quorum claims no generic top-level module name in site-packages. The three entries beside
this file are symbolic links to those folders: they let ``python -m pytest``, mypy and
``python -m quorum.tui`` run from a checkout exactly as the installed package does. The
build itself maps the folders (``[tool.setuptools] package-dir`` in pyproject.toml) and does
not need the links.
"""
