"""The extractor's version: bump whenever any output of ``extract`` can change."""

EXTRACTOR_VERSION = "2026.12.9"
