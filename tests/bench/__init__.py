"""Benchmarks (`make bench`): latency and query counts through the real app. Not collected by pytest."""
