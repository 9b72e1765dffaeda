"""The I/O layer: files into core values and back.

YAML with positions, atomic writes under one output policy, the cache, settings, resources.
"""
