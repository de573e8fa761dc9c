"""The `infoshare` command: serve, socket, chat, flows check / draw, audit verify / export /
purge."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any

from dialogs.diagram import mermaid
from dialogs.loading import (
    DEFAULT_FLOW_ID,
    FlowError,
    check_file,
    find_flow_path,
    load_flow,
    shipped_flow_paths,
)

if TYPE_CHECKING:
    from bot.settings import Mode, Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    result: int = args.run(args)
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="infoshare",
        description="Work through the information-sharing flowchart and record the decision.",
    )
    commands = parser.add_subparsers(title="commands")

    chat = commands.add_parser("chat", help="the dialog in this terminal (no Slack needed)")
    chat.add_argument(
        "--flow", help=f"flow id or file (default: $INFOSHARE_FLOW or {DEFAULT_FLOW_ID})"
    )
    chat.set_defaults(run=_chat)

    serve = commands.add_parser("serve", help="run the Slack app in HTTP mode")
    serve.add_argument("--port", type=int, help="port to listen on (default: $PORT or 3000)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, behind a reverse proxy on this machine; "
        "0.0.0.0 to listen on every interface, e.g. in a container)",
    )
    serve.set_defaults(run=_serve)

    socket = commands.add_parser("socket", help="run the Slack app in Socket Mode")
    socket.set_defaults(run=_socket)

    flows = commands.add_parser("flows", help="check or draw decision flows")
    flow_commands = flows.add_subparsers(title="flow commands", required=True)
    check = flow_commands.add_parser("check", help="validate flows (all shipped flows by default)")
    check.add_argument("flows", nargs="*", metavar="ID|PATH")
    check.set_defaults(run=_flows_check)
    draw = flow_commands.add_parser("draw", help="print a flow as a Mermaid flowchart")
    draw.add_argument("flow", metavar="ID|PATH")
    draw.set_defaults(run=_flows_draw)

    from bot.records.commands import add_audit_commands

    add_audit_commands(commands)
    return parser


def _flows_check(args: argparse.Namespace) -> int:
    try:
        paths = [find_flow_path(item) for item in args.flows] or shipped_flow_paths()
    except FlowError as error:
        return _report_flow_error(error)
    failed = 0
    for path in paths:
        checked = check_file(path)
        if checked.flow is not None and not checked.problems:
            flow = checked.flow
            print(f"ok    {path}: {flow.id} v{flow.version}, {len(flow.nodes)} nodes")
            continue
        failed += 1
        print(f"FAIL  {path}: {len(checked.problems)} problem(s)")
        for problem in checked.problems:
            print(f"      - {problem}")
    return 1 if failed else 0


def _flows_draw(args: argparse.Namespace) -> int:
    try:
        flow = load_flow(find_flow_path(args.flow))
    except FlowError as error:
        return _report_flow_error(error)
    sys.stdout.write(mermaid(flow))
    return 0


def _chat(args: argparse.Namespace) -> int:
    try:
        flow = load_flow(find_flow_path(args.flow or _default_flow()))
    except FlowError as error:
        return _report_flow_error(error)

    from bot.settings import Mode, Settings, SettingsError
    from bot.terminal.chat import Terminal, run_chat
    from bot.terminal.recorder import DatabaseRecorder
    from dialogs.loading import FlowLibrary

    try:
        settings = Settings.from_environment(Mode.CHAT)
    except SettingsError as error:
        return _fail("infoshare chat cannot start: the environment needs fixing.", error.problems)
    recorder = DatabaseRecorder(settings, FlowLibrary.shipped().including(flow))
    try:
        return run_chat(flow, Terminal(sys.stdin, sys.stdout), recorder)
    except KeyboardInterrupt:
        print("\nStopped. Nothing was recorded.")
        return 130


def _serve(args: argparse.Namespace) -> int:
    from bot.settings import Mode
    from bot.slack.server import serve_forever

    return _run_bot(
        Mode.HTTP, args.port, lambda settings: serve_forever(settings, args.host, settings.port)
    )


def _socket(args: argparse.Namespace) -> int:
    from bot.settings import Mode
    from bot.slack.server import socket_forever

    return _run_bot(Mode.SOCKET, None, socket_forever)


def _run_bot(
    mode: Mode, port: int | None, run: Callable[[Settings], Coroutine[Any, Any, None]]
) -> int:
    import asyncio

    from sqlalchemy.exc import SQLAlchemyError

    from bot.logs import configure_logging
    from bot.settings import Settings, SettingsError
    from bot.slack.audit import AuditChannelError

    configure_logging()
    try:
        settings = Settings.from_environment(mode, port=port)
        asyncio.run(run(settings))
    except SettingsError as error:
        return _fail("infoshare cannot start: the environment needs fixing.", error.problems)
    except FlowError as error:
        return _report_flow_error(error)
    except AuditChannelError as error:
        return _fail("infoshare cannot start: the audit channel is not safe to use.", [str(error)])
    except ValueError as error:  # e.g. a DATABASE_URL that cannot be used
        return _fail("infoshare cannot start.", [str(error)])
    except (OSError, SQLAlchemyError) as error:
        return _fail(
            "infoshare cannot start: the database did not answer.",
            [
                f"Check DATABASE_URL (or unset it to use the embedded SQLite file); "
                f"the error was {type(error).__name__}."
            ],
        )
    except KeyboardInterrupt:
        return 0
    return 0


def _fail(headline: str, problems: list[str]) -> int:
    print(headline, file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1


def _default_flow() -> str:
    import os

    return os.environ.get("INFOSHARE_FLOW") or DEFAULT_FLOW_ID


def _report_flow_error(error: FlowError) -> int:
    print(f"FAIL  {error.source}", file=sys.stderr)
    for problem in error.problems:
        print(f"      - {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
