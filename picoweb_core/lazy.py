"""Methods loaded on first use, for the core's internal classes (Reader,
Server): the class's `__getattr__` asks the module that holds its rare
methods (its METHODS tuple names them, once) for the one a program touched,
and this installs it on the class, so code most programs never run costs no
heap until one does, then only one lookup. Public classes (WebApp, Request,
Response) declare every method as a real def instead, so super() sees it."""


def install_method(obj, name, namespace, names):
    """Install the function `namespace[name]` as a method of `type(obj)` and
    return it bound to `obj`."""
    cls = type(obj)
    if name not in names:
        raise AttributeError("%r object has no attribute %r" % (cls.__name__, name))
    setattr(cls, name, namespace[name])
    return getattr(obj, name)
