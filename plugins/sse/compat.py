# Every CPython / MicroPython difference the SSE plugin meets, in one place.
# MicroPython has no async generators (an `async def` with `yield` is a plain
# generator there), so on a board a source is a generator, an object with
# __aiter__/__anext__, or a function that sends through the stream.
import sys

try:
    import asyncio
except ImportError:  # MicroPython before 1.13
    import uasyncio as asyncio

MICROPYTHON = sys.implementation.name == "micropython"
CancelledError = asyncio.CancelledError
TimeoutError_ = asyncio.TimeoutError


def current_task():
    return asyncio.current_task()


async def close_source(source):
    # A generator's `finally` runs when it is closed, not when it is dropped
    # (a board never finalizes it at all).
    aclose = getattr(source, "aclose", None)
    if aclose is not None:
        try:
            await aclose()
        except (RuntimeError, StopAsyncIteration):
            pass  # already running or finished
        return
    close = getattr(source, "close", None)
    if close is not None:
        try:
            close()
        except (ValueError, RuntimeError):
            pass  # a generator that is executing cannot be closed from inside
