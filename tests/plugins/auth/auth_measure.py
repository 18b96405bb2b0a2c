"""Time one password verification, as a login does it, on this runtime.

    micropython tests/plugins/auth/auth_measure.py [ITERATIONS] [RUNS]

Prints the iterations, the median and the fastest time of RUNS verifications
(ms), and whether each verified. MICROPYPATH (or PYTHONPATH) must hold the
picoweb_auth package (tests/support.py's site folder). No test asserts a time:
the figure goes in plugins/auth/README.md with this command.
"""
import sys
import time

from picoweb_auth.passwords import BOARD_ITERATIONS, hash_password, verify_password

try:
    ticks_us, ticks_diff = time.ticks_us, time.ticks_diff
except AttributeError:
    def ticks_us():
        return int(time.perf_counter() * 1000000)

    def ticks_diff(a, b):
        return a - b

iterations = int(sys.argv[1]) if len(sys.argv) > 1 else BOARD_ITERATIONS
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
stored = hash_password("correct horse battery", iterations)
times = []
verified = True
for _ in range(runs):
    t = ticks_us()
    verified = verify_password("correct horse battery", stored) and verified
    times.append(ticks_diff(ticks_us(), t) / 1000)
times.sort()
sys.stdout.write("iterations %d median_ms %.1f min_ms %.1f verified %s wrong_rejected %s\n" % (
    iterations, times[len(times) // 2], times[0], verified,
    not verify_password("correct horse batterY", stored)))
