# The listening side: start listening, watch the deadlines of open
# connections. Each connection then runs connection.serve() (Server._serve).
#
# Strategy: one task per connection reads heads with the sans-IO parser and
# hands each request to the app. Timeouts cost nothing per read: reads record a
# deadline, and one watchdog task cancels connections whose deadline passed
# (a slow head gets 408, an idle keep-alive connection is closed quietly).
from .compat import asyncio, start_server, ticks_diff, ticks_ms
from .connection import serve


class Server:
    """Serves one WebApp; made by `app.start_server()`."""

    def __init__(self, app):
        self.app = app
        self.conns = []
        self.closing = False
        self.waiting = 0
        self.freed = None  # an Event, set when a connection ends, once some wait
        self.listener = None
        self.watchdog = None

    async def start(self, host, port, ssl=None):
        if ssl is None:
            self.listener = await start_server(self._serve, host, port, backlog=self.app.backlog)
        else:
            from .server_control import start_tls
            self.listener = await start_tls(self, host, port, ssl)
        self.watchdog = asyncio.create_task(self._watch())

    async def _watch(self):
        while True:
            await asyncio.sleep(0.25)
            now = ticks_ms()
            for r in self.conns:
                if r.deadline is not None and ticks_diff(now, r.deadline) > 0 and not r.expired:
                    r.expired = True
                    r.task.cancel()
            # The loop variable would keep the last connection it saw (its
            # reader, task and buffers) alive through the sleep, and past
            # the connection's end.
            r = None
            if self.waiting:
                # Newcomers wait past the cap: take slots back for them.
                from .admission import make_room
                make_room(self)

    # The loop of one connection, in its own module so that each stays small
    # (a board's compiler needs a block of heap that grows with the names a
    # module uses).
    _serve = serve

    def __getattr__(self, name):
        # port(), shutdown(), wait_closed() and the access log (server_control.METHODS).
        from .server_control import load
        return load(self, name)
