from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from utblick.tenancy.decorators import staff_view

from .models import Job
from .selectors import recent_jobs


@staff_view()
def job_list(request, municipality):
    jobs = recent_jobs(municipality=municipality)
    return render(request, "staff/jobs/list.html", {"municipality": municipality, "jobs": jobs})


@staff_view()
def job_detail(request, municipality, pk):
    job = get_object_or_404(
        Job.objects.select_related("created_by"), pk=pk, municipality=municipality
    )
    return render(request, "staff/jobs/detail.html", {"municipality": municipality, "job": job})


@staff_view()
def job_status(request, municipality, pk):
    """The job's progress as JSON, polled by the job page's script."""
    job = get_object_or_404(Job, pk=pk, municipality=municipality)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "message": job.message,
            "finished": job.is_finished,
        }
    )
