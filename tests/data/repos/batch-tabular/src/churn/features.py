"""Features computed the same way for training and for the monthly batch."""

import pandas as pd


def featurize(customers: pd.DataFrame) -> pd.DataFrame:
    features = pd.DataFrame(index=customers.index)
    features["tenure_years"] = customers["tenure_months"] / 12
    features["spend_per_month"] = customers["monthly_spend"].clip(upper=500)
    features["is_family"] = (customers["plan"] == "family").astype(int)
    return features
