"""Methods loaded on first use: a class's `__getattr__` asks a module of rare
methods for the one a program touched, and this installs it on the class, so
code most apps never run costs no heap until one does, then only one lookup."""


def install_method(cls, obj, name, namespace, names):
    """Install the function `namespace[name]` as a method of `cls` and return
    it bound to `obj`."""
    if name not in names:
        raise AttributeError("%r object has no attribute %r" % (cls.__name__, name))
    setattr(cls, name, namespace[name])
    return getattr(obj, name)
