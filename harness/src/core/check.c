/* see uy_check.h */
#include "uyum/uy_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"

static const uy_check_def check_defs[UY_CHECK__COUNT] = {
#define UY_CHECK(sym, id, rule, level, ttr, ten, rtr, ren) \
	{sym, id, rule, level, ttr, ten, rtr, ren},
#include "uyum/checks/all.def"
#undef UY_CHECK
};

struct uy_mark {
	uy_check_id id;
	char *scope;
};

const uy_check_def *
uy_check_get(uy_check_id id)
{
	if ((int)id < 0 || id >= UY_CHECK__COUNT) {
		return NULL;
	}
	return &check_defs[id];
}

const uy_check_def *
uy_check_find(const char *id)
{
	for (size_t i = 0; i < UY_CHECK__COUNT; i++) {
		if (strcmp(check_defs[i].id, id) == 0) {
			return &check_defs[i];
		}
	}
	return NULL;
}

const char *
uy_level_name(uy_level l)
{
	switch (l) {
	case UY_LEVEL_FAIL:
		return "FAIL";
	case UY_LEVEL_WARN:
		return "WARN";
	case UY_LEVEL_INFO:
		return "INFO";
	default:
		return "?";
	}
}

const char *
uy_status_name(uy_status s)
{
	switch (s) {
	case UY_STATUS_PASSED:
		return "PASSED";
	case UY_STATUS_FAILED:
		return "FAILED";
	case UY_STATUS_NOT_EVALUATED:
		return "NOT_EVALUATED";
	default:
		return "?";
	}
}

const char *
uy_verdict_name(uy_pkg_verdict v)
{
	switch (v) {
	case UY_VERDICT_PASSED:
		return "PASSED";
	case UY_VERDICT_FAILED:
		return "FAILED";
	case UY_VERDICT_INDETERMINATE:
		return "INDETERMINATE";
	case UY_VERDICT_NONE:
	default:
		return "NONE";
	}
}

uy_err
uy_pkg_report_init(uy_pkg_report *r, const char *path)
{
	const char *slash = NULL;

	memset(r, 0, sizeof(*r));
	r->path = uy_strdup(path);
	slash = strrchr(path, '/');
	r->name = uy_strdup(slash != NULL ? slash + 1 : path);
	snprintf(r->kind, sizeof(r->kind), "?");
	snprintf(r->generation, sizeof(r->generation), "?");
	if (r->path == NULL || r->name == NULL) {
		uy_pkg_report_dispose(r);
		return UY_ERR_NOMEM;
	}
	return UY_OK;
}

static void
result_dispose(uy_result *res)
{
	uy_free(res->scope);
	uy_free(res->part);
	uy_free(res->path);
	uy_free(res->detail_tr);
	uy_free(res->detail_en);
}

void
uy_pkg_report_dispose(uy_pkg_report *r)
{
	if (r == NULL) {
		return;
	}
	for (size_t i = 0; i < r->n_results; i++) {
		result_dispose(&r->results[i]);
	}
	for (size_t i = 0; i < r->n_marks; i++) {
		uy_free(r->marks[i].scope);
	}
	uy_free(r->results);
	uy_free(r->marks);
	uy_free(r->path);
	uy_free(r->name);
	memset(r, 0, sizeof(*r));
}

static const char *
ctx_scope(const uy_ctx *ctx)
{
	return ctx->scope != NULL ? ctx->scope : "";
}

static int
mark_exists(const uy_pkg_report *r, uy_check_id id, const char *scope)
{
	for (size_t i = 0; i < r->n_marks; i++) {
		if (r->marks[i].id == id && strcmp(r->marks[i].scope, scope) == 0) {
			return 1;
		}
	}
	return 0;
}

uy_err
uy_ctx_pass(uy_ctx *ctx, uy_check_id id)
{
	uy_pkg_report *r = ctx->report;
	const char *scope = ctx_scope(ctx);

	if (uy_check_get(id) == NULL) {
		return UY_ERR_USAGE;
	}
	if (mark_exists(r, id, scope)) {
		return UY_OK;
	}
	if (r->n_marks == r->alloc_marks) {
		size_t n = r->alloc_marks == 0 ? 64 : r->alloc_marks * 2;
		struct uy_mark *m = uy_realloc(r->marks, n * sizeof(*m));
		if (m == NULL) {
			return UY_ERR_NOMEM;
		}
		r->marks = m;
		r->alloc_marks = n;
	}
	r->marks[r->n_marks].id = id;
	r->marks[r->n_marks].scope = uy_strdup(scope);
	if (r->marks[r->n_marks].scope == NULL) {
		return UY_ERR_NOMEM;
	}
	r->n_marks++;
	return UY_OK;
}

