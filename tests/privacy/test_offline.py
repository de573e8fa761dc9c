"""Building and using the anonymiser makes no network call (not even a refused one)."""

import subprocess
import sys
import textwrap

_PROBE = textwrap.dedent(
    """
    import socket

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args[1:] if args else kwargs)
        raise OSError("network blocked by test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from bot.privacy.anonymiser import Anonymiser

    result = Anonymiser(b"k").anonymise(
        "Email jo.bloggs@example.co.uk, see www.example.org, call 0117 496 0123, Mrs Patel."
    )
    assert "jo.bloggs" not in result.text and "Patel" not in result.text, result.text
    print("attempts:", attempts)
    """
)


def test_anonymiser_makes_no_network_call(tmp_path: object) -> None:
    env = {"TLDEXTRACT_CACHE": str(tmp_path), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "attempts: []" in done.stdout
