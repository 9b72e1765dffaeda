"""The ranking model as the service calls it."""

import mlflow.pyfunc
import pandas as pd

MODEL_URI = "models:/ranker@champion"


def load() -> mlflow.pyfunc.PyFuncModel:
    return mlflow.pyfunc.load_model(MODEL_URI)


def rank(model: mlflow.pyfunc.PyFuncModel, candidates: pd.DataFrame) -> list[str]:
    scores = model.predict(candidates)
    return list(candidates.assign(score=scores).sort_values("score", ascending=False)["sku"])
