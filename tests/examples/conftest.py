"""tests/examples: the repository root on sys.path, so `examples` is the example
apps' package when pytest runs without the root on its path. Appended, not put
first: a regular package wins over this folder (a namespace package of the same
name) wherever it stands on the path."""
import sys

import support

if support.ROOT not in sys.path:
    sys.path.append(support.ROOT)
