/*
 * uy_report.h - conformance reports for a run over N packages: HTML (for
 * publication), CSV (RFC 4180, libcsv), JUnit XML and JSON.
 *
 * Output depends only on the run: no time stamps, no absolute paths beyond
 * those given, stable order. Files are written atomically (a temporary file
 * in the same folder, fsync, then rename).
 */
#ifndef UYUM_UY_REPORT_H
#define UYUM_UY_REPORT_H

#include <stddef.h>

#include "uyum/uy_check.h"
#include "uyum/uy_err.h"

typedef enum { UY_LANG_TR = 0, UY_LANG_EN = 1 } uy_lang;

/** A run: the packages checked, in the order given. Borrowed by writers. */
typedef struct {
	const uy_pkg_report *pkgs;
	size_t n_pkgs;
	uy_lang lang;
	const char *version; /* uyum version string */
} uy_run;

/**
 * Write the self-contained HTML report (no external fetch; print-friendly):
 * a summary table, then each package's checks.
 *
 * @param run  the run; borrowed.
 * @param path destination file; replaced atomically.
 * @return UY_ERR_IO      cannot create, write or rename the file
 * @return UY_ERR_NOMEM   out of memory
 * @return UY_ERR_LIMIT   the report would exceed UY_MAX_REPORT
 */
UY_MUST_USE uy_err uy_report_write_html(const uy_run *run, const char *path);

/**
 * Write the CSV report: a header row, then one row per check result.
 * Columns are documented in README.md.
 *
 * @standard RFC 4180
 * Errors as uy_report_write_html().
 */
UY_MUST_USE uy_err uy_report_write_csv(const uy_run *run, const char *path);

/**
 * Write the JUnit XML report: a testsuite per package, a testcase per check
 * result; FAIL-level failures are <failure>, not-evaluated checks <skipped>,
 * WARN and INFO findings are in <system-out>.
 *
 * Errors as uy_report_write_html().
 */
UY_MUST_USE uy_err uy_report_write_junit(const uy_run *run, const char *path);

/**
 * Write the JSON report (schema in reports/schema/uyum-report.schema.json).
 *
 * @standard RFC 8259
 * Errors as uy_report_write_html().
 */
UY_MUST_USE uy_err uy_report_write_json(const uy_run *run, const char *path);

/**
 * Write bytes to path atomically: path.tmp.XXXXXX in the same folder,
 * fsync, rename over path. On failure path is untouched and no temporary
 * file is left.
 *
 * @return UY_ERR_IO     any system call failed
 * @return UY_ERR_NOMEM  out of memory (for the temporary file's name)
 */
UY_MUST_USE uy_err uy_report_write_atomic(const char *path, const void *data, size_t len);

#endif /* UYUM_UY_REPORT_H */
