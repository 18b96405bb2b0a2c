# Example apps, importable from the repository root: `python -m examples.notes`.
