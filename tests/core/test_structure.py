"""The core's structure (issue 16): no import cycles, lazy imports included,
and every lazily installed name declared once, in the module that holds it,
and existing there."""
import ast
import os

import support

CORE = os.path.join(support.ROOT, "picoweb_core")
# Consumers of the whole core, above every module: they may import anything.
TOP = ("__init__", "testing", "asgi", "build", "__main__")


def core_imports():
    """module -> set of core modules it imports (at any depth of its code)."""
    graph = {}
    for fn in sorted(os.listdir(CORE)):
        if not fn.endswith(".py"):
            continue
        name = fn[:-3]
        deps = set()
        tree = ast.parse(open(os.path.join(CORE, fn)).read())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    deps.add(node.module.split(".")[0])
                else:
                    deps.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("picoweb_core."):
                deps.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("picoweb_core."):
                        deps.add(a.name.split(".")[1])
        deps.discard(name)
        graph[name] = deps
    return graph


def test_the_core_has_no_import_cycle():
    graph = core_imports()
    inner = dict((m, set(d for d in deps if d not in TOP)) for m, deps in graph.items()
                 if m not in TOP)
    for m, deps in inner.items():
        missing = [d for d in deps if d not in graph]
        assert not missing, (m, missing)
    # Kahn: repeatedly remove modules that import nothing left.
    left = dict((m, set(d)) for m, d in inner.items())
    while left:
        leaves = [m for m, d in left.items() if not d]
        assert leaves, "import cycle among: %s" % sorted(left)
        for m in leaves:
            del left[m]
        for d in left.values():
            d.difference_update(leaves)


def test_no_core_module_imports_a_consumer():
    graph = core_imports()
    for m, deps in graph.items():
        if m not in TOP:
            assert not deps.intersection(TOP) - {"__init__"}, (m, deps.intersection(TOP))


def test_every_lazy_name_is_declared_once_and_exists():
    from picoweb_core import (app_setup, reader_reads, request_body, request_fields,
                              response_helpers, server_control)
    declared = []
    for mod, names in ((app_setup, app_setup.METHODS), (request_body, request_body.METHODS),
                       (response_helpers, response_helpers.METHODS),
                       (reader_reads, reader_reads.METHODS),
                       (server_control, server_control.METHODS)):
        for name in names:
            value = names[name] if isinstance(names, dict) else getattr(mod, name, None)
            assert callable(value), (mod.__name__, name)
            declared.append((mod.__name__, name))
    # Each class's lazy names appear in one table only.
    for table in (app_setup.METHODS, request_body.METHODS, response_helpers.METHODS):
        assert len(set(table)) == len(list(table))
    assert set(request_fields.FIELDS) == {"headers", "decoded_path", "args", "cookies",
                                          "content_type"}


def test_cpython_sees_every_method_of_the_public_classes():
    # help(), dir() and super() on CPython: every lazily installed name is on its class.
    from picoweb_core import Request, Response, WebApp, app_setup, request_body, response_helpers
    for cls, names in ((WebApp, app_setup.METHODS), (Request, request_body.METHODS),
                       (Response, response_helpers.METHODS)):
        for name in names:
            assert name in dir(cls), (cls.__name__, name)
            if not name.startswith("_"):
                assert getattr(cls, name).__doc__, (cls.__name__, name)


@support.needs_micropython
def test_micropython_loads_rare_methods_on_first_use_and_for_subclasses():
    code = (
        "import sys\n"
        "import picoweb_core\n"
        "print('app_setup' , 'picoweb_core.app_setup' in sys.modules)\n"
        "app = picoweb_core.WebApp('x')\n"
        "print('plain', 'picoweb_core.app_setup' in sys.modules)\n"
        "class Sub(picoweb_core.WebApp):\n"
        "    def mount(self, url, app):\n"
        "        super().mount(url, app)\n"
        "s = Sub('y')\n"
        "s.mount('/a', picoweb_core.WebApp('z'))\n"
        "print('sub', 'picoweb_core.app_setup' in sys.modules, len([r for r in s.router.ordered if len(r) == 2]))\n")
    r = support.run_micropython(["-c", code])
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:3] == ["app_setup False", "plain False", "sub True 1"]
