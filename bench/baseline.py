"""The bare Bolt baseline: what any Bolt app must do for each request, and nothing more.

It verifies the signature (Bolt's own check), acknowledges, makes one SQLite commit and posts
one message, for a slash command, a click or a modal submission alike. Served the way
`infoshare serve` is (aiohttp, listen backlog 1024, `GET /healthz`).

    python bench/baseline.py --port 3100 --database /tmp/baseline.db
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import time
from typing import Any

import aiosqlite
from aiohttp import web
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

LISTEN_BACKLOG = 1024


def build(db: aiosqlite.Connection) -> AsyncApp:
    client = AsyncWebClient(
        token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"]
    )
    app = AsyncApp(client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"],
                   process_before_response=False)

    async def handle(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        user = str(body.get("user_id") or (body.get("user") or {}).get("id"))
        await db.execute("INSERT INTO request (user, at) VALUES (?, ?)", (user, time.time()))
        await db.commit()
        await client.chat_postMessage(channel=user, text="Next question", blocks=[
            {"type": "section", "text": {"type": "mrkdwn", "text": "*Question.* Yes or no?"}},
            {"type": "actions", "elements": [
                {"type": "button", "action_id": "answer_yes", "value": "1:0:q",
                 "text": {"type": "plain_text", "text": "Yes"}},
                {"type": "button", "action_id": "answer_no", "value": "1:0:q",
                 "text": {"type": "plain_text", "text": "No"}},
            ]},
        ])

    app.command(re.compile(".*"))(handle)
    app.action(re.compile(".*"))(handle)
    app.view(re.compile(".*"))(handle)
    return app


async def serve(port: int, database: str) -> None:
    async with aiosqlite.connect(database) as db:
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("CREATE TABLE IF NOT EXISTS request (user TEXT, at REAL)")
        await db.commit()
        application = build(db).web_app(path="/slack/events", port=port)

        async def healthz(_: web.Request) -> web.Response:
            return web.json_response({"ok": True})

        application.router.add_get("/healthz", healthz)
        runner = web.AppRunner(application, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port, backlog=LISTEN_BACKLOG).start()
        await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", required=True)
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.database))


if __name__ == "__main__":
    main()
