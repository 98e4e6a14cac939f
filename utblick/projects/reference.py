"""Funder programmes and the Agenda 2030 goals (reference data shared by all)."""

# (Swedish name, English name, EU programme)
PROGRAMMES = [
    ("Erasmus+", "Erasmus+", True),
    ("Interreg Östersjöprogrammet", "Interreg Baltic Sea Region", True),
    ("Interreg Europe", "Interreg Europe", True),
    ("Interreg Öresund-Kattegat-Skagerrak", "Interreg Öresund-Kattegat-Skagerrak", True),
    ("Interreg Aurora", "Interreg Aurora", True),
    ("Interreg Sverige-Norge", "Interreg Sweden-Norway", True),
    ("Interreg Nordsjöprogrammet", "Interreg North Sea", True),
    ("Medborgare, jämlikhet, rättigheter och värden (CERV)", "CERV", True),
    ("Europeiska socialfonden (ESF+)", "European Social Fund Plus (ESF+)", True),
    ("LIFE", "LIFE", True),
    ("Asyl-, migrations- och integrationsfonden (AMIF)", "AMIF", True),
    ("Horisont Europa", "Horizon Europe", True),
    ("Kreativa Europa", "Creative Europe", True),
    ("Nordplus", "Nordplus", False),
    ("Nordiska ministerrådet", "Nordic Council of Ministers", False),
    ("ICLD", "ICLD", False),
    ("Universitets- och högskolerådet (UHR)", "Swedish Council for Higher Education (UHR)", False),
    ("Vinnova", "Vinnova", False),
    ("Sida", "Sida", False),
    ("Region", "Region", False),
    ("Annan finansiär", "Other funder", False),
]

# The 17 Sustainable Development Goals: (Swedish, English).
GOALS = [
    ("Ingen fattigdom", "No poverty"),
    ("Ingen hunger", "Zero hunger"),
    ("Hälsa och välbefinnande", "Good health and well-being"),
    ("God utbildning för alla", "Quality education"),
    ("Jämställdhet", "Gender equality"),
    ("Rent vatten och sanitet för alla", "Clean water and sanitation"),
    ("Hållbar energi för alla", "Affordable and clean energy"),
    ("Anständiga arbetsvillkor och ekonomisk tillväxt", "Decent work and economic growth"),
    ("Hållbar industri, innovationer och infrastruktur", "Industry, innovation and infrastructure"),
    ("Minskad ojämlikhet", "Reduced inequalities"),
    ("Hållbara städer och samhällen", "Sustainable cities and communities"),
    ("Hållbar konsumtion och produktion", "Responsible consumption and production"),
    ("Bekämpa klimatförändringarna", "Climate action"),
    ("Hav och marina resurser", "Life below water"),
    ("Ekosystem och biologisk mångfald", "Life on land"),
    ("Fredliga och inkluderande samhällen", "Peace, justice and strong institutions"),
    ("Genomförande och globalt partnerskap", "Partnerships for the goals"),
]


def load_reference_data(FunderProgramme, SustainableDevelopmentGoal):
    for name_sv, name_en, is_eu in PROGRAMMES:
        FunderProgramme.objects.update_or_create(
            name=name_sv,
            defaults={"name_sv": name_sv, "name_en": name_en, "is_eu": is_eu},
        )
    for number, (name_sv, name_en) in enumerate(GOALS, start=1):
        SustainableDevelopmentGoal.objects.update_or_create(
            number=number, defaults={"name": name_sv, "name_sv": name_sv, "name_en": name_en}
        )
