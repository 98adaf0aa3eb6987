"""``c2q sandbox serve``: run the sandbox server in the foreground until Ctrl-C.

Keys: ``--keys FILE``, or by default ``$XDG_DATA_HOME/c2q/sandbox-keys.toml``;
a missing file is created (mode 0600) with one fresh Admin key pair.
The private key is printed once, when that file is created, and only when
stdout is a terminal (a redirected stdout usually ends up in a log file);
at every other start the notice says which file holds it.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path


def _print_banner(handle, keys_path: Path, created: bool, out) -> None:
    print(f"c2q sandbox: serving {handle.database} (cluster_id {handle.cluster_id})", file=out)
    print(f"  endpoint:    {handle.endpoint}", file=out)
    print(f"  public key:  {handle.public_key}", file=out)
    if created and out.isatty():
        print(
            f"  private key: {handle.private_key}   (shown once; stored in {keys_path}, mode 0600)",
            file=out,
        )
    elif created:
        print(
            f"  private key: new key pair stored in {keys_path} (mode 0600); not printed because "
            "stdout is not a terminal",
            file=out,
        )
    else:
        print(f"  private key: in {keys_path}", file=out)
    print(
        f"  try:        curl --digest --user PUBLIC:PRIVATE '{handle.endpoint}/v3/dataSummaries'",
        file=out,
    )
    print("Press Ctrl-C to stop.", file=out, flush=True)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and literal loopback addresses (127.0.0.0/8, ::1)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def plain_http_warning(host: str) -> str | None:
    """What to tell the operator when the server is reachable from other machines over plain HTTP."""
    if is_loopback(host):
        return None
    return (
        f"c2q sandbox: warning: listening on {host} over plain HTTP. Other machines can reach it, "
        "and a client using Basic auth sends its private key in clear text (Digest does not, but "
        "questions and answers are still unencrypted). Put a TLS proxy in front of it, or serve on "
        "127.0.0.1."
    )


def main(args: argparse.Namespace) -> int:
    from c2q_repl.sandbox.embedded import start_sandbox
    from c2q_repl.sandbox.keys import KeysFileError, default_keys_path, load_or_create_keys

    if getattr(args, "sandbox_command", "serve") != "serve":
        print(f"unknown sandbox command {args.sandbox_command!r}", file=sys.stderr)
        return 2
    keys_path = Path(args.keys).expanduser() if args.keys else default_keys_path()
    try:
        keys, created = load_or_create_keys(keys_path)
    except (KeysFileError, OSError) as exc:
        print(f"c2q sandbox: cannot use keys file {keys_path}: {exc}", file=sys.stderr)
        return 2
    if keys_path.exists() and keys_path.stat().st_mode & 0o077:
        print(
            f"c2q sandbox: warning: {keys_path} is readable by other users (chmod 600 it)",
            file=sys.stderr,
        )
    try:
        # C2Q_SANDBOX_DB keeps a MySQL password out of the process list (`ps`)
        db = args.db or os.environ.get("C2Q_SANDBOX_DB") or None
        handle = start_sandbox(
            db=db,
            app_id=args.app_id,
            job_delay=args.job_delay,
            daily_limit=args.daily_limit,
            rpm_limit=args.rpm_limit,
            faults=args.faults,
            seed=args.seed,
            keys=keys,
            engine=args.engine,
            host=args.host,
            port=args.port,
            llm_url=args.llm_url,
            llm_model=args.llm_model,
            llm_key_env=args.llm_key_env,
            log_level="info",
            access_log=True,
        )
    except (ValueError, OSError, RuntimeError) as exc:
        print(f"c2q sandbox: {exc}", file=sys.stderr)
        return 2
    warning = plain_http_warning(args.host)
    if warning:
        print(warning, file=sys.stderr)
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        _print_banner(handle, keys_path, created, sys.stdout)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        handle.stop()
    print("c2q sandbox: stopped", file=sys.stderr)
    return 0
