"""Cases for the plugin's pure functions, run by pytest on CPython and, through
`micropython header_cases.py`, on MicroPython (it prints one line per failure,
then "ok N" or "failed N")."""
from picoweb_static.compat import http_date, parse_http_date
from picoweb_static.headers import (UNSATISFIABLE, accepts_gzip, make_etag, not_modified,
                                    parse_range, range_applies)
from picoweb_static.mime import content_type

RFC_DATE = "Sun, 06 Nov 1994 08:49:37 GMT"
RFC_MTIME = 784111777
ETAG = make_etag(15, RFC_MTIME)

CASES = [
    # (description, function, args, expected)
    ("range first-last", parse_range, ("bytes=0-9", 100), (0, 9)),
    ("range open end", parse_range, ("bytes=90-", 100), (90, 99)),
    ("range suffix", parse_range, ("bytes=-10", 100), (90, 99)),
    ("range suffix longer than file", parse_range, ("bytes=-500", 100), (0, 99)),
    ("range end clamped", parse_range, ("bytes=50-1000", 100), (50, 99)),
    ("range spaces", parse_range, (" bytes= 1 - 2 ", 100), (1, 2)),
    ("range past end", parse_range, ("bytes=100-", 100), UNSATISFIABLE),
    ("range past end closed", parse_range, ("bytes=100-200", 100), UNSATISFIABLE),
    ("range empty suffix", parse_range, ("bytes=-0", 100), UNSATISFIABLE),
    ("range on empty file", parse_range, ("bytes=0-", 0), UNSATISFIABLE),
    ("range suffix on empty file", parse_range, ("bytes=-5", 0), UNSATISFIABLE),
    ("range absent", parse_range, (None, 100), None),
    ("range several", parse_range, ("bytes=0-1,3-4", 100), None),
    ("range other unit", parse_range, ("items=0-1", 100), None),
    ("range reversed", parse_range, ("bytes=9-3", 100), None),
    ("range no dash", parse_range, ("bytes=5", 100), None),
    ("range garbage", parse_range, ("bytes=a-b", 100), None),
    ("range negative", parse_range, ("bytes=-1-5", 100), None),
    ("range bare dash", parse_range, ("bytes=-", 100), None),
    ("gzip listed", accepts_gzip, ("gzip, deflate, br",), True),
    ("gzip with q", accepts_gzip, ("br;q=1.0, gzip;q=0.8",), True),
    ("gzip q=0", accepts_gzip, ("gzip;q=0",), False),
    ("gzip q=0.000", accepts_gzip, ("gzip; q=0.000, *",), False),
    ("star", accepts_gzip, ("*",), True),
    ("star q=0", accepts_gzip, ("*;q=0",), False),
    ("x-gzip", accepts_gzip, ("X-GZIP",), True),
    ("identity only", accepts_gzip, ("identity",), False),
    ("no header", accepts_gzip, (None,), False),
    ("gzip as a substring", accepts_gzip, ("notgzip",), False),
    ("http date", http_date, (RFC_MTIME,), RFC_DATE),
    ("epoch date", http_date, (0,), "Thu, 01 Jan 1970 00:00:00 GMT"),
    ("parse date", parse_http_date, (RFC_DATE,), (1994, 11, 6, 8, 49, 37)),
    ("parse rfc850 date", parse_http_date, ("Sunday, 06-Nov-94 08:49:37 GMT",), None),
    ("parse bad month", parse_http_date, ("Sun, 06 Foo 1994 08:49:37 GMT",), None),
    ("parse bad time", parse_http_date, ("Sun, 06 Nov 1994 08:49 GMT",), None),
    ("parse letters", parse_http_date, ("Sun, xx Nov 1994 08:49:37 GMT",), None),
    ("etag is strong", make_etag, (1, 2), '"2-1"'),
    ("etag of gzip differs", make_etag, (1, 2, "-gz"), '"2-1-gz"'),
    ("inm match", not_modified, ({"if-none-match": ETAG}, ETAG, RFC_MTIME), True),
    ("inm weak match", not_modified, ({"if-none-match": "W/" + ETAG}, ETAG, RFC_MTIME), True),
    ("inm list", not_modified, ({"if-none-match": '"a" ,' + ETAG}, ETAG, RFC_MTIME), True),
    ("inm star", not_modified, ({"if-none-match": "*"}, ETAG, RFC_MTIME), True),
    ("inm other", not_modified, ({"if-none-match": '"a"'}, ETAG, RFC_MTIME), False),
    ("inm beats ims", not_modified,
     ({"if-none-match": '"a"', "if-modified-since": RFC_DATE}, ETAG, RFC_MTIME), False),
    ("ims equal", not_modified, ({"if-modified-since": RFC_DATE}, ETAG, RFC_MTIME), True),
    ("ims later", not_modified,
     ({"if-modified-since": "Sun, 06 Nov 1994 08:49:38 GMT"}, ETAG, RFC_MTIME), True),
    ("ims earlier", not_modified,
     ({"if-modified-since": "Sun, 06 Nov 1994 08:49:36 GMT"}, ETAG, RFC_MTIME), False),
    ("ims unreadable", not_modified, ({"if-modified-since": "yesterday"}, ETAG, RFC_MTIME), False),
    ("no conditions", not_modified, ({}, ETAG, RFC_MTIME), False),
    ("if-range absent", range_applies, ({}, ETAG, RFC_DATE), True),
    ("if-range etag", range_applies, ({"if-range": ETAG}, ETAG, RFC_DATE), True),
    ("if-range date", range_applies, ({"if-range": RFC_DATE}, ETAG, RFC_DATE), True),
    ("if-range weak", range_applies, ({"if-range": "W/" + ETAG}, ETAG, RFC_DATE), False),
    ("if-range old", range_applies, ({"if-range": '"old"'}, ETAG, RFC_DATE), False),
    ("type html", content_type, ("a.html",), "text/html; charset=utf-8"),
    ("type upper", content_type, ("A.PNG",), "image/png"),
    ("type last extension", content_type, ("app.js.map",), "application/json"),
    ("type none", content_type, ("Makefile",), "application/octet-stream"),
    ("type dot in folder", content_type, ("v1.2/readme",), "application/octet-stream"),
    ("type unknown", content_type, ("x.qqq",), "application/octet-stream"),
    ("type table", content_type, ("x.qqq", {"qqq": "a/b"}), "a/b"),
]


def run():
    """Failure messages, one per case that does not give its expected value."""
    failures = []
    for desc, func, args, expected in CASES:
        try:
            got = func(*args)
        except Exception as e:  # a crash is a failure to report, not to stop at
            got = "raised %r" % (e,)
        if got != expected:
            failures.append("%s: %r -> %r, expected %r" % (desc, args, got, expected))
    return failures


if __name__ == "__main__":
    failed = run()
    for line in failed:
        print(line)
    print(("failed %d" % len(failed)) if failed else ("ok %d" % len(CASES)))
