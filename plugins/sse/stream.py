# The body of an SSE response: what the core iterates (an object with
# __aiter__, sent chunk by chunk as it comes), fed by the app's source.
#
# Strategy: the source runs in a task of its own and hands over one event at
# a time (a slot of one: nothing piles up in memory when the client reads
# slowly). The core's connection task takes events from the slot; when none
# comes for `keepalive` seconds it sends a comment instead, so proxies keep
# the connection and a client that left is noticed by the failing write.
# The core does not tell a body that the client left (its write fails and
# the connection ends), so a watcher checks, twice a second, whether the
# connection's task has ended, and then cancels the source's task: the
# generator is closed (its `finally` runs) on every runtime, also on a
# board that never finalizes generators.
from .compat import CancelledError, TimeoutError_, asyncio, close_source, current_task
from .events import encode_item, format_event

KEEPALIVE = b": keep-alive\n\n"


class EventStream:
    """An SSE response body; its source is a generator, an async generator
    (CPython), an async iterator, or `async def source(stream)` calling
    `await stream.send(data, event=..., id=...)`."""

    poll = 0.5  # seconds between checks that the client is still there

    def __init__(self, source, keepalive=15, retry=None):
        if keepalive is not None and keepalive <= 0:
            raise ValueError("keepalive must be a number of seconds, or None")
        self.source = source
        self.keepalive = keepalive
        self.first = format_event(retry=retry) if retry is not None else None
        self.slot = None
        self.ready = asyncio.Event()
        self.taken = asyncio.Event()
        self.done = False
        self.error = None
        self.producer = self.watcher = self.consumer = None

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.consumer is None:
            self.consumer = current_task()
            self.producer = asyncio.create_task(self._produce())
            self.watcher = asyncio.create_task(self._watch())
            if self.first is not None:
                return self.first
        while True:
            item = self.slot
            if item is not None:
                self.slot = None
                self.taken.set()
                return item
            if self.done:
                self.watcher.cancel()
                if self.error is not None:
                    raise self.error  # the app's bug: logged by the core, response cut
                raise StopAsyncIteration
            self.ready.clear()
            if self.keepalive is None:
                await self.ready.wait()
                continue
            try:
                await asyncio.wait_for(self.ready.wait(), self.keepalive)
            except TimeoutError_:
                return KEEPALIVE

    async def send(self, data=None, event=None, id=None, retry=None, comment=None):
        """For `async def source(stream)`: send one event (waits while the
        previous one is still on its way)."""
        await self._put(format_event(data, event, id, retry, comment))

    async def _put(self, data):
        while self.slot is not None:
            self.taken.clear()
            await self.taken.wait()
        self.slot = data
        self.ready.set()

    async def _produce(self):
        src = self.source
        try:
            if hasattr(src, "__aiter__"):
                it = src.__aiter__()
                while True:
                    try:
                        item = await it.__anext__()
                    except StopAsyncIteration:
                        break
                    if item is not None:
                        await self._put(encode_item(item))
            elif hasattr(src, "__iter__") or hasattr(src, "__next__"):
                for item in src:
                    if item is not None:
                        await self._put(encode_item(item))
            else:
                await src(self)
        except CancelledError:
            pass  # the client left
        except Exception as e:
            self.error = e
        finally:
            self.done = True
            self.ready.set()
            await close_source(src)

    async def _watch(self):
        while not self.done:
            await asyncio.sleep(self.poll)
            if self.consumer.done():
                self.producer.cancel()
                return
