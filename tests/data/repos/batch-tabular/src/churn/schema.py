"""What a row of the customer extract must look like before anything uses it."""

import pandera as pa
from pandera.typing import Series


class Customers(pa.DataFrameModel):
    customer_id: Series[str] = pa.Field(unique=True)
    tenure_months: Series[int] = pa.Field(ge=0, le=600)
    monthly_spend: Series[float] = pa.Field(ge=0)
    plan: Series[str] = pa.Field(isin=["basic", "plus", "family"])
    churned: Series[int] = pa.Field(isin=[0, 1], nullable=True)
