"""Monthly churn scores for every active customer."""
