"""Chronolens desktop interface (PySide6): widgets, item models and views only, no SQL."""
