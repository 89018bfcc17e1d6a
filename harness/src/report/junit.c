/*
 * junit.c - the JUnit XML report for CI systems: a <testsuite> per package,
 * a <testcase> per check result. Written with libxml2's xmlTextWriter so
 * that escaping is libxml2's, into a capped uy_buf.
 */
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#include "report/report_util.h"
#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_report.h"

/* Where libxml2's output goes: the report buffer, and the first error the
 * buffer returned (libxml2 itself only sees -1). */
typedef struct {
	uy_buf *b;
	uy_err rc;
} junit_sink;

/* xmlOutputWriteCallback: append to the capped buffer. */
static int
junit_sink_write(void *payload, const char *buf, int len)
{
	junit_sink *s = payload;

	if (s->rc != UY_OK || len < 0) {
		return -1;
	}
	s->rc = uy_buf_append(s->b, buf, (size_t)len);
	return s->rc == UY_OK ? len : -1;
}

/* xmlOutputCloseCallback: the buffer belongs to the caller. */
static int
junit_sink_close(void *payload)
{
	(void)payload;
	return 0;
}

/* xmlStructuredErrorFunc while writing: libxml2 would print "flush error"
 * to stderr when the capped buffer refuses bytes. The sink already knows
 * why, and junit_check() maps every other failure, so the message adds
 * nothing. */
static void
junit_quiet(void *payload, xmlErrorPtr err)
{
	(void)payload;
	(void)err;
}

/* Map an xmlTextWriter result (< 0 on failure) to uy_err: the buffer's own
 * error (UY_ERR_LIMIT, UY_ERR_NOMEM) when it caused it, else libxml2 ran out
 * of memory, its only other failure on well-formed calls. */
static uy_err
junit_check(int xr, const junit_sink *s)
{
	if (xr >= 0) {
		return UY_OK;
	}
	return s->rc != UY_OK ? s->rc : UY_ERR_NOMEM;
}

/* An attribute whose value may come from the package: cleaned first, since
 * xmlTextWriter escapes markup but passes control characters and invalid
 * UTF-8 through. */
static uy_err
junit_attr(xmlTextWriterPtr w, const junit_sink *s, const char *name, const char *value)
{
	uy_err rc = UY_OK;
	char *clean = NULL;

	UY_TRY_OUT(uy_report__clean(&clean, value, UY_REPORT__NO_CONTROLS));
	UY_TRY_OUT(junit_check(
	    xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST clean), s));
done:
	uy_free(clean);
	return rc;
}

/* Element text, cleaned as junit_attr(). */
static uy_err
junit_text(xmlTextWriterPtr w, const junit_sink *s, const char *text)
{
	uy_err rc = UY_OK;
	char *clean = NULL;

	UY_TRY_OUT(uy_report__clean(&clean, text, UY_REPORT__NO_CONTROLS));
	UY_TRY_OUT(junit_check(xmlTextWriterWriteString(w, BAD_CAST clean), s));
done:
	uy_free(clean);
	return rc;
}