static uy_err ctx_add_row(uy_ctx *ctx, uy_check_id id, uy_status status, uy_loc loc, char *tr,
    char *en, int uncapped);

static uy_err
ctx_add(uy_ctx *ctx, uy_check_id id, uy_status status, uy_loc loc, char *tr, char *en)
{
	return ctx_add_row(ctx, id, status, loc, tr, en, 0);
}

static uy_err
ctx_add_row(uy_ctx *ctx, uy_check_id id, uy_status status, uy_loc loc, char *tr, char *en,
    int uncapped)
{
	uy_pkg_report *r = ctx->report;
	uy_result *res = NULL;
	uy_err rc = UY_OK;

	if (uy_check_get(id) == NULL) {
		rc = UY_ERR_USAGE;
		goto done;
	}
	if (r->n_results >= UY_MAX_FINDINGS && !uncapped) {
		/* Bounded memory for hostile input; the report says how many,
		 * and the verdict still counts what was dropped. */
		r->suppressed++;
		if (uy_check_get(id)->level == UY_LEVEL_FAIL) {
			r->suppressed_fail |= status == UY_STATUS_FAILED;
			r->suppressed_indet |= status == UY_STATUS_NOT_EVALUATED;
		}
		goto done;
	}
	if (r->n_results == r->alloc_results) {
		size_t n = r->alloc_results == 0 ? 64 : r->alloc_results * 2;
		uy_result *p = uy_realloc(r->results, n * sizeof(*p));
		UY_ENSURE_OUT(p != NULL, UY_ERR_NOMEM);
		r->results = p;
		r->alloc_results = n;
	}
	res = &r->results[r->n_results];
	memset(res, 0, sizeof(*res));
	res->check = uy_check_get(id);
	res->status = status;
	res->scope = uy_strdup(ctx_scope(ctx));
	res->part = loc.part != NULL ? uy_strdup(loc.part) : NULL;
	res->path = loc.path != NULL ? uy_strdup(loc.path) : NULL;
	res->line = loc.line;
	res->detail_tr = tr;
	res->detail_en = en;
	tr = NULL;
	en = NULL;
	r->n_results++;
	if (res->scope == NULL || (loc.part != NULL && res->part == NULL) ||
	    (loc.path != NULL && res->path == NULL) || res->detail_tr == NULL ||
	    res->detail_en == NULL) {
		/* Roll the row back: a report never holds a half-made row. */
		result_dispose(res);
		r->n_results--;
		rc = UY_ERR_NOMEM;
		goto done;
	}
	rc = uy_ctx_pass(ctx, id);
done:
	uy_free(tr);
	uy_free(en);
	return rc;
}

/* The formats are the rules' literal pairs, passed through uy_ctx_fail(). */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
static int str_cmp_null(const char *a, const char *b);

static char *
vformat(const char *fmt, va_list ap)
{
	va_list aq;
	int n = 0;
	char *s = NULL;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0) {
		return NULL;
	}
	s = uy_alloc((size_t)n + 1);
	if (s == NULL) {
		return NULL;
	}
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

uy_err
uy_ctx_vfail(uy_ctx *ctx, uy_check_id id, uy_loc loc, const char *fmt_tr, const char *fmt_en,
    va_list ap)
{
	va_list aq;
	char *tr = NULL;
	char *en = NULL;

	va_copy(aq, ap);
	tr = vformat(fmt_tr, aq);
	va_end(aq);
	va_copy(aq, ap);
	en = vformat(fmt_en, aq);
	va_end(aq);
	return ctx_add(ctx, id, UY_STATUS_FAILED, loc, tr, en);
}

uy_err
uy_ctx_fail(uy_ctx *ctx, uy_check_id id, uy_loc loc, const char *fmt_tr, const char *fmt_en, ...)
{
	va_list ap;
	uy_err rc = UY_OK;

	va_start(ap, fmt_en);
	rc = uy_ctx_vfail(ctx, id, loc, fmt_tr, fmt_en, ap);
	va_end(ap);
	return rc;
}

uy_err
uy_ctx_skip(uy_ctx *ctx, uy_check_id id, uy_loc loc, const char *fmt_tr, const char *fmt_en, ...)
{
	va_list ap;
	char *tr = NULL;
	char *en = NULL;
	uy_pkg_report *r = ctx->report;

	/* One NOT_EVALUATED row per check, scope and part is enough. */
	for (size_t i = 0; i < r->n_results; i++) {
		if (r->results[i].check->num == id &&
		    r->results[i].status == UY_STATUS_NOT_EVALUATED &&
		    strcmp(r->results[i].scope, ctx_scope(ctx)) == 0 &&
		    str_cmp_null(r->results[i].part, loc.part) == 0) {
			return UY_OK;
		}
	}
	va_start(ap, fmt_en);
	tr = vformat(fmt_tr, ap);
	va_end(ap);
	va_start(ap, fmt_en);
	en = vformat(fmt_en, ap);
	va_end(ap);
	/* ctx_add marks it; a skip must not turn into a PASSED row. */
	return ctx_add(ctx, id, UY_STATUS_NOT_EVALUATED, loc, tr, en);
}
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

