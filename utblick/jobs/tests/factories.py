import factory

from utblick.jobs.models import Job


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    title = factory.Sequence(lambda n: f"Import {n}")
    handler = "utblick.jobs.tests.handlers.count_rows"
    params = factory.LazyFunction(lambda: {"rows": 3})


def world_records(*, municipality, unit):
    return {"job": JobFactory(municipality=municipality)}
