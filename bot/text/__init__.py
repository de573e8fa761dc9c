"""The words users read: jinja2 templates, step text, summaries, UK time."""
