"""Scores card payments for fraud while the payment waits."""
