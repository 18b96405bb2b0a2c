"""A package whose public/ folder is mounted by static_app.py."""
