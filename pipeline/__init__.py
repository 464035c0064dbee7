"""Open data pipeline for Thai government yearly action plans."""

__version__ = "0.1.0"

# `pipeline.load` is the Parquet writer subpackage, so the analyst entry point is
# `from pipeline.api import load`; `connect` and `Datasets` are also reachable from here.
_API_NAMES = {"connect", "Datasets"}


def __getattr__(name: str) -> object:
    """`pipeline.connect(...)` for notebooks, imported lazily so the CLI stays light."""
    if name in _API_NAMES:
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
