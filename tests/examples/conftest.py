"""tests/examples: the repository root first on sys.path, so `examples` is the
example apps' package, never this folder (a namespace package of the same name
when pytest runs without the root on its path)."""
import sys

import support

if sys.path[:1] != [support.ROOT]:
    sys.path.insert(0, support.ROOT)
