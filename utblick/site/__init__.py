"""The public site's frame, beneath the apps' public pages (see ``pages``)."""
