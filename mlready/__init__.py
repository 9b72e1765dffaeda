"""mlready: a production-readiness review for ML systems."""