/* A numeric attribute (tests, failures, ...). */
static uy_err
junit_count_attr(xmlTextWriterPtr w, const junit_sink *s, const char *name, size_t n)
{
	return junit_check(xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%zu", n), s);
}

/* "scope, part, XML path, line N": the parts present, for names and text. */
static uy_err
junit_where(uy_buf *out, const uy_result *res)
{
	const char *sep = "";

	if (res->scope != NULL && res->scope[0] != '\0') {
		UY_TRY(uy_buf_printf(out, "%s%s", sep, res->scope));
		sep = ", ";
	}
	if (res->part != NULL && res->part[0] != '\0') {
		UY_TRY(uy_buf_printf(out, "%s%s", sep, res->part));
		sep = ", ";
	}
	if (res->path != NULL && res->path[0] != '\0') {
		UY_TRY(uy_buf_printf(out, "%s%s", sep, res->path));
		sep = ", ";
	}
	if (res->line > 0) {
		UY_TRY(uy_buf_printf(out, "%sline %ld", sep, res->line));
	}
	return uy_buf_append(out, "", 0); /* keep a NUL even when empty */
}

/* The full, bilingual text of a finding or skip: what failed, where, the
 * detail and the recommendation in English, then in Turkish. */
static uy_err
junit_body(uy_buf *out, const uy_result *res)
{
	const uy_check_def *c = res->check;
	const char *rec_en = uy_report__recommendation(res, UY_LANG_EN);
	const char *rec_tr = uy_report__recommendation(res, UY_LANG_TR);

	UY_TRY(uy_buf_printf(out, "%s %s%s%s%s\n", uy_level_name(c->level), c->id,
	    c->rule != NULL ? " (" : "", c->rule != NULL ? c->rule : "", c->rule != NULL ? ")" : ""));
	/* One labelled line each: a hostile part name may contain ", ". */
	if (res->scope != NULL && res->scope[0] != '\0') {
		UY_TRY(uy_buf_printf(out, "Scope: %s\n", res->scope));
	}
	if (res->part != NULL && res->part[0] != '\0') {
		UY_TRY(uy_buf_printf(out, "Part: %s\n", res->part));
	}
	if (res->path != NULL && res->path[0] != '\0') {
		UY_TRY(uy_buf_printf(out, "XML path: %s\n", res->path));
	}
	if (res->line > 0) {
		UY_TRY(uy_buf_printf(out, "Line: %ld\n", res->line));
	}
	UY_TRY(uy_buf_printf(out, "Check: %s\n", c->title_en));
	UY_TRY(uy_buf_printf(out, "%s: %s\n",
	    res->status == UY_STATUS_NOT_EVALUATED ? "Not evaluated" : "Detail",
	    uy_report__message(res, UY_LANG_EN)));
	if (rec_en != NULL) {
		UY_TRY(uy_buf_printf(out, "Recommendation: %s\n", rec_en));
	}
	UY_TRY(uy_buf_printf(out, "Denetim: %s\n", c->title_tr));
	UY_TRY(uy_buf_printf(out, "%s: %s\n",
	    res->status == UY_STATUS_NOT_EVALUATED ? "Değerlendirilmedi" : "Ayrıntı",
	    uy_report__message(res, UY_LANG_TR)));
	if (rec_tr != NULL) {
		UY_TRY(uy_buf_printf(out, "Öneri: %s\n", rec_tr));
	}
	return UY_OK;
}

/* One <testcase> per result; its child says how CI should treat it. */
static uy_err
junit_testcase(xmlTextWriterPtr w, const junit_sink *s, const uy_result *res)
{
	uy_err rc = UY_OK;
	uy_buf where;
	uy_buf name;
	uy_buf body;
	uy_report_class cls = uy_report__class(res);

	uy_buf_init(&where, (size_t)UY_MAX_REPORT, 0);
	uy_buf_init(&name, (size_t)UY_MAX_REPORT, 0);
	uy_buf_init(&body, (size_t)UY_MAX_REPORT, 0);
	UY_TRY_OUT(junit_where(&where, res));
	UY_TRY_OUT(uy_buf_puts(&name, res->check->id));
	if (where.len > 0) {
		UY_TRY_OUT(uy_buf_printf(&name, " [%s]", (const char *)where.ptr));
	}
	UY_TRY_OUT(junit_check(xmlTextWriterStartElement(w, BAD_CAST "testcase"), s));
	UY_TRY_OUT(junit_attr(w, s, "classname", res->check->id));
	UY_TRY_OUT(junit_attr(w, s, "name", (const char *)name.ptr));
	if (cls != UY_REPORT__PASSED) {
		UY_TRY_OUT(junit_body(&body, res));
	}
	switch (cls) {
	case UY_REPORT__FAIL:
		UY_TRY_OUT(junit_check(xmlTextWriterStartElement(w, BAD_CAST "failure"), s));
		UY_TRY_OUT(junit_attr(w, s, "message", uy_report__message(res, UY_LANG_EN)));
		UY_TRY_OUT(junit_attr(w, s, "type", uy_level_name(res->check->level)));
		UY_TRY_OUT(junit_text(w, s, (const char *)body.ptr));
		UY_TRY_OUT(junit_check(xmlTextWriterEndElement(w), s));
		break;
	case UY_REPORT__NOT_EVALUATED:
		UY_TRY_OUT(junit_check(xmlTextWriterStartElement(w, BAD_CAST "skipped"), s));
		UY_TRY_OUT(junit_attr(w, s, "message", uy_report__message(res, UY_LANG_EN)));
		UY_TRY_OUT(junit_check(xmlTextWriterEndElement(w), s));
		/* The skip reason in both languages, as for WARN and INFO. */
		UY_TRY_OUT(junit_check(xmlTextWriterStartElement(w, BAD_CAST "system-out"), s));
		UY_TRY_OUT(junit_text(w, s, (const char *)body.ptr));
		UY_TRY_OUT(junit_check(xmlTextWriterEndElement(w), s));
		break;
	case UY_REPORT__WARN:
	case UY_REPORT__INFO:
		/* WARN and INFO never change the verdict: the test passes and
		 * carries the finding as output. */
		UY_TRY_OUT(junit_check(xmlTextWriterStartElement(w, BAD_CAST "system-out"), s));
		UY_TRY_OUT(junit_text(w, s, (const char *)body.ptr));
		UY_TRY_OUT(junit_check(xmlTextWriterEndElement(w), s));
		break;
	case UY_REPORT__PASSED:
	default:
		break;
	}
	UY_TRY_OUT(junit_check(xmlTextWriterEndElement(w), s));
done:
	uy_buf_dispose(&where);
	uy_buf_dispose(&name);
	uy_buf_dispose(&body);
	return rc;
}

/* Findings dropped past UY_MAX_FINDINGS made the package FAILED; a failing
 * testcase says so, so that CI does not pass such a package. */
static uy_err
junit_suppressed(xmlTextWriterPtr w, const junit_sink *s, const uy_pkg_report *p)
{
	uy_err rc = UY_OK;
	char *en = NULL;
	char *body = NULL;

	en = uy_asprintf(UY_REPORT__SUPPRESSED_EN, p->suppressed, UY_MAX_FINDINGS);
	body = uy_asprintf("FAIL " UY_REPORT__SUPPRESSED_ID "\nDetail: " UY_REPORT__SUPPRESSED_EN
	    "\nRecommendation: " UY_REPORT__SUPPRESSED_REC_EN "\nAyrıntı: " UY_REPORT__SUPPRESSED_TR
	    "\nÖneri: " UY_REPORT__SUPPRESSED_REC_TR "\n",
	    p->suppressed, UY_MAX_FINDINGS, p->suppressed, UY_MAX_FINDINGS);
	UY_ENSURE_OUT(en != NULL && body != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(junit_check(xmlTextWriterStartElement(w, BAD_CAST "testcase"), s));
	UY_TRY_OUT(junit_attr(w, s, "classname", UY_REPORT__SUPPRESSED_ID));
	UY_TRY_OUT(junit_attr(w, s, "name", UY_REPORT__SUPPRESSED_ID));
	UY_TRY_OUT(junit_check(xmlTextWriterStartElement(w, BAD_CAST "failure"), s));
	UY_TRY_OUT(junit_attr(w, s, "message", en));
	UY_TRY_OUT(junit_attr(w, s, "type", uy_level_name(UY_LEVEL_FAIL)));
	UY_TRY_OUT(junit_text(w, s, body));
	UY_TRY_OUT(junit_check(xmlTextWriterEndElement(w), s));
	UY_TRY_OUT(junit_check(xmlTextWriterEndElement(w), s));
done:
	uy_free(en);
	uy_free(body);
	return rc;
}

/* One <property name= value=/> of a testsuite. */
static uy_err
junit_property(xmlTextWriterPtr w, const junit_sink *s, const char *name, const char *value)
{
	UY_TRY(junit_check(xmlTextWriterStartElement(w, BAD_CAST "property"), s));
	UY_TRY(junit_attr(w, s, "name", name));
	UY_TRY(junit_attr(w, s, "value", value));
	return junit_check(xmlTextWriterEndElement(w), s);
}

/* One <testsuite> per package, with its facts as properties. */
static uy_err
junit_testsuite(xmlTextWriterPtr w, const junit_sink *s, const uy_run *run,
    const uy_pkg_report *p)
{
	uy_report_counts c = {{0}};
	char num[24] = "";
	size_t extra = p->suppressed > 0 ? 1 : 0;

	uy_report__count(p, &c);
	UY_TRY(junit_check(xmlTextWriterStartElement(w, BAD_CAST "testsuite"), s));
	UY_TRY(junit_attr(w, s, "name", p->name));
	UY_TRY(junit_count_attr(w, s, "tests", p->n_results + extra));
	UY_TRY(junit_count_attr(w, s, "failures", c.n[UY_REPORT__FAIL] + extra));
	UY_TRY(junit_count_attr(w, s, "errors", 0));
	UY_TRY(junit_count_attr(w, s, "skipped", c.n[UY_REPORT__NOT_EVALUATED]));
	UY_TRY(junit_check(xmlTextWriterStartElement(w, BAD_CAST "properties"), s));
	UY_TRY(junit_property(w, s, "path", p->path));
	UY_TRY(junit_property(w, s, "sha256", p->sha256));
	(void)snprintf(num, sizeof(num), "%llu", (unsigned long long)p->size);
	UY_TRY(junit_property(w, s, "size", num));
	UY_TRY(junit_property(w, s, "kind", p->kind));
	UY_TRY(junit_property(w, s, "generation", p->generation));
	UY_TRY(junit_property(w, s, "verdict", uy_verdict_name(uy_report__verdict(p))));
	(void)snprintf(num, sizeof(num), "%zu", p->suppressed);
	UY_TRY(junit_property(w, s, "suppressed", num));
	UY_TRY(junit_property(w, s, "uyum.version", run->version != NULL ? run->version : ""));
	UY_TRY(junit_check(xmlTextWriterEndElement(w), s));
	for (size_t i = 0; i < p->n_results; i++) {
		UY_TRY(junit_testcase(w, s, &p->results[i]));
	}
	if (extra > 0) {
		UY_TRY(junit_suppressed(w, s, p));
	}
	return junit_check(xmlTextWriterEndElement(w), s);
}

/* The document: <testsuites> with the totals, then each package. */
static uy_err
junit_document(xmlTextWriterPtr w, const junit_sink *s, const uy_run *run)
{
	uy_report_counts c = {{0}};
	size_t suppressed_cases = 0;
	size_t tests = 0;

	for (size_t i = 0; i < run->n_pkgs; i++) {
		uy_report__count(&run->pkgs[i], &c);
		tests += run->pkgs[i].n_results;
		suppressed_cases += run->pkgs[i].suppressed > 0 ? 1 : 0;
	}
	UY_TRY(junit_check(xmlTextWriterSetIndent(w, 1), s));
	UY_TRY(junit_check(xmlTextWriterSetIndentString(w, BAD_CAST "  "), s));
	UY_TRY(junit_check(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL), s));
	UY_TRY(junit_check(xmlTextWriterStartElement(w, BAD_CAST "testsuites"), s));
	UY_TRY(junit_attr(w, s, "name", "uyum"));
	UY_TRY(junit_count_attr(w, s, "tests", tests + suppressed_cases));
	UY_TRY(junit_count_attr(w, s, "failures", c.n[UY_REPORT__FAIL] + suppressed_cases));
	UY_TRY(junit_count_attr(w, s, "errors", 0));
	UY_TRY(junit_count_attr(w, s, "skipped", c.n[UY_REPORT__NOT_EVALUATED]));
	for (size_t i = 0; i < run->n_pkgs; i++) {
		UY_TRY(junit_testsuite(w, s, run, &run->pkgs[i]));
	}
	UY_TRY(junit_check(xmlTextWriterEndElement(w), s));
	UY_TRY(junit_check(xmlTextWriterEndDocument(w), s));
	return junit_check(xmlTextWriterFlush(w), s);
}

/* see uy_report.h */
uy_err
uy_report_write_junit(const uy_run *run, const char *path)
{
	uy_err rc = UY_OK;
	uy_buf b;
	junit_sink sink = {&b, UY_OK};
	xmlOutputBufferPtr out = NULL;
	xmlTextWriterPtr w = NULL;
	xmlStructuredErrorFunc saved_fn = NULL;
	void *saved_data = NULL;

	UY_ASSERT_ARG(run != NULL && path != NULL && (run->pkgs != NULL || run->n_pkgs == 0));
	uy_buf_init(&b, uy_report__max_bytes, 0);
	/* Restored at done: the handler is per thread and may be someone's. */
	saved_fn = xmlStructuredError;
	saved_data = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(NULL, junit_quiet);
	/* encoder NULL: libxml2 writes its UTF-8 as is. */
	out = xmlOutputBufferCreateIO(junit_sink_write, junit_sink_close, &sink, NULL);
	UY_ENSURE_OUT(out != NULL, UY_ERR_NOMEM);
	w = xmlNewTextWriter(out);
	UY_ENSURE_OUT(w != NULL, UY_ERR_NOMEM);
	out = NULL; /* now owned by the writer */
	UY_TRY_OUT(junit_document(w, &sink, run));
	/* Freeing the writer flushes and closes the output buffer, which
	 * may still fail on the last bytes. */
	xmlFreeTextWriter(w);
	w = NULL;
	UY_TRY_OUT(sink.rc);
done:
	if (w != NULL) {
		xmlFreeTextWriter(w);
	}
	if (out != NULL) {
		(void)xmlOutputBufferClose(out);
	}
	xmlSetStructuredErrorFunc(saved_data, saved_fn);
	if (rc == UY_OK && sink.rc != UY_OK) {
		rc = sink.rc;
	}
	return uy_report__finish(rc, &b, path);
}