uy_err
uy_ctx_signature(uy_ctx *ctx, uy_check_id id, uy_loc loc, uy_status status,
    const char *indication, const char *sub_indication, const char *fmt_tr,
    const char *fmt_en, ...)
{
	va_list ap;
	char *tr = NULL;
	char *en = NULL;
	uy_pkg_report *r = ctx->report;

	if (indication == NULL) {
		return UY_ERR_USAGE;
	}
	va_start(ap, fmt_en);
	tr = vformat(fmt_tr, ap);
	va_end(ap);
	va_start(ap, fmt_en);
	en = vformat(fmt_en, ap);
	va_end(ap);
	size_t before = r->n_results;
	UY_TRY(ctx_add(ctx, id, status, loc, tr, en));
	if (r->n_results > before) {
		uy_result *res = &r->results[r->n_results - 1];
		res->indication = indication;
		res->sub_indication =
		    sub_indication != NULL && sub_indication[0] != '\0' ? sub_indication : NULL;
	}
	return UY_OK;
}

int
uy_ctx_has_failed(const uy_ctx *ctx, uy_check_id id)
{
	const uy_pkg_report *r = ctx->report;

	for (size_t i = 0; i < r->n_results; i++) {
		if (r->results[i].check->num == id && r->results[i].status == UY_STATUS_FAILED &&
		    strcmp(r->results[i].scope, ctx_scope(ctx)) == 0) {
			return 1;
		}
	}
	return 0;
}

static int
has_result(const uy_pkg_report *r, uy_check_id id, const char *scope)
{
	for (size_t i = 0; i < r->n_results; i++) {
		if (r->results[i].check->num == id && strcmp(r->results[i].scope, scope) == 0) {
			return 1;
		}
	}
	return 0;
}

static int
str_cmp_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL) {
		return (a == NULL) - (b == NULL);
	}
	return strcmp(a, b);
}

static int
result_order(const void *pa, const void *pb)
{
	const uy_result *a = pa;
	const uy_result *b = pb;
	int c = strcmp(a->scope, b->scope);

	if (c != 0) {
		return c;
	}
	if (a->check->num != b->check->num) {
		return a->check->num < b->check->num ? -1 : 1;
	}
	if (a->status != b->status) {
		return a->status < b->status ? -1 : 1;
	}
	c = str_cmp_null(a->part, b->part);
	if (c != 0) {
		return c;
	}
	if (a->line != b->line) {
		return a->line < b->line ? -1 : 1;
	}
	c = str_cmp_null(a->path, b->path);
	if (c != 0) {
		return c;
	}
	return str_cmp_null(a->detail_en, b->detail_en);
}

uy_err
uy_pkg_report_finish(uy_pkg_report *r)
{
	int failed = 0;
	int indeterminate = 0;

	for (size_t i = 0; i < r->n_marks; i++) {
		uy_ctx c = {r, r->marks[i].scope, 0, NULL};
		if (has_result(r, r->marks[i].id, r->marks[i].scope)) {
			continue;
		}
		/* PASSED rows are bounded by the registry (one per check and scope),
		 * so they are never dropped by the findings cap. */
		UY_TRY(ctx_add_row(&c, r->marks[i].id, UY_STATUS_PASSED, UY_LOC_NONE, uy_strdup(""),
		    uy_strdup(""), 1));
	}
	/* PASSED rows carry no detail, except signature rows (which signature,
	 * with what indication). */
	for (size_t i = 0; i < r->n_results; i++) {
		uy_result *res = &r->results[i];
		if (res->status == UY_STATUS_PASSED && res->indication == NULL) {
			uy_free(res->detail_tr);
			uy_free(res->detail_en);
			res->detail_tr = NULL;
			res->detail_en = NULL;
		}
		if (res->check->level != UY_LEVEL_FAIL) {
			continue;
		}
		if (res->status == UY_STATUS_FAILED) {
			failed = 1;
		} else if (res->status == UY_STATUS_NOT_EVALUATED) {
			indeterminate = 1;
		}
	}
	if (r->n_results > 1) {
		qsort(r->results, r->n_results, sizeof(*r->results), result_order);
	}
	if (failed || r->suppressed_fail) {
		r->verdict = UY_VERDICT_FAILED;
	} else if (indeterminate || r->suppressed_indet || r->n_results == 0) {
		r->verdict = UY_VERDICT_INDETERMINATE;
	} else {
		r->verdict = UY_VERDICT_PASSED;
	}
	return UY_OK;
}
