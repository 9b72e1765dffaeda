"""The built-in report templates, compiled by Jinja. Written by
`python -m mlready.render.precompile`: do not edit."""

JINJA = "3.1.6"
SOURCES = {
    "gap.html.j2": "4fcee75a6a4df876cf1adda8",
    "gap.md.j2": "3c5d6a4f2ba16fb255662f31",
    "report.html.j2": "daef2ea966c0a9c8a1948e72",
    "report.md.j2": "676e003df256fc0c9711ebe0",
}
