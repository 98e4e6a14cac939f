"""The opendata app has no translated content (EU data is published in English); the due
diligence checks keep their history."""

from simple_history import register as register_history

from .models import DueDiligence

register_history(DueDiligence, app=__package__)
