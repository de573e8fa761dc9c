"""Bolt listeners, one module per kind of Slack interaction."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.slack.listeners import (
    actions,
    advice,
    advice_leads,
    commands,
    dialog_menu,
    errors,
    events,
    home,
    reviews,
    views,
)


def register(app: AsyncApp) -> None:
    commands.register(app)
    actions.register(app)
    dialog_menu.register(app)
    views.register(app)
    events.register(app)
    reviews.register(app)
    home.register(app)
    advice.register(app)
    advice_leads.register(app)
    app.error(errors.listener_failed)
