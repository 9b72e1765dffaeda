"""Scores every active customer once a month and writes the scores for the CRM export."""

import sys

import joblib
import pandas as pd

from churn.features import featurize

if __name__ == "__main__":
    model = joblib.load("models/churn.joblib")
    customers = pd.read_parquet(sys.argv[1])
    scores = model.predict_proba(featurize(customers))[:, 1]
    customers.assign(churn_score=scores).to_parquet(sys.argv[2])
