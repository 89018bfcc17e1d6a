/*
 * uy_check.h - the check registry, check results and package verdicts.
 *
 * Every rule uyum applies is a check with a stable namespaced id
 * (`eyp::digest::value-mismatch`), the guide rule number where the spec
 * gives one (K.33) and otherwise none, a level, and a title and
 * recommendation in Turkish and English. The checks are declared in the
 * X-macro files under uyum/checks/, one per module:
 *
 *   UY_CHECK(SYM, "id", "K.n" or NULL, LEVEL, "title tr", "title en",
 *     "recommendation tr", "recommendation en")
 *
 * A result row is PASSED only when the rule was actually evaluated and found
 * nothing (uy_ctx_pass()); a rule that could not be evaluated is reported
 * NOT_EVALUATED with its reason (uy_ctx_skip()), never as passed.
 */
#ifndef UYUM_UY_CHECK_H
#define UYUM_UY_CHECK_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "uyum/uy_err.h"

/* Two printf formats (Turkish, English) that take the same arguments. */
#if defined(__GNUC__) || defined(__clang__)
#define UY_PRINTF2(tr, en, args) __attribute__((format(printf, tr, args), format(printf, en, args)))
#else
#define UY_PRINTF2(tr, en, args)
#endif

typedef enum {
	UY_LEVEL_FAIL = 0, /* breaks the guide, an XSD or the official API */
	UY_LEVEL_WARN = 1, /* deviates from the reference writers or a soft rule */
	UY_LEVEL_INFO = 2, /* triage aid; never affects the verdict */
} uy_level;

typedef enum {
#define UY_CHECK(sym, id, rule, level, ttr, ten, rtr, ren) sym,
#include "uyum/checks/all.def"
#undef UY_CHECK
	UY_CHECK__COUNT
} uy_check_id;

typedef struct {
	uy_check_id num;
	const char *id;       /* stable namespaced id */
	const char *rule;     /* "K.33" or NULL: never invented */
	uy_level level;
	const char *title_tr; /* what the rule requires, in Turkish */
	const char *title_en;
	const char *rec_tr;   /* what to do about a failure (Kamu SM recommendation) */
	const char *rec_en;
} uy_check_def;

typedef enum {
	UY_STATUS_PASSED = 0,
	UY_STATUS_FAILED = 1,        /* shown as FAIL, WARN or INFO by level */
	UY_STATUS_NOT_EVALUATED = 2, /* with its reason in the detail */
} uy_status;

typedef enum {
	UY_VERDICT_NONE = 0,
	UY_VERDICT_PASSED,
	UY_VERDICT_FAILED,
	UY_VERDICT_INDETERMINATE,
} uy_pkg_verdict;

/** One check result. All strings are owned by the enclosing uy_pkg_report. */
typedef struct {
	const uy_check_def *check; /* static, never NULL */
	uy_status status;
	char *scope;     /* "" for the package, else e.g. "/SifreliIcerik/E69..." */
	char *part;      /* part name such as "/Ustveri/Ustveri.xml", or NULL */
	char *path;      /* XML path such as "/UstVeri/DagitimListesi/Dagitim[1]/Miat", or NULL */
	long line;       /* line in the part, 0 if none */
	char *detail_tr; /* what is wrong (FAILED) or why not evaluated; NULL for PASSED
	                  * (except signature rows, which always say what was found) */
	char *detail_en;
	/* Signature rows only (uy_ctx_signature()): the ETSI EN 319 102-1
	 * indication and sub-indication, static strings; NULL otherwise. */
	const char *indication;
	const char *sub_indication;
} uy_result;

/** Results for one package file. */
typedef struct {
	char *path;        /* as given on the command line */
	char *name;        /* base name */
	char sha256[65];   /* hex of the file, "" if unreadable */
	uint64_t size;     /* bytes */
	char kind[8];      /* ".eyp", ".eyps", ".eypg" or "?" */
	char generation[4]; /* "1.x", "2.x" or "?" */
	uy_pkg_verdict verdict;
	uy_result *results;
	size_t n_results;
	size_t alloc_results;
	size_t suppressed; /* findings dropped past UY_MAX_FINDINGS */
	/* Private: the worst verdict impact of the dropped findings. */
	int suppressed_fail;   /* a FAIL-level FAILED finding was dropped */
	int suppressed_indet;  /* a FAIL-level NOT_EVALUATED result was dropped */
	/* Private: (check, scope) pairs evaluated, for uy_report_finish(). */
	struct uy_mark *marks;
	size_t n_marks;
	size_t alloc_marks;
} uy_pkg_report;

/** Where a finding is. Any field may be NULL/0. Borrowed. */
typedef struct {
	const char *part;
	const char *path;
	long line;
} uy_loc;

#define UY_LOC_NONE ((uy_loc){NULL, NULL, 0})
#define UY_LOC_PART(p) ((uy_loc){(p), NULL, 0})

