/*
 * csv.c - the CSV report: a header row, then one row per check result
 * (columns in reports/README.md). Quoting is libcsv's csv_write().
 */
#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "report/report_util.h"
#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_report.h"

/* *= RFC 4180 §2
 *# 1.  Each record is located on a separate line, delimited by a line
 *#     break (CRLF).
 *# 3.  There maybe an optional header line appearing as the first line
 *#     of the file with the same format as normal record lines. */
static const char csv_header[] =
    "package,package_sha256,kind,generation,package_verdict,scope,check_id,rule,level,status,"
    "part,xml_path,line,message_tr,message_en,recommendation_tr,recommendation_en\r\n";

/* One field: cleaned (valid UTF-8, no control characters other than TAB,
 * LF, CR), then quoted by libcsv only when RFC 4180 requires it, so plain
 * ids and hashes stay readable. NULL is an empty field. */
static uy_err
csv_field(uy_buf *b, const char *s, int last)
{
	uy_err rc = UY_OK;
	char *clean = NULL;
	uint8_t *quoted = NULL;

	UY_TRY_OUT(uy_report__clean(&clean, s, UY_REPORT__NO_CONTROLS));
	/* *= RFC 4180 §2
	 *# 6.  Fields containing line breaks (CRLF), double quotes, and commas
	 *#     should be enclosed in double-quotes. */
	if (strpbrk(clean, ",\"\r\n") == NULL) {
		UY_TRY_OUT(uy_buf_puts(b, clean));
	} else {
		size_t len = strlen(clean);
		/* csv_write() returns the size it needs when dest is NULL; it
		 * wraps the field in quotes and doubles the quotes inside. */
		size_t need = csv_write(NULL, 0, clean, len);
		UY_ENSURE_OUT(need >= len + 2 && need < (size_t)-1, UY_ERR_LIMIT);
		quoted = uy_alloc(need);
		UY_ENSURE_OUT(quoted != NULL, UY_ERR_NOMEM);
		UY_ENSURE_OUT(csv_write(quoted, need, clean, len) == need, UY_ERR_INTERNAL);
		UY_TRY_OUT(uy_buf_append(b, quoted, need));
	}
	UY_TRY_OUT(uy_buf_puts(b, last ? "\r\n" : ","));
done:
	uy_free(quoted);
	uy_free(clean);
	return rc;
}

/* The five columns that describe the package, repeated on each of its rows. */
static uy_err
csv_package_cols(uy_buf *b, const uy_pkg_report *p)
{
	UY_TRY(csv_field(b, p->path, 0));
	UY_TRY(csv_field(b, p->sha256, 0));
	UY_TRY(csv_field(b, p->kind, 0));
	UY_TRY(csv_field(b, p->generation, 0));
	return csv_field(b, uy_verdict_name(uy_report__verdict(p)), 0);
}

/* One record: the 17 columns of README.md for one result. */
static uy_err
csv_result_row(uy_buf *b, const uy_pkg_report *p, const uy_result *res)
{
	char line[24] = "";

	if (res->line > 0) {
		(void)snprintf(line, sizeof(line), "%ld", res->line);
	}
	UY_TRY(csv_package_cols(b, p));
	UY_TRY(csv_field(b, res->scope, 0));
	UY_TRY(csv_field(b, res->check->id, 0));
	UY_TRY(csv_field(b, res->check->rule, 0));
	UY_TRY(csv_field(b, uy_level_name(res->check->level), 0));
	UY_TRY(csv_field(b, uy_status_name(res->status), 0));
	UY_TRY(csv_field(b, res->part, 0));
	UY_TRY(csv_field(b, res->path, 0));
	UY_TRY(csv_field(b, line, 0));
	UY_TRY(csv_field(b, uy_report__message(res, UY_LANG_TR), 0));
	UY_TRY(csv_field(b, uy_report__message(res, UY_LANG_EN), 0));
	UY_TRY(csv_field(b, uy_report__recommendation(res, UY_LANG_TR), 0));
	return csv_field(b, uy_report__recommendation(res, UY_LANG_EN), 1);
}

/* Findings dropped past UY_MAX_FINDINGS still make the package FAILED
 * (uy_pkg_report_finish()); one row says so, or a reader of the CSV alone
 * would see a FAILED package without the failures. */
static uy_err
csv_suppressed_row(uy_buf *b, const uy_pkg_report *p)
{
	uy_err rc = UY_OK;
	char *tr = NULL;
	char *en = NULL;

	tr = uy_asprintf(UY_REPORT__SUPPRESSED_TR, p->suppressed, UY_MAX_FINDINGS);
	en = uy_asprintf(UY_REPORT__SUPPRESSED_EN, p->suppressed, UY_MAX_FINDINGS);
	UY_ENSURE_OUT(tr != NULL && en != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(csv_package_cols(b, p));
	UY_TRY_OUT(csv_field(b, "", 0));
	UY_TRY_OUT(csv_field(b, UY_REPORT__SUPPRESSED_ID, 0));
	UY_TRY_OUT(csv_field(b, "", 0));
	UY_TRY_OUT(csv_field(b, uy_level_name(UY_LEVEL_FAIL), 0));
	UY_TRY_OUT(csv_field(b, uy_status_name(UY_STATUS_FAILED), 0));
	UY_TRY_OUT(csv_field(b, "", 0));
	UY_TRY_OUT(csv_field(b, "", 0));
	UY_TRY_OUT(csv_field(b, "", 0));
	UY_TRY_OUT(csv_field(b, tr, 0));
	UY_TRY_OUT(csv_field(b, en, 0));
	UY_TRY_OUT(csv_field(b, UY_REPORT__SUPPRESSED_REC_TR, 0));
	UY_TRY_OUT(csv_field(b, UY_REPORT__SUPPRESSED_REC_EN, 1));
done:
	uy_free(tr);
	uy_free(en);
	return rc;
}

/* see uy_report.h */
uy_err
uy_report_write_csv(const uy_run *run, const char *path)
{
	uy_err rc = UY_OK;
	uy_buf b;

	UY_ASSERT_ARG(run != NULL && path != NULL && (run->pkgs != NULL || run->n_pkgs == 0));
	uy_buf_init(&b, uy_report__max_bytes, 0);
	UY_TRY_OUT(uy_buf_puts(&b, csv_header));
	for (size_t i = 0; i < run->n_pkgs; i++) {
		const uy_pkg_report *p = &run->pkgs[i];
		for (size_t j = 0; j < p->n_results; j++) {
			UY_TRY_OUT(csv_result_row(&b, p, &p->results[j]));
		}
		if (p->suppressed > 0) {
			UY_TRY_OUT(csv_suppressed_row(&b, p));
		}
	}
done:
	return uy_report__finish(rc, &b, path);
}
