/*
 * json.c - the JSON report (reports/schema/uyum-report.schema.json).
 *
 * Hand-written: the structure is fixed and small, and every string goes
 * through uy_report__json_str(), which makes it valid UTF-8 and escapes it
 * per RFC 8259. Keys are written in a fixed order, two spaces per level.
 */
#include <stdio.h>
#include <string.h>

#include "report/report_util.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_report.h"

#define JSON_SCHEMA_ID "uyum-report/1"

/* `"key": "value"` (or null) followed by "," unless last. */
static uy_err
json_kv_str(uy_buf *b, const char *indent, const char *key, const char *value, int last)
{
	UY_TRY(uy_buf_printf(b, "%s\"%s\": ", indent, key));
	UY_TRY(uy_report__json_str(b, value));
	return uy_buf_puts(b, last ? "\n" : ",\n");
}

/* `"key": n` followed by "," unless last. */
static uy_err
json_kv_num(uy_buf *b, const char *indent, const char *key, unsigned long long n, int last)
{
	return uy_buf_printf(b, "%s\"%s\": %llu%s", indent, key, n, last ? "\n" : ",\n");
}

/* The counts object shared by the summary and each package. */
static uy_err
json_counts(uy_buf *b, const char *indent, const char *key, const uy_report_counts *c)
{
	return uy_buf_printf(b,
	    "%s\"%s\": {\"fail\": %zu, \"warn\": %zu, \"info\": %zu, \"not_evaluated\": %zu, "
	    "\"passed\": %zu},\n",
	    indent, key, c->n[UY_REPORT__FAIL], c->n[UY_REPORT__WARN], c->n[UY_REPORT__INFO],
	    c->n[UY_REPORT__NOT_EVALUATED], c->n[UY_REPORT__PASSED]);
}

/* One element of packages[].results (schema $defs/result). */
static uy_err
json_result(uy_buf *b, const uy_result *res, int last)
{
	const char *in = "          ";
	const uy_check_def *c = res->check;

	UY_TRY(uy_buf_puts(b, "        {\n"));
	UY_TRY(json_kv_str(b, in, "check_id", c->id, 0));
	UY_TRY(json_kv_str(b, in, "rule", c->rule, 0));
	UY_TRY(json_kv_str(b, in, "level", uy_level_name(c->level), 0));
	UY_TRY(json_kv_str(b, in, "status", uy_status_name(res->status), 0));
	UY_TRY(json_kv_str(b, in, "scope", res->scope != NULL ? res->scope : "", 0));
	UY_TRY(json_kv_str(b, in, "part", res->part, 0));
	UY_TRY(json_kv_str(b, in, "xml_path", res->path, 0));
	if (res->line > 0) {
		UY_TRY(json_kv_num(b, in, "line", (unsigned long long)res->line, 0));
	} else {
		UY_TRY(uy_buf_printf(b, "%s\"line\": null,\n", in));
	}
	UY_TRY(json_kv_str(b, in, "title_tr", c->title_tr, 0));
	UY_TRY(json_kv_str(b, in, "title_en", c->title_en, 0));
	UY_TRY(json_kv_str(b, in, "detail_tr", res->detail_tr, 0));
	UY_TRY(json_kv_str(b, in, "detail_en", res->detail_en, 0));
	if (res->indication != NULL) {
		UY_TRY(json_kv_str(b, in, "indication", res->indication, 0));
		UY_TRY(json_kv_str(b, in, "sub_indication", res->sub_indication, 0));
	}
	UY_TRY(json_kv_str(b, in, "message_tr", uy_report__message(res, UY_LANG_TR), 0));
	UY_TRY(json_kv_str(b, in, "message_en", uy_report__message(res, UY_LANG_EN), 0));
	UY_TRY(json_kv_str(b, in, "recommendation_tr", uy_report__recommendation(res, UY_LANG_TR),
	    0));
	UY_TRY(json_kv_str(b, in, "recommendation_en", uy_report__recommendation(res, UY_LANG_EN),
	    1));
	return uy_buf_puts(b, last ? "        }\n" : "        },\n");
}

