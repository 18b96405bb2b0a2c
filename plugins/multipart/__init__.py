"""picoweb_multipart: multipart/form-data uploads, read as a stream.

    from picoweb_multipart import read_multipart

    @app.route("/upload", methods=["POST"])
    async def upload(req, resp):
        form = await read_multipart(req, upload_dir="uploads")
        f = form.files["file"]                # saved as f.path, f.size bytes
        return {"title": form.fields.get("title"), "name": f.filename}

Fields and files come part by part; a file is written in pieces of
MultipartLimits.piece bytes (512), never held whole. MultipartReader gives the
parts one at a time; MultipartParser is the sans-IO parser under both. Loaded
only when an app imports it; it uses only the core's public API
(`await req.read(n)`, `before_request`, HTTPError).
"""
from .errors import MultipartError
from .headers import boundary_of, safe_filename
from .parser import DATA, DONE, END, NEED_DATA, PART, MultipartParser, Part
from .plugin import Multipart
from .reader import (Fields, Form, MultipartLimits, MultipartReader, UploadedFile,
                     UploadPart, read_multipart)

__all__ = ("Multipart", "MultipartLimits", "MultipartReader", "MultipartParser",
           "MultipartError", "Part", "UploadPart", "UploadedFile", "Form", "Fields",
           "read_multipart", "safe_filename", "boundary_of",
           "NEED_DATA", "PART", "DATA", "END", "DONE")
