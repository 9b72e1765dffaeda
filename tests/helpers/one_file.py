"""A repository of one file, for the scan's line search without a folder to read."""


class OneFile:
    """Holds one text, whatever name is read; no time limit on the searches."""

    deadline = None

    def __init__(self, text: str) -> None:
        self.text = text

    def read(self, name: str) -> str:
        return self.text

    def read_bytes(self, name: str) -> bytes:
        return self.text.encode()
