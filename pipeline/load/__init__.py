"""Loaders: the contract's datasets as Parquet."""
