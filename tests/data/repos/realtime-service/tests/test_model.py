import pandas as pd

from ranker.model import rank


class Constant:
    def predict(self, frame: pd.DataFrame) -> list[float]:
        return list(frame["clicks_7d"])


def test_the_most_clicked_product_comes_first() -> None:
    page = pd.DataFrame({"sku": ["a", "b"], "clicks_7d": [1, 5]})
    assert rank(Constant(), page) == ["b", "a"]
