"""The core: domain types and pure functions. It loads no YAML, terminal or template library."""
