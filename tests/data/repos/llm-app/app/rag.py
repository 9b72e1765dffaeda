"""Answers a customer's question from the help-centre articles."""

from openai import OpenAI

from app.prompting import build_prompt

MODEL = "gpt-4o-2024-08-06"
client = OpenAI(timeout=20, max_retries=2)


def answer(question: str, search) -> str:
    articles = search(question, limit=4)
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": build_prompt(question, articles)}],
        temperature=0,
    )
    return response.choices[0].message.content
