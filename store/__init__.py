"""Chronolens store: SQLite through SQLAlchemy 2.x. No Qt here.

Public entry points: :func:`store.db.open_store`, :class:`store.query.EventQuery`,
:mod:`store.writer` (save extracted documents), :mod:`store.read` (rows for views and
exporters) and :mod:`store.export` (CSV and JSON lines).
"""
