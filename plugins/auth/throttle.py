# Brute-force limiter: failed logins per client address, in a fixed-size table.
#
# Strategy: each address gets `attempts` free failures; after that it is locked
# out for `lockout` seconds, doubling with every further failure up to
# `max_lockout`. While locked, a request is refused at once (429 with
# Retry-After) without checking the password, so an attacker costs the board
# neither a PBKDF2 run nor a held connection (sleeping before an answer would
# hold one of a board's 16 connection slots). Memory is bounded: at most
# `size` entries; a new address evicts the unlocked entry idle longest. When
# every entry is locked (many addresses at once), newcomers share one overflow
# entry, so cycling through addresses does not buy fresh attempts.
from .compat import ticks_add, ticks_diff, ticks_ms


class Throttle:
    """Failed-login limiter keyed by client address.

    >>> t = Throttle(attempts=5, lockout=2, max_lockout=300, size=16)
    >>> t.retry_after("10.0.0.7")      # 0: may try; else seconds to wait
    >>> t.failure("10.0.0.7"); t.success("10.0.0.7")
    """

    def __init__(self, attempts=5, lockout=2, max_lockout=300, size=16, forget=900,
                 clock=None):
        if attempts < 1 or lockout <= 0 or max_lockout < lockout or size < 1:
            raise ValueError("Throttle needs attempts >= 1, 0 < lockout <= max_lockout, size >= 1")
        self.attempts = attempts
        self.lockout_ms = int(lockout * 1000)
        self.max_lockout_ms = int(max_lockout * 1000)
        self.size = size
        # An unlocked entry quiet this long starts again from zero failures.
        self.forget_ms = int(forget * 1000)
        self.entries = []            # [address, failures, locked_until, last_failure]
        self.overflow = [None, 0, 0, 0]
        # Milliseconds, as time.ticks_ms() counts them (tests pass their own).
        self.clock = clock or ticks_ms

    def _left(self, entry, now):
        # Milliseconds of lockout left (0 if none).
        if entry[1] < self.attempts:
            return 0
        left = ticks_diff(entry[2], now)
        return left if left > 0 else 0

    def _find(self, addr, now, create):
        for e in self.entries:
            if e[0] == addr:
                return e
        if len(self.entries) < self.size:
            if not create:
                return None
            e = [addr, 0, now, now]
            self.entries.append(e)
            return e
        oldest = None
        for e in self.entries:
            if not self._left(e, now) and (oldest is None or
                                           ticks_diff(oldest[3], e[3]) > 0):
                oldest = e
        if oldest is None:
            return self.overflow  # every entry locked: many addresses at once
        if not create:
            return None
        oldest[0] = addr
        oldest[1] = 0
        oldest[2] = oldest[3] = now
        return oldest

    def retry_after(self, addr):
        """Seconds `addr` must wait before its next try (0: it may try now)."""
        now = self.clock()
        e = self._find(addr, now, False)
        if e is None:
            return 0
        left = self._left(e, now)
        return (left + 999) // 1000

    def failure(self, addr):
        """Record a failed attempt; returns the seconds now to wait (0: none)."""
        now = self.clock()
        e = self._find(addr, now, True)
        if e[1] and not self._left(e, now) and ticks_diff(now, e[3]) > self.forget_ms:
            e[1] = 0  # quiet long enough: forgiven
        e[1] += 1
        e[3] = now
        if e[1] >= self.attempts:
            wait = self.lockout_ms << min(e[1] - self.attempts, 20)
            if wait > self.max_lockout_ms:
                wait = self.max_lockout_ms
            e[2] = ticks_add(now, wait)
        return self.retry_after(addr)

    def success(self, addr):
        """A successful login forgets the address's failures."""
        for i in range(len(self.entries)):
            if self.entries[i][0] == addr:
                self.entries.pop(i)
                return


def client_address(resp):
    """The client's IP address as a str (the key the limiter uses)."""
    try:
        peer = resp.get_extra_info("peername")
        return str(peer[0])
    except (TypeError, IndexError, KeyError, OSError, AttributeError):
        return "-"


def too_many(seconds):
    """The 429 answer for a locked-out client, as a handler's return value."""
    return ("429 Too Many Requests: try again in %d s\n" % seconds, 429,
            [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", str(seconds))])
