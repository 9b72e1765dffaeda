"""Trains the churn model on the featurized extract and records the run."""

import sys

import joblib
import mlflow
import pandas as pd
import yaml
from sklearn.ensemble import GradientBoostingClassifier


def fit(features: pd.DataFrame, labels: pd.Series, params: dict) -> GradientBoostingClassifier:
    model = GradientBoostingClassifier(random_state=17, **params)
    return model.fit(features, labels)


if __name__ == "__main__":
    params = yaml.safe_load(open("params.yaml"))["train"]
    data = pd.read_parquet(sys.argv[1])
    with mlflow.start_run():
        mlflow.log_params(params)
        model = fit(data.drop(columns="churned"), data["churned"], params)
        joblib.dump(model, sys.argv[2])
