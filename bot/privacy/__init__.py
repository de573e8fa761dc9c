"""Privacy: the anonymiser, Slack escaping and the logging filter.

Import from the modules themselves: `bot.privacy.anonymiser` loads Presidio, which takes a
second or two, and only the paths that anonymise need it.
"""
