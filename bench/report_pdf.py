"""Benchmark: the committee's progress report (PDF), for the demo programme and a large one.

Usage:
  .venv/bin/python bench/report_pdf.py [--erics 200] [--runs 3]
  DATABASE_URL=postgres://…/a_database_you_can_drop .venv/bin/python bench/report_pdf.py

Loads the demo programme (seeds/004) and generates a programme of ``--erics`` ERIC over
12 months with ``bench/dashboards.py``'s generator (a weekly call per ERIC, a monthly
animation per ERIC, one in ten left undocumented). Without DATABASE_URL it runs on a
throw-away SQLite database; on a database where an earlier run left the generated
programme, it measures that one again.

Each report is produced in a child process (forked once the data is ready), so that the
peak resident memory printed is that of a process producing that report — Django and
the data loaded — and not the highest of the whole run. The PDF is laid out as the task
lays it out, by WeasyPrint in a process of its own (``core.pdf_layout``, no Django):
its peak RSS is printed apart.
Printed per report: the SQL queries, the time to build the context (indicators, lists,
charts) and to lay out and write the PDF (median of ``--runs``, after one warm-up; the
PDF's CPU time too, steadier than wall time on a shared machine), the pages, the size
and the child's peak RSS.

Then the background build (``progress.tasks.build_report``'s body, as ``db_worker``
runs it), each in a fresh child: the month's report (with its previous-month column) in
PDF and in DOCX, and the end-of-programme report in PDF — time, CPU, pages and peak RSS
of the worker process; and the request that asks for a report with the database
backend (it only writes the report and its task row: what a web worker spends); and
the demo's dashboard timed while the worker builds the large month's PDF in another
process (no web request waits for a report).
"""

import argparse
import io
import json
import os
import resource
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


class LayoutLog:
    """The layout process' own figures, from the line it logs when it is done
    (``core.pdf_layout``: CPU and ``VmHWM``, its peak without the worker's pages)."""

    def __init__(self):
        import logging
        import re

        self.pattern = re.compile(r"([\d.]+) s of CPU, peak RSS (\d+) KiB")
        self.cpu, self.peaks = [], []
        handler = logging.Handler()
        handler.emit = self.emit
        logger = logging.getLogger("core.pdf_layout")
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)

    def emit(self, record):
        found = self.pattern.search(record.getMessage())
        if found:
            self.cpu.append(float(found.group(1)))
            self.peaks.append(int(found.group(2)) / 1024)


def measure(programme, runs):
    """Runs in the child: query count, timings, pages and size of the report."""
    from django.db import connection
    from django.utils import timezone
    from pypdf import PdfReader

    from core.pdf import render_pdf
    from progress import report as reports

    as_of = timezone.localdate()
    queries = []
    layout = LayoutLog()

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        context = reports.report_context(programme, as_of=as_of)
    render_pdf("progress/programme_report.html", context, separate_process=True)  # warm-up
    context_times, render_times, render_cpu = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        context = reports.report_context(programme, as_of=as_of)
        built, cpu = time.perf_counter(), time.process_time()
        content = render_pdf("progress/programme_report.html", context, separate_process=True)
        context_times.append(built - started)
        render_times.append(time.perf_counter() - built)
        render_cpu.append(time.process_time() - cpu)
    return {
        "layout_cpu": statistics.median(layout.cpu[1:]),
        "layout_peak": max(layout.peaks),
        "queries": len(queries),
        "context": statistics.median(context_times),
        "render": statistics.median(render_times),
        "render_cpu": statistics.median(render_cpu),
        "pages": len(PdfReader(io.BytesIO(content)).pages),
        "size": len(content),
        "erics": programme.accompaniments.count(),
    }


def measure_build(programme, kind, fmt):
    """Runs in the child: the task's body on a report row, as the worker runs it."""
    import uuid

    from django.utils import timezone
    from pypdf import PdfReader

    from progress import report_services
    from progress.models import Report
    from progress.periods import report_period

    today = timezone.localdate()
    period = report_period(kind, programme, today, today=today)
    report = Report.objects.create(
        programme=programme,
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        format=fmt,
        request_key="bench:%s" % uuid.uuid4().hex,
    )
    layout = LayoutLog()
    started, cpu = time.perf_counter(), time.process_time()
    report_services.build_report_now(report.pk)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    report.refresh_from_db()
    if report.status != "ready":
        raise RuntimeError(report.error)
    content = report.file.read()
    pages = len(PdfReader(io.BytesIO(content)).pages) if fmt == "pdf" else 0
    return {
        "time": elapsed,
        "cpu": cpu + sum(layout.cpu),
        "pages": pages,
        "size": len(content),
        "layout_peak": max(layout.peaks, default=0),
    }


