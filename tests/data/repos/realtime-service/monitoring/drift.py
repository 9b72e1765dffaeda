"""Hourly: compares the last hour of ranking requests with the training sample."""

import pandas as pd
from evidently import Report
from evidently.presets import DataDriftPreset

reference = pd.read_parquet("s3://shop-ml/ranker/training-sample.parquet")
current = pd.read_parquet("s3://shop-ml/ranker/requests/last-hour.parquet")
Report([DataDriftPreset()]).run(current, reference).save_json("drift.json")
