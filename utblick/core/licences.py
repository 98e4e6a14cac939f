"""The licences of the data Utblick publishes, named in every download and API answer.

A municipality's own published data is under CC0 1.0 (the open data law, 2022:818, asks
for reuse without conditions). EU data keeps its source's licence: the European
Commission's documents and data (CORDIS, the Funding & Tenders portal) are reusable under
CC BY 4.0 with the attribution "© European Union" (Commission Decision 2011/833/EU)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    name: str
    url: str
    # The attribution the licence asks for (empty for CC0).
    attribution: str = ""

    def link_header(self) -> str:
        """The HTTP Link header (RFC 8288) that names this licence."""
        return f'<{self.url}>; rel="license"'


CC0 = Licence("CC0 1.0", "http://creativecommons.org/publicdomain/zero/1.0/")
EU_CC_BY_4 = Licence(
    "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", "© European Union"
)
