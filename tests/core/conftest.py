"""Fixtures of the core tests (``person`` lives in tests/conftest.py)."""
