"""Django admin for the newsletter: platform superusers only (staff use the staff pages)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from utblick.tenancy.admin import SuperuserOnly

from .models import ConsentRecord, Delivery, Issue, MailingList, Subscriber, Subscription


@admin.register(MailingList)
class MailingListAdmin(SuperuserOnly, TranslationAdmin):
    list_display = ["name", "municipality", "audience", "is_active"]
    list_filter = ["municipality", "audience", "is_active"]
    list_select_related = ["municipality"]


class SubscriptionInline(SuperuserOnly, admin.TabularInline):
    model = Subscription
    extra = 0


@admin.register(Subscriber)
class SubscriberAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["email", "municipality", "language", "created_at"]
    list_filter = ["municipality", "language"]
    list_select_related = ["municipality"]
    search_fields = ["email"]
    raw_id_fields = ["user"]
    inlines = [SubscriptionInline]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["subscriber", "mailing_list", "action", "method", "version", "created_at"]
    list_select_related = ["subscriber", "mailing_list"]
    raw_id_fields = ["subscriber", "mailing_list"]


@admin.register(Issue)
class IssueAdmin(SuperuserOnly, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["subject", "municipality", "mailing_list", "status", "sent_at"]
    list_filter = ["municipality", "status"]
    list_select_related = ["municipality", "mailing_list"]
    raw_id_fields = ["job", "created_by"]
    filter_horizontal = ["news_items", "projects"]


@admin.register(Delivery)
class DeliveryAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["issue", "subscriber", "status", "attempts", "smtp_code", "sent_at"]
    list_filter = ["status"]
    list_select_related = ["issue", "subscriber"]
    raw_id_fields = ["issue", "subscriber"]
