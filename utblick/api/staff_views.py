"""The staff page where a user gets (or renews) their personal API token."""

from django.db import transaction
from django.shortcuts import render
from rest_framework.authtoken.models import Token

from utblick.tenancy.decorators import staff_view


@staff_view()
def api_token(request, municipality):
    """Show whether the user has a token; POST makes a new one (the old one stops working)
    and shows the new key once."""
    key = None
    if request.method == "POST":
        with transaction.atomic():
            Token.objects.filter(user=request.user).delete()
            key = Token.objects.create(user=request.user).key
    return render(
        request,
        "staff/opendata/api_token.html",
        {
            "municipality": municipality,
            "has_token": key is not None or Token.objects.filter(user=request.user).exists(),
            "key": key,
        },
    )
