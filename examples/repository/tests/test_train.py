import pandas as pd

from fraud.train import fit


def test_a_tiny_model_separates_the_obvious_case() -> None:
    payments = pd.DataFrame({"amount": [5, 6, 9000, 9500] * 5, "fraud": [0, 0, 1, 1] * 5})
    assert list(fit(payments).predict(pd.DataFrame({"amount": [7, 9200]}))) == [0, 1]
