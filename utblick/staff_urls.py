"""Staff interface URLs, all under /staff/<municipality-slug>/ in the "staff" namespace."""

from utblick.api.staff_urls import urlpatterns as api_urls
from utblick.dashboard.urls import urlpatterns as dashboard_urls
from utblick.documents.urls import urlpatterns as document_urls
from utblick.funding.urls import urlpatterns as funding_urls
from utblick.isg.urls import urlpatterns as isg_urls
from utblick.jobs.urls import urlpatterns as job_urls
from utblick.news.urls import urlpatterns as news_urls
from utblick.newsletter.urls import urlpatterns as newsletter_urls
from utblick.opendata.urls import urlpatterns as opendata_urls
from utblick.partners.urls import urlpatterns as partner_urls
from utblick.projects.urls import urlpatterns as project_urls
from utblick.strategy.urls import urlpatterns as strategy_urls
from utblick.tenancy.urls import staff_urlpatterns as tenancy_urls

app_name = "staff"
urlpatterns = (
    dashboard_urls
    + tenancy_urls
    + partner_urls
    + project_urls
    + job_urls
    + document_urls
    + strategy_urls
    + funding_urls
    + isg_urls
    + news_urls
    + newsletter_urls
    + opendata_urls
    + api_urls
)
