"""The use cases: what a practitioner can do, each one storage transaction, and the only
code that changes a dialog's status."""
