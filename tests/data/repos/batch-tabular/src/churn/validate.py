"""Stops the pipeline when the extract breaks the schema."""

import sys

import pandas as pd

from churn.schema import Customers

if __name__ == "__main__":
    Customers.validate(pd.read_csv(sys.argv[1]), lazy=True)
