"""Exceptions that services of several apps raise and the shared views understand."""


class StillInUse(Exception):
    """The record cannot be deleted while others refer to it; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = str(message)