/** The context rules report into: a package report and the current scope. */
struct uy_validate_options; /* uy_validate.h */

typedef struct {
	uy_pkg_report *report; /* borrowed */
	const char *scope;     /* borrowed; "" at top level */
	unsigned depth;        /* nesting of inner packages */
	/* Signature validation options (trust, time, revocation data) for the
	 * signature stage; borrowed; NULL: signatures checked for structure only. */
	const struct uy_validate_options *sig;
} uy_ctx;

/**
 * Definition of a check.
 *
 * @param id a uy_check_id below UY_CHECK__COUNT.
 * @return the static definition, or NULL for an out-of-range id.
 */
const uy_check_def *uy_check_get(uy_check_id id);

/**
 * Find a check by its namespaced id string.
 *
 * @param id e.g. "eyp::digest::value-mismatch".
 * @return the static definition, or NULL if unknown.
 */
const uy_check_def *uy_check_find(const char *id);

/** Name of a level: "FAIL", "WARN", "INFO". */
const char *uy_level_name(uy_level l);

/** Name of a status: "PASSED", "FAILED", "NOT_EVALUATED". */
const char *uy_status_name(uy_status s);

/** Name of a verdict: "PASSED", "FAILED", "INDETERMINATE", "NONE". */
const char *uy_verdict_name(uy_pkg_verdict v);

/**
 * Initialise an empty report for one file.
 *
 * @param r    caller-allocated report.
 * @param path file path as given; copied.
 * @return UY_ERR_NOMEM  out of memory (r is left disposed)
 */
UY_MUST_USE uy_err uy_pkg_report_init(uy_pkg_report *r, const char *path);

/** Release everything the report owns; safe to repeat. */
void uy_pkg_report_dispose(uy_pkg_report *r);

/**
 * Record that a check was evaluated in the current scope. Unless a FAILED
 * result for the same check and scope is recorded, uy_pkg_report_finish()
 * adds one PASSED row for it.
 *
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err uy_ctx_pass(uy_ctx *ctx, uy_check_id id);

/**
 * Record a finding (status FAILED) for a check in the current scope; it also
 * counts as evaluated. Both formats take the same arguments in the same order.
 *
 * @param loc    where; borrowed, copied.
 * @param fmt_tr printf format of the Turkish detail.
 * @param fmt_en printf format of the English detail.
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err uy_ctx_fail(uy_ctx *ctx, uy_check_id id, uy_loc loc, const char *fmt_tr,
    const char *fmt_en, ...) UY_PRINTF2(4, 5, 6);

/**
 * uy_ctx_fail() with a va_list, for wrappers that compute the location.
 * ap is not consumed (it is copied for each format).
 *
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err uy_ctx_vfail(uy_ctx *ctx, uy_check_id id, uy_loc loc, const char *fmt_tr,
    const char *fmt_en, va_list ap) UY_PRINTF2(4, 5, 0);

/**
 * Record that a check could not be evaluated, with the reason. Repeated
 * calls for the same check, scope and part add nothing.
 *
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err uy_ctx_skip(uy_ctx *ctx, uy_check_id id, uy_loc loc, const char *reason_tr,
    const char *reason_en, ...) UY_PRINTF2(4, 5, 6);

/**
 * Record the outcome of validating one signature as its own row, whatever
 * the status: unlike uy_ctx_pass(), a PASSED signature row keeps its detail
 * (which signature, its indication, profile and level), so a report lists
 * every signature and seal with its indication.
 *
 * @param status          PASSED, FAILED or NOT_EVALUATED.
 * @param indication      static ETSI indication name ("TOTAL-PASSED", ...);
 *                        borrowed, must be static; not NULL.
 * @param sub_indication  static sub-indication name, NULL or "" for none.
 * @return UY_ERR_USAGE   unknown check or NULL indication
 * @return UY_ERR_NOMEM   out of memory
 * @standard ETSI EN 319 102-1 §5.1 (what the row carries)
 */
UY_MUST_USE uy_err uy_ctx_signature(uy_ctx *ctx, uy_check_id id, uy_loc loc, uy_status status,
    const char *indication, const char *sub_indication, const char *fmt_tr,
    const char *fmt_en, ...) UY_PRINTF2(7, 8, 9);

/**
 * Whether a FAILED result exists for the check in the current scope.
 */
int uy_ctx_has_failed(const uy_ctx *ctx, uy_check_id id);

/**
 * Add the PASSED rows for evaluated checks without findings, order all rows
 * (scope, then registry order, then part, then line) and compute the verdict:
 * FAILED if any FAIL-level check failed; else INDETERMINATE if any FAIL-level
 * check was not evaluated; else PASSED. WARN and INFO never change it.
 *
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err uy_pkg_report_finish(uy_pkg_report *r);

#endif /* UYUM_UY_CHECK_H */
