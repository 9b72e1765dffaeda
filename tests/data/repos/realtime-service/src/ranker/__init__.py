"""Ranks the products of a search results page for the shopper who asked."""
