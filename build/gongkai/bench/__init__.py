"""Benchmark tools: a synthetic corpus generator and the `make bench` runner."""
