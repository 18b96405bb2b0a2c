"""Data every benchmark app serves, so all frameworks send the same bytes.

Kept tiny and import-free: it is loaded by every app on both runtimes, and
its heap cost must be the same for each framework.
"""
# The 20 rows of the template route; an ampersand makes escaping do work.
ROWS = [(i, "item %d & co" % i) for i in range(20)]
JSON = {"message": "Hello, world!", "ok": True, "n": 42}
TEXT = "Hello, world!"


def escape(s):
    # Same escaping the picoweb_templates autoescape does, for the string-built pages.
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def rows_html(rows):
    """The template page built with plain strings (microdot, starlette, raw)."""
    parts = ["<table>\n"]
    for r in rows:
        parts.append("<tr><td>%s</td><td>%s</td></tr>\n" % (escape(str(r[0])), escape(str(r[1]))))
    parts.append("</table>\n")
    return "".join(parts)
