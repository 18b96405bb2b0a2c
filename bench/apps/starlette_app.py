"""starlette benchmark app, served by uvicorn (httptools + uvloop). CPython only.

    uvicorn starlette_app:app --loop uvloop --http httptools

The template route builds its page with plain strings (common.rows_html), as
for microdot, so no jinja2 is needed.
"""
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse
from starlette.routing import Route

import common


async def index(request):
    return PlainTextResponse(common.TEXT)


async def json_route(request):
    return JSONResponse(common.JSON)


async def user(request):
    return JSONResponse({"id": request.path_params["uid"]})


async def form(request):
    f = await request.form()
    return PlainTextResponse("name=%s age=%s" % (f.get("name"), f.get("age")))


async def rows(request):
    return HTMLResponse(common.rows_html(common.ROWS))


app = Starlette(routes=[
    Route("/", index),
    Route("/json", json_route),
    Route("/user/{uid:int}", user),
    Route("/form", form, methods=["POST"]),
    Route("/rows", rows),
])
