"""Trains the fraud model on the labelled payments."""

import sys

import joblib
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier


def fit(payments: pd.DataFrame) -> HistGradientBoostingClassifier:
    model = HistGradientBoostingClassifier(random_state=7)
    return model.fit(payments.drop(columns="fraud"), payments["fraud"])


if __name__ == "__main__":
    joblib.dump(fit(pd.read_parquet(sys.argv[1])), sys.argv[2])
