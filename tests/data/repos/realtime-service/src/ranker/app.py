"""The ranking service: a health check that ranks a fixed page, and the ranking endpoint."""

import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel, Field

from ranker import model as ranking

app = FastAPI()
MODEL = ranking.load()
FIXED_PAGE = pd.DataFrame({"sku": ["a", "b"], "price": [10.0, 12.0], "clicks_7d": [3, 9]})


class Candidate(BaseModel):
    sku: str
    price: float = Field(gt=0)
    clicks_7d: int = Field(ge=0)


@app.get("/healthz")
def health() -> dict[str, bool]:
    return {"ok": len(ranking.rank(MODEL, FIXED_PAGE)) == 2}


@app.post("/rank")
def rank(candidates: list[Candidate]) -> list[str]:
    frame = pd.DataFrame([candidate.model_dump() for candidate in candidates])
    return ranking.rank(MODEL, frame)
