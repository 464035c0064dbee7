"""Open data pipeline for Thai government yearly action plans."""

__version__ = "0.1.0"

_API_NAMES = {"load", "connect", "Datasets"}


def __getattr__(name: str) -> object:
    """`pipeline.load(...)` for notebooks, imported lazily so the CLI stays light."""
    if name in _API_NAMES:
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
