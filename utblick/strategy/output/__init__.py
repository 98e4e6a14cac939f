"""The action plan document and the follow-up report as DOCX and PDF."""
