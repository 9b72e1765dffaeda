"""Globs from a grammar, for property tests of the one glob dialect."""

from hypothesis import strategies as st

# Segments of plain text, `*`, `?` and sets, and whole `**` segments.
SEGMENT_PIECES = ["a", "b", ".", "_", "ab", "*", "?", "[ab]", "[!a]", "[a-c]", "[.]", "**x"]


def globs() -> st.SearchStrategy[str]:
    """A glob of one to four segments."""
    segment = st.lists(st.sampled_from(SEGMENT_PIECES), min_size=1, max_size=4).map("".join)
    return st.lists(segment | st.just("**"), min_size=1, max_size=4).map("/".join)
