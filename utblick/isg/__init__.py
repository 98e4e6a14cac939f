"""The international collaboration group (ISG, "internationella samverkansgruppen"): one
representative per department and municipal company, meetings with a drafted agenda, minutes,
decisions and action items, the agenda and minutes as documents and their mail-out."""
