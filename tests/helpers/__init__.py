"""What several test modules share and that is not a fixture: the small bank's texts, ways to
run mlready, builders of repositories and scripted walks. Fixtures live in tests/conftest.py;
no test module imports another (tests/test_test_modules.py)."""