/* One element of packages (schema $defs/package). */
static uy_err
json_package(uy_buf *b, const uy_pkg_report *p, int last)
{
	const char *in = "      ";
	uy_report_counts c = {{0}};

	uy_report__count(p, &c);
	UY_TRY(uy_buf_puts(b, "    {\n"));
	UY_TRY(json_kv_str(b, in, "path", p->path, 0));
	UY_TRY(json_kv_str(b, in, "name", p->name, 0));
	UY_TRY(json_kv_str(b, in, "sha256", p->sha256, 0));
	UY_TRY(json_kv_num(b, in, "size", (unsigned long long)p->size, 0));
	UY_TRY(json_kv_str(b, in, "kind", p->kind, 0));
	UY_TRY(json_kv_str(b, in, "generation", p->generation, 0));
	UY_TRY(json_kv_str(b, in, "verdict", uy_verdict_name(uy_report__verdict(p)), 0));
	UY_TRY(json_kv_num(b, in, "suppressed", (unsigned long long)p->suppressed, 0));
	UY_TRY(json_counts(b, in, "counts", &c));
	if (p->n_results == 0) {
		UY_TRY(uy_buf_printf(b, "%s\"results\": []\n", in));
	} else {
		UY_TRY(uy_buf_printf(b, "%s\"results\": [\n", in));
		for (size_t i = 0; i < p->n_results; i++) {
			UY_TRY(json_result(b, &p->results[i], i + 1 == p->n_results));
		}
		UY_TRY(uy_buf_printf(b, "%s]\n", in));
	}
	return uy_buf_puts(b, last ? "    }\n" : "    },\n");
}

/* The top-level object: schema, tool, lang, summary, packages. */
static uy_err
json_document(uy_buf *b, const uy_run *run)
{
	uy_report_counts c = {{0}};
	size_t verdicts[UY_VERDICT_INDETERMINATE + 1] = {0};
	unsigned long long suppressed = 0;

	for (size_t i = 0; i < run->n_pkgs; i++) {
		uy_report__count(&run->pkgs[i], &c);
		verdicts[uy_report__verdict(&run->pkgs[i])]++;
		suppressed += run->pkgs[i].suppressed;
	}
	UY_TRY(uy_buf_puts(b, "{\n"));
	UY_TRY(json_kv_str(b, "  ", "schema", JSON_SCHEMA_ID, 0));
	UY_TRY(uy_buf_puts(b, "  \"tool\": {\"name\": \"uyum\", \"version\": "));
	UY_TRY(uy_report__json_str(b, run->version != NULL ? run->version : ""));
	UY_TRY(uy_buf_puts(b, "},\n"));
	UY_TRY(json_kv_str(b, "  ", "lang", run->lang == UY_LANG_EN ? "en" : "tr", 0));
	UY_TRY(uy_buf_puts(b, "  \"summary\": {\n"));
	UY_TRY(json_kv_num(b, "    ", "packages", run->n_pkgs, 0));
	UY_TRY(uy_buf_printf(b,
	    "    \"verdicts\": {\"passed\": %zu, \"failed\": %zu, \"indeterminate\": %zu},\n",
	    verdicts[UY_VERDICT_PASSED], verdicts[UY_VERDICT_FAILED],
	    verdicts[UY_VERDICT_INDETERMINATE]));
	UY_TRY(json_counts(b, "    ", "results", &c));
	UY_TRY(json_kv_num(b, "    ", "suppressed", suppressed, 1));
	UY_TRY(uy_buf_puts(b, "  },\n"));
	if (run->n_pkgs == 0) {
		UY_TRY(uy_buf_puts(b, "  \"packages\": []\n"));
	} else {
		UY_TRY(uy_buf_puts(b, "  \"packages\": [\n"));
		for (size_t i = 0; i < run->n_pkgs; i++) {
			UY_TRY(json_package(b, &run->pkgs[i], i + 1 == run->n_pkgs));
		}
		UY_TRY(uy_buf_puts(b, "  ]\n"));
	}
	return uy_buf_puts(b, "}\n");
}

/* see uy_report.h */
uy_err
uy_report_write_json(const uy_run *run, const char *path)
{
	uy_err rc = UY_OK;
	uy_buf b;

	UY_ASSERT_ARG(run != NULL && path != NULL && (run->pkgs != NULL || run->n_pkgs == 0));
	uy_buf_init(&b, uy_report__max_bytes, 0);
	UY_TRY_OUT(json_document(&b, run));
done:
	return uy_report__finish(rc, &b, path);
}
