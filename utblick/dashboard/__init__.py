"""The staff start page of a municipality: what each role has to do next, across the apps.

A surface: it reads from every domain app and nothing imports it.
"""
