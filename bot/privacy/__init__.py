"""Privacy: the anonymiser, Slack escaping and the logging filter.

Import from the modules themselves: building `bot.privacy.anonymiser`'s anonymiser reads the
name lists and compiles every pattern, and only the paths that anonymise need it.
"""
