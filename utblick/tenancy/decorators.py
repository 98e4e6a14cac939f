from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from utblick.security.services import second_factor_required

from . import permissions


def redirect_to_second_factor(request):
    return redirect(f"{reverse('second_factor')}?{urlencode({'next': request.get_full_path()})}")


def staff_view(action=permissions.VIEW):
    """Resolve the municipality from the URL and check ``action`` through the permission module.

    The view receives the municipality as its second argument; anonymous users go to the
    sign-in page, signed-in users without the right get 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, municipality_slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if second_factor_required(request):
                return redirect_to_second_factor(request)
            municipality = permissions.active_municipality(request.user, municipality_slug)
            if municipality is None:
                raise Http404
            if not permissions.allows(request.user, action, municipality):
                raise PermissionDenied
            request.municipality = municipality
            return view(request, municipality, *args, **kwargs)

        wrapper.staff_action = action
        return wrapper

    return decorator
