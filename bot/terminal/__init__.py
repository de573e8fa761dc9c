"""The terminal side: `infoshare chat` and its recorder."""
