"""Realistic, deterministic demo data (seed_demo), for newcomers and for benchmarks."""
