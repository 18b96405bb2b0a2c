"""Option and module names shared by the loader and the compiler.

Kept apart so the loader can check options and find compiled modules without
importing the compiler: on a board that would cost kilobytes of RAM.
"""

# The escaper function each autoescape mode imports from runtime.py.
ESCAPERS = {"html": "escape_html", "json": "escape_json"}

# Written into every compiled module; raised when the same template compiles to
# different output, so the source loaders recompile modules cached by an older
# version. 2: the newline after a statement or comment tag is dropped (utemplate's).
FORMAT = 2


def module_name(name):
    """Module name of a compiled template: "index.tpl" -> "index_tpl" (as utemplate).

        >>> module_name("parts/row-item.tpl")
        'parts_row_item_tpl'
    """
    out = "".join(c if (c.isalpha() or c.isdigit()) and ord(c) < 128 else "_" for c in name)
    if not out or out[0].isdigit():
        out = "_" + out
    return out


def normalize_escape(autoescape):
    """Map the user's autoescape option to "html", "json" or None (no escaping)."""
    if autoescape is True:
        return "html"
    if autoescape is False or autoescape is None:
        return None
    if autoescape in ESCAPERS:
        return autoescape
    raise ValueError("autoescape must be True, False, 'html' or 'json', not %r" % (autoescape,))
