# Password hashing for stored users: PBKDF2-HMAC-SHA256 (RFC 8018), stored as
# one self-describing string
#
#     pbkdf2_sha256$<iterations>$<salt, base64>$<hash, base64>
#
# so the iteration count can be raised later and old hashes still verify.
#
# Strategy: CPython has hashlib.pbkdf2_hmac in C. MicroPython has only sha256,
# so the loop is here: one prepared HMAC key (hmac_sha256.HMACKey) and the
# running XOR kept as one int (a 32-byte int XOR is a single operation there,
# where a byte loop is 32 interpreted steps).
from .compat import (MICROPYTHON, asyncio, b64decode, b64encode, compare_digest,
                     pbkdf2_hmac, random_bytes)

ALGORITHM = "pbkdf2_sha256"
# Iterations for new hashes. A board's default is set so that one
# verification on an ESP32-class board takes about a second: see README.md
# ("Password hashing") for the measured figure and the factor assumed.
BOARD_ITERATIONS = 25000
# OWASP's 2023 figure for PBKDF2-HMAC-SHA256 on servers.
SERVER_ITERATIONS = 600000
DEFAULT_ITERATIONS = BOARD_ITERATIONS if MICROPYTHON else SERVER_ITERATIONS
SALT_BYTES = 16
# Stored hashes from elsewhere are not trusted to be sane: a huge count would
# stall the board for hours on one login.
MAX_ITERATIONS = 10000000


# Iterations between two turns of the scheduler in averify_password (about
# 2 ms under the unix micropython, 40 ms on an ESP32-class board).
STEP = 1000


def _pbkdf2_steps(password, salt, iterations, dklen, step):
    # A generator: yields after each `step` iterations (never when step is
    # None) and returns the key.
    from .hmac_sha256 import HMACKey
    digest = HMACKey(password).digest
    out = b""
    block = 1
    while len(out) < dklen:
        u = digest(salt + block.to_bytes(4, "big"))
        acc = int.from_bytes(u, "big")
        left = iterations - 1
        while left > 0:
            n = left if step is None or left < step else step
            for _ in range(n):
                u = digest(u)
                acc ^= int.from_bytes(u, "big")
            left -= n
            if step is not None:
                yield
        out += acc.to_bytes(32, "big")
        block += 1
    return out[:dklen]


def _pbkdf2_python(password, salt, iterations, dklen):
    steps = _pbkdf2_steps(password, salt, iterations, dklen, None)
    try:
        while True:
            next(steps)
    except StopIteration as e:
        return e.value


def _inputs(password, salt, iterations):
    if isinstance(password, str):
        password = password.encode()
    if isinstance(salt, str):
        salt = salt.encode()
    if iterations < 1:
        raise ValueError("iterations must be at least 1")
    return password, salt


def pbkdf2_sha256(password, salt, iterations, dklen=32):
    """PBKDF2-HMAC-SHA256 of `password` (str or bytes) and `salt`; `dklen` bytes."""
    password, salt = _inputs(password, salt, iterations)
    if pbkdf2_hmac is not None:
        return pbkdf2_hmac("sha256", password, salt, iterations, dklen)
    return _pbkdf2_python(password, salt, iterations, dklen)


async def apbkdf2_sha256(password, salt, iterations, dklen=32):
    """pbkdf2_sha256 that lets the server go on serving meanwhile: in a
    worker thread on CPython (hashlib releases the GIL), in steps of STEP
    iterations with a turn of the scheduler between them on MicroPython."""
    password, salt = _inputs(password, salt, iterations)
    if pbkdf2_hmac is not None:
        loop = asyncio.get_event_loop()
        return await loop.run_in_executor(None, pbkdf2_hmac, "sha256", password, salt,
                                          iterations, dklen)
    steps = _pbkdf2_steps(password, salt, iterations, dklen, STEP)
    while True:
        try:
            next(steps)
        except StopIteration as e:
            return e.value
        await asyncio.sleep(0)


def hash_password(password, iterations=None, salt=None):
    """A string to store for `password`, with a fresh random 16-byte salt.

    >>> stored = hash_password("s3cret")          # 'pbkdf2_sha256$25000$...$...'
    >>> verify_password("s3cret", stored)
    True

    `iterations` defaults to BOARD_ITERATIONS on MicroPython and
    SERVER_ITERATIONS on CPython; pass `BOARD_ITERATIONS` when making hashes
    on a PC for a board.
    """
    if iterations is None:
        iterations = DEFAULT_ITERATIONS
    if not isinstance(iterations, int) or not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError("iterations must be an int from 1 to %d" % MAX_ITERATIONS)
    if salt is None:
        salt = random_bytes(SALT_BYTES)
    dk = pbkdf2_sha256(password, salt, iterations)
    return "%s$%d$%s$%s" % (ALGORITHM, iterations, b64encode(salt), b64encode(dk))


def _parse(stored):
    # (iterations, salt, hash), or None for anything not ours.
    if isinstance(stored, bytes):
        try:
            stored = stored.decode()
        except UnicodeError:
            return None
    if not isinstance(stored, str):
        return None
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM:
        return None
    try:
        iterations = int(parts[1])
        salt = b64decode(parts[2])
        dk = b64decode(parts[3])
    except ValueError:
        return None
    if not 1 <= iterations <= MAX_ITERATIONS or not dk:
        return None
    return iterations, salt, dk


def verify_password(password, stored):
    """True when `password` matches the `stored` string from hash_password().

    A malformed stored string is False, never an error. The final comparison
    is constant-time. Pass None for a user that does not exist: a hash at the
    default count is computed anyway, so the answer takes as long as for a
    real user and does not tell which names exist. In a handler, prefer
    `await averify_password(...)`: the server goes on serving meanwhile.
    """
    iterations, salt, dk = _stored(stored)
    if iterations is None:
        return False
    out = pbkdf2_sha256(password, salt, iterations, len(dk) if dk else 32)
    return dk is not None and compare_digest(out, dk)


async def averify_password(password, stored):
    """verify_password, awaitable: on a board, one verification takes about a
    second, during which the other connections and tasks keep running."""
    iterations, salt, dk = _stored(stored)
    if iterations is None:
        return False
    out = await apbkdf2_sha256(password, salt, iterations, len(dk) if dk else 32)
    return dk is not None and compare_digest(out, dk)


def _stored(stored):
    # (iterations, salt, hash) to compute; a dummy run with no hash for None
    # (an unknown user); (None, None, None) when there is nothing to compute.
    if stored is None:
        return DEFAULT_ITERATIONS, bytes(SALT_BYTES), None
    parsed = _parse(stored)
    return parsed if parsed is not None else (None, None, None)


def needs_rehash(stored, iterations=None):
    """True when `stored` uses fewer iterations than wanted now (or is not
    ours): hash the password again after the next successful login."""
    parsed = _parse(stored)
    return parsed is None or parsed[0] < (iterations or DEFAULT_ITERATIONS)


def _main(argv):
    # python -m picoweb_auth.passwords [--iterations N]: hash a password read
    # from stdin, e.g. to put a board's users file together on a PC.
    import sys
    iterations = BOARD_ITERATIONS
    if len(argv) >= 2 and argv[0] == "--iterations":
        iterations = int(argv[1])
    password = sys.stdin.readline().rstrip("\r\n")
    sys.stdout.write(hash_password(password, iterations) + "\n")


if __name__ == "__main__":
    import sys
    _main(sys.argv[1:])
