from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        """A page_size that is not a whole number from 1 is an error (400), not silently the
        default; above 500 it is cut to 500."""
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        try:
            size = int(value)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError({self.page_size_query_param: [_("Enter a whole number from 1.")]})
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view):
        """Pages and page sizes start at 1 (page 0 is not found)."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Number of results per page: {self.page_size} if not given, at most "
                    f"{self.max_page_size} (larger values give {self.max_page_size})."
                )
        return parameters
