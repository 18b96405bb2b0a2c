# The notes app: the picoweb-core showcase. Run it with `python -m examples.notes`
# (see README.md in this folder); on a board the folder is copied as `notes`.
