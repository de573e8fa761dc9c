"""The Slack side: the Bolt app, its listeners, Block Kit, the audit channel and its poster."""
