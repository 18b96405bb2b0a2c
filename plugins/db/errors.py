"""The storage errors, usable without the web core.

MicroPython cannot derive one exception from two built-in exception types, so
each error has a single built-in base chosen for how callers catch it.
"""


class BadInput(ValueError):
    """The caller asked for something the store cannot do: unknown field, key of
    the wrong type or size, value that is too large or not JSON. Maps to 400.

        try:
            Note.create(colour="red")
        except BadInput as e:
            ...
    """
    status = 400


class Conflict(BadInput):
    """create() with a key that already exists. Maps to 409."""
    status = 409


class NotFound(KeyError):
    """No record under that key. Maps to 404.

        try:
            Note.get_id("missing")
        except NotFound:
            ...
    """
    status = 404

    def __str__(self):
        # KeyError's str() quotes its argument; the message reads better plain.
        return str(self.args[0]) if self.args else "not found"


class NoTable(RuntimeError):
    """The model's table was never created, or the model has no database: a
    setup mistake, so it is left to become a 500."""
    status = 500


ERRORS = (BadInput, NotFound, NoTable)
