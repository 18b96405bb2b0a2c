# The one error of the plugin: an HTTPError, so an app that does not catch it
# answers with its status (400 malformed, 413 over a limit, 415 not multipart).
from picoweb_core import HTTPError


class MultipartError(HTTPError):
    """A malformed multipart body (400), one over a limit (413), or a request
    that is not multipart/form-data (415). `status` and `message` as HTTPError."""
