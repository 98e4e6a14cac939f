# The funding tests' cache of real call vectors: the drafted agenda ranks calls by meaning.
from utblick.funding.tests.conftest import cached_passages  # noqa: F401
