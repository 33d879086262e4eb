"""Benchmarks of Reservation Desk on a demo vault with 1,000,000 reservations.

``python -m benchmarks`` (``make bench``) builds or reuses the vault under ``benchmarks/data/``,
runs every registered benchmark and writes ``benchmarks/RESULTS.md``.  Every figure is taken
through the service layer and, in the same run on the same file, as the bare SQL (or the bare
argon2id hash), so that the ratio of the two shows the application's own overhead.

Adding a benchmark: write a function ``(Context) -> list[Row]`` decorated with
``@benchmark(...)`` (see ``benchmarks.registry``) in a module that ``benchmarks.suite`` imports.
"""
