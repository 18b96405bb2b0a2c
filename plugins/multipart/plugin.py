# The Multipart plugin: app-wide defaults for read_multipart(), and an
# optional guard that keeps other requests' bodies small.
#
# Why the guard: the core checks a body's size against the app's
# `limits.max_body` before any hook or handler runs, and has no per-route
# limit, so an app taking uploads raises max_body for every route. The guard
# answers 413 early (a before_request hook, from Content-Length) to requests
# that are not multipart/form-data and announce more than `max_other_body`,
# or, with `upload_paths`, to every request outside those paths that does.
from .errors import MultipartError
from .reader import DEFAULT_LIMITS, MultipartLimits


class Multipart:
    """`app.install(Multipart(limits=MultipartLimits(max_file=1 << 20),
    upload_dir="/data/up", max_other_body=16384))`.

    `limits` and `upload_dir` become the defaults of read_multipart() and
    MultipartReader for this app; `max_other_body` (None: off) caps
    non-multipart bodies, for apps whose `Limits(max_body=...)` was raised
    to allow uploads. With `upload_paths` (path prefixes, matched by whole
    segments: "/up" covers "/up" and "/up/x", not "/upload") only requests
    under them may send more, whatever their Content-Type.
    """

    name = "multipart"

    def __init__(self, limits=None, upload_dir=None, max_other_body=None, upload_paths=None):
        if limits is None:
            limits = DEFAULT_LIMITS
        if not isinstance(limits, MultipartLimits):
            raise TypeError("limits must be a MultipartLimits, not %r" % (limits,))
        if upload_dir is not None and not isinstance(upload_dir, str):
            raise TypeError("upload_dir must be a str path")
        if max_other_body is not None and (not isinstance(max_other_body, int)
                                           or max_other_body < 0):
            raise ValueError("max_other_body must be a non-negative int or None")
        if upload_paths is not None:
            if isinstance(upload_paths, str):
                upload_paths = (upload_paths,)
            for p in upload_paths:
                if not isinstance(p, str) or not p.startswith("/"):
                    raise ValueError("upload_paths must be paths starting with /, not %r" % (p,))
            if max_other_body is None:
                raise ValueError("upload_paths needs max_other_body")
            upload_paths = tuple(p.rstrip("/") or "/" for p in upload_paths)
        self.upload_paths = upload_paths
        self.limits = limits
        self.upload_dir = upload_dir
        self.max_other_body = max_other_body

    def install(self, app):
        app.multipart_defaults = self
        if self.max_other_body is not None:
            app.before_request(self.guard)

    def guard(self, req, resp):
        cl = req.headers.get("content-length")
        if cl and cl.isdigit() and int(cl) > self.max_other_body:
            if self.upload_paths is None:
                if req.content_type != "multipart/form-data":
                    raise MultipartError(413)
            else:
                path = req.path
                if "%" in path:
                    path = req.decoded_path  # what routes match
                if not self.under_upload_path(path):
                    raise MultipartError(413)
        return None

    def under_upload_path(self, path):
        for p in self.upload_paths:
            if p == "/" or path == p or path.startswith(p + "/"):
                return True
        return False