def measure_request(programme):
    """Runs in the child: what the web request spends asking for a report with the
    database backend (a report row and a task row; nothing is built)."""
    from django.test.utils import override_settings
    from django.utils import timezone

    from progress import report_services
    from progress.models import Report
    from progress.periods import report_period

    today = timezone.localdate()
    times = []
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        for n in range(5):
            Report.objects.filter(programme=programme, status="queued").delete()
            started = time.perf_counter()
            report_services.request_report(
                by=None,
                programme=programme,
                kind="committee",
                period=report_period("committee", programme, today, today=today),
                fmt="pdf" if n % 2 else "docx",
            )
            times.append(time.perf_counter() - started)
    return {"time": statistics.median(times)}


def dashboard_times(programme, seconds=None, count=None):
    """Response times of the programme's dashboard for the Region (the test client, in
    this process): ``count`` requests, or as many as fit in ``seconds``."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(get_user_model().objects.get(username="region"))
    url = reverse("progress:programme_dashboard", args=[programme.slug])
    times, until = [], time.perf_counter() + (seconds or 0)
    while (count and len(times) < count) or (seconds and time.perf_counter() < until):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            sys.exit("The dashboard answered %d." % response.status_code)
    return times


def web_while_building(demo, large):
    """A web request while the worker builds the 1,000 ERIC report in another process:
    the demo's dashboard, timed before and during the build."""
    from django.db import connections

    before = dashboard_times(demo, count=10)
    connections.close_all()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(read)
        code = 1
        try:
            measure_build(large, "month", "pdf")
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    during = []
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        during += dashboard_times(demo, seconds=1)
    os.close(read)
    print(
        "the demo's dashboard for the Region while the worker builds the %d ERIC month's "
        "PDF in another process: median %.0f ms, slowest %.0f ms over %d requests "
        "(before the build: median %.0f ms, slowest %.0f ms)"
        % (
            large.accompaniments.count(),
            statistics.median(during) * 1000,
            max(during) * 1000,
            len(during),
            statistics.median(before) * 1000,
            max(before) * 1000,
        )
    )


def in_child(function, *args):
    """``function(*args)`` in a forked process: its JSON result and the peak RSS of the
    child or of a process it ran (``wait4`` gives the higher: the layout process's)."""
    from django.db import connections

    connections.close_all()  # the child opens its own connection
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read)
        code = 1
        try:
            result = function(*args)
            with os.fdopen(write, "w") as pipe:
                json.dump(result, pipe)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read) as pipe:
        data = pipe.read()
    _, status, usage = os.wait4(pid, 0)
    if status != 0 or not data:
        sys.exit("The child process failed (status %d)." % status)
    return json.loads(data), usage.ru_maxrss / 1024  # KiB on Linux


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--erics", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    args.years = 1  # the generator's programme: 12 months, ending this month

    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-report-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from coaching.models import Programme
    from demo.loader import PROGRAMME, load_demo_data

    load_demo_data()
    demo = Programme.objects.get(slug=PROGRAMME["slug"])
    large = Programme.objects.filter(slug="programme-national-bench").first()
    if large is None:
        from dashboards import generate

        print("Generating %d ERIC over 12 months…" % args.erics)
        started = time.perf_counter()
        large, *_ = generate(args)
        print("  generated in %.0f s" % (time.perf_counter() - started))
    else:
        print("Measuring the bench programme an earlier run left in this database.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    print(
        "parent process after loading Django and the data: peak RSS %.0f MiB"
        % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    )
    for label, programme in [("demo programme", demo), ("generated programme", large)]:
        result, peak = in_child(measure, programme, args.runs)
        print(
            "%-20s %4d ERIC  %2d queries  context %5.2f s  PDF %6.2f s (layout CPU %5.2f s)  "
            "%3d pages  %5d KiB  peak RSS: highest process %4.0f MiB, layout process %4.0f MiB"
            "   (%s, median of %d)"
            % (
                label,
                result["erics"],
                result["queries"],
                result["context"],
                result["render"],
                result["layout_cpu"],
                result["pages"],
                result["size"] // 1024,
                peak,
                result["layout_peak"],
                connection.vendor,
                args.runs,
            )
        )
    print("background build (the task's body, as db_worker runs it):")
    for label, programme in [("demo programme", demo), ("generated programme", large)]:
        for kind, fmt in [("month", "pdf"), ("month", "docx"), ("programme_end", "pdf")]:
            result, peak = in_child(measure_build, programme, kind, fmt)
            print(
                "%-20s %-13s %-4s  %6.2f s (CPU %5.2f s)  %3s pages  %5d KiB  "
                "peak RSS: highest process %4.0f MiB, layout process %s"
                % (
                    label,
                    kind,
                    fmt,
                    result["time"],
                    result["cpu"],
                    result["pages"] or "-",
                    result["size"] // 1024,
                    peak,
                    "%4.0f MiB" % result["layout_peak"] if fmt == "pdf" else "-",
                )
            )
    web_while_building(demo, large)
    result, peak = in_child(measure_request, large)
    print(
        "asking for a report in the web request (database backend): %.1f ms, peak RSS %.0f MiB"
        % (result["time"] * 1000, peak)
    )


if __name__ == "__main__":
    main()
