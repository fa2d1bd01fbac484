"""Connect the timeline to the webhook queue (see services.queue_for_timeline_event)."""

from django.db.models.signals import post_save

from casus.cases.models import Event

from .services import queue_for_timeline_event

post_save.connect(queue_for_timeline_event, sender=Event, dispatch_uid="webhooks_queue_for_timeline_event")
