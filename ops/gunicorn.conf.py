"""gunicorn settings for Casus: `gunicorn -c ops/gunicorn.conf.py casus.wsgi:application`
(docs/operations.md, "Production set-up"). Options given on the command line win over these.

Environment: CASUS_BIND (default 127.0.0.1:8000, nginx in front), WEB_CONCURRENCY (workers, default
cores + 1).
"""

import gc
import multiprocessing
import os

bind = os.environ.get("CASUS_BIND", "127.0.0.1:8000")
# Cores + 1 sync workers: a request is mostly CPU (Django, ~8 ms for a page of the API's case list) and
# PostgreSQL on the same machine needs the rest. Measured on 2 cores at 16 concurrent clients: 3 workers
# served 168-213 list requests per second, 5 workers 156-172 (docs/performance.md). With the database on
# another machine, or slow clients without nginx buffering, raise WEB_CONCURRENCY.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
timeout = 60  # above the slowest request (the Monitor's PDF export of every case type)
graceful_timeout = 30
max_requests = 2000  # a worker is replaced now and then: memory stays flat
max_requests_jitter = 200
forwarded_allow_ips = "127.0.0.1"  # nginx on the same machine sets X-Forwarded-Proto
accesslog = None  # nginx keeps the access log


def post_worker_init(worker):
    """Once the worker has loaded Django and Casus: move everything alive now (modules, URL patterns,
    templates, settings) out of the garbage collector's reach. Otherwise every full collection walks
    those hundreds of thousands of long-lived objects again, and such a pause lands in some request:
    it set the work list's p95 (docs/performance.md). gc.freeze is the standard library's tool for this."""
    gc.collect()
    gc.freeze()
