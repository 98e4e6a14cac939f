from .models import Job


def recent_jobs(*, municipality, limit=50):
    return Job.objects.filter(municipality=municipality).select_related(
        "municipality", "created_by"
    )[:limit]
