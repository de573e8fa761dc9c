"""The record as auditors and data protection officers use it: verify, export, retention."""
