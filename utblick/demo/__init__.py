"""The demo: sample municipalities and their data, and the region-scale load-test data.

The top layer: it writes through every app and nothing imports it (see ``.importlinter``).
"""
