"""Builds the prompt from the system text, the retrieved articles and the question."""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

PROMPTS = Path(__file__).parent.parent / "prompts"
TEMPLATES = Environment(loader=FileSystemLoader(PROMPTS), undefined=StrictUndefined, autoescape=True)
MAX_ARTICLE_CHARS = 6000


def build_prompt(question: str, articles: list[dict[str, str]]) -> str:
    kept = [dict(article, text=article["text"][:MAX_ARTICLE_CHARS]) for article in articles[:4]]
    system = (PROMPTS / "system.md").read_text()
    return TEMPLATES.get_template("answer.j2").render(system=system, articles=kept, question=question)
