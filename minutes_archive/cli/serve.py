"""`minutes serve`: the archive as a local, read-only web page (minutes_archive/web).

Starlette, uvicorn and Jinja2 are imported inside the command only: every other command starts without them.
No `from __future__ import annotations` here (see app.py: Typer reads the annotations on each run).
"""
import sys

import typer

from ..errors import MinutesError
from .common import app, archive_options, fail

LOCAL = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    ctx: typer.Context,
    port: int = typer.Option(8765, "--port", help="The port to listen on; 0 picks a free one."),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="The address to listen on. Anything but this machine lets others read the archive: "
                                  "there is no login."),
) -> None:
    """Open the archive in a browser: search, the page beside the hit, citations (read-only, this machine)."""
    if host not in LOCAL:
        typer.echo(f"Warning: serving on {host} lets anyone who can reach this machine read the archive; there is "
                   f"no login. Use the default --host 127.0.0.1 to keep it on this machine.", err=True)
    try:
        sock = _listen(host, port)
    except OSError as exc:
        fail(MinutesError(f"Cannot listen on {host} port {port}: {exc.strerror or exc}."))
    try:
        from ..web.app import create_app

        local = host in LOCAL
        web = create_app(ctx.obj, allowed_hosts=["127.0.0.1", "localhost", "::1", "[::1]"] if local else None,
                         **archive_options(ctx))
    except MinutesError as exc:
        sock.close()
        fail(exc)
    import uvicorn

    shown_host = f"[{host}]" if ":" in host else host
    actual = sock.getsockname()[1]
    config = uvicorn.Config(web, log_level="warning", access_log=False, lifespan="off", server_header=False)
    server = uvicorn.Server(config)
    # The socket already listens: a browser that connects on this line waits in its backlog, never refused.
    print(f"Serving {web.state.reader.archive.path} at http://{shown_host}:{actual}/ (read-only; Ctrl-C to stop)",
          flush=True)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops cleanly on Ctrl-C, then raises it again: a wanted stop, not a failure
        pass
    finally:
        web.state.close()
        sock.close()
    sys.stdout.flush()


def _listen(host: str, port: int):
    """A listening socket on `host` (IPv4 or IPv6), so that --port 0 is known before the line is printed."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    if host == "localhost":
        host = "127.0.0.1"
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock
