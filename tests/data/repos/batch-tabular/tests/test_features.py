import pandas as pd

from churn.features import featurize


def test_spend_is_capped() -> None:
    customers = pd.DataFrame(
        {"tenure_months": [12], "monthly_spend": [9000.0], "plan": ["basic"]}
    )
    assert featurize(customers)["spend_per_month"].iloc[0] == 500
