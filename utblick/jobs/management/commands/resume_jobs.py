from django.core.management.base import BaseCommand

from utblick.jobs.services import resume_unfinished_jobs


class Command(BaseCommand):
    help = "Put jobs left queued or running by a stopped worker back on the queue."

    def handle(self, *args, **options):
        count = resume_unfinished_jobs()
        if options["verbosity"]:
            self.stdout.write(f"{count} job(s) put back on the queue.")
