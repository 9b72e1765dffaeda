"""The presentation layer: core values into text.

Plain text, the terminal, Markdown, JSON, JUnit, SARIF, GitHub commands and the report.
"""
