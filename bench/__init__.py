"""Benchmarks (`make bench`): figures quoted in the README come from bench/results/."""
