"""Casus: case and signal system for Dutch public service."""

__version__ = "0.1.0"
