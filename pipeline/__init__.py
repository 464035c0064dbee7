"""Open data pipeline for Thai government yearly action plans."""

__version__ = "0.1.0"
