# The route option `auth=`: `@app.route("/admin", auth=guard)`, where `guard`
# is anything with `required(handler)` (BasicAuth, BearerAuth, LoginManager).
# The core refuses route keywords no installed plugin provides, so a route
# with `auth=` on an app without an auth plugin is an error, never an
# unprotected route; installing one provides the option through the core's
# add_route_option.


def _apply(func, guard, url):
    required = getattr(guard, "required", None)
    if not callable(required):
        raise TypeError("route %r: auth=%r has no required(handler)" % (url, guard))
    return required(func)


def enable_route_option(app):
    if app.route_options and app.route_options.get("auth") is _apply:
        return
    app.add_route_option("auth", _apply)
