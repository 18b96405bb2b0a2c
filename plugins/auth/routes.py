# The route option `auth=`: `@app.route("/admin", auth=guard)`, where `guard`
# is anything with `required(handler)` (BasicAuth, BearerAuth, LoginManager).
#
# The core keeps unknown route keywords as the route's `extra` and has no hook
# that sees them at registration, so installing an auth plugin wraps this
# app's add_url_rule (its public method) once: a route declared with `auth=`
# gets its handler wrapped before the core stores it. A route declared with
# `auth=` before the install would be unprotected, so install() refuses then.


def enable_route_option(app):
    for entry in app.url_map:
        if len(entry) > 2 and entry[2] and entry[2].get("auth") is not None:
            raise ValueError("route %r uses auth= but was added before app.install() of an "
                             "auth plugin: install it first" % (entry[0],))
    if getattr(app, "_auth_routes", False):
        return
    plain = app.add_url_rule

    def add_url_rule(url, func, methods=None, **extra):
        guard = extra.get("auth")
        if guard is not None:
            required = getattr(guard, "required", None)
            if not callable(required):
                raise TypeError("route %r: auth=%r has no required(handler)" % (url, guard))
            func = required(func)
        return plain(url, func, methods, **extra)

    app.add_url_rule = add_url_rule
    app._auth_routes = True
