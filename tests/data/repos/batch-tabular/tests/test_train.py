import pandas as pd

from churn.train import fit


def test_a_tiny_model_fits() -> None:
    features = pd.DataFrame({"x": [0, 1, 0, 1]})
    model = fit(features, pd.Series([0, 1, 0, 1]), {"n_estimators": 5})
    assert list(model.predict(features)) == [0, 1, 0, 1]
