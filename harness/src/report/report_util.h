/*
 * report_util.h - helpers shared by the report writers (harness/src/report).
 *
 * Private to the report module. Every string a writer emits passes through
 * uy_report__next_cp(), so invalid UTF-8 from a package (names, details, XML
 * paths) becomes U+FFFD in every format, and the markup and CSV writers also
 * replace the characters their format cannot carry safely.
 */
#ifndef UYUM_REPORT_UTIL_H
#define UYUM_REPORT_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_check.h"
#include "uyum/uy_err.h"
#include "uyum/uy_report.h"

/* U+FFFD REPLACEMENT CHARACTER. */
#define UY_REPORT__REPLACEMENT 0xFFFDu

/*
 * Characters XML 1.0 (§2.2 Char) cannot carry, that could drive a terminal
 * (C0 except TAB, LF, CR; DEL; C1; U+FFFE, U+FFFF) or that reorder the text
 * around them (bidi embeddings, overrides, isolates) are replaced by U+FFFD
 * as well. Used by HTML, JUnit and CSV; JSON escapes them instead.
 */
#define UY_REPORT__NO_CONTROLS 1u

/*
 * Cap on one report file in bytes: UY_MAX_REPORT. Unit tests lower it to
 * test the cap at and one past a report's size; nothing else changes it.
 */
extern size_t uy_report__max_bytes;

/* How a result is shown: the status, refined by the check's level. */
typedef enum {
	UY_REPORT__FAIL = 0,          /* FAILED, level FAIL */
	UY_REPORT__WARN = 1,          /* FAILED, level WARN */
	UY_REPORT__NOT_EVALUATED = 2, /* NOT_EVALUATED, any level */
	UY_REPORT__INFO = 3,          /* FAILED, level INFO */
	UY_REPORT__PASSED = 4,        /* PASSED */
	UY_REPORT__CLASSES = 5
} uy_report_class;

/* Number of results of one package (or a whole run) per display class. */
typedef struct {
	size_t n[UY_REPORT__CLASSES];
} uy_report_counts;

/* Pseudo check id of the row that stands for findings dropped past
 * UY_MAX_FINDINGS in the CSV and JUnit reports (JSON and HTML carry the
 * count as a field and a notice). Not a registry check. */
#define UY_REPORT__SUPPRESSED_ID "uyum::findings::suppressed"
/* Its texts; both take (size_t suppressed, unsigned limit) in that order. */
#define UY_REPORT__SUPPRESSED_TR "%zu bulgu daha kaydedilmedi (sınır: paket başına %u bulgu)."
#define UY_REPORT__SUPPRESSED_EN \
	"%zu further findings were not recorded (limit: %u findings per package)."
#define UY_REPORT__SUPPRESSED_REC_TR "Kaydedilen bulguları giderip paketi yeniden denetleyin."
#define UY_REPORT__SUPPRESSED_REC_EN "Fix the recorded findings, then check the package again."

/**
 * Decode one code point of possibly invalid UTF-8.
 *
 * @param p       bytes; at least one is available (n >= 1).
 * @param n       bytes available at p.
 * @param[out] cp the code point, or U+FFFD for an ill-formed sequence.
 * @return bytes consumed (1..4). An ill-formed sequence consumes its
 *         maximal subpart (Unicode 15 §3.9, "U+FFFD substitution of maximal
 *         subparts"), so one bad byte never swallows a good character.
 * @standard RFC 3629 §4; Unicode 15.0 §3.9 Table 3-7
 */
size_t uy_report__next_cp(const uint8_t *p, size_t n, uint32_t *cp);

/**
 * Append a code point to a buffer as UTF-8.
 *
 * @param b  destination; disposed on failure (uy_buf_append()).
 * @param cp a Unicode scalar value.
 * @return UY_ERR_LIMIT, UY_ERR_NOMEM as uy_buf_append()
 */
UY_MUST_USE uy_err uy_report__put_cp(uy_buf *b, uint32_t cp);

/**
 * Whether a code point is replaced under UY_REPORT__NO_CONTROLS.
 */
int uy_report__is_unsafe(uint32_t cp);

/**
 * Whether a code point is a bidi embedding, override or isolate control
 * (U+202A-U+202E, U+2066-U+2069).
 * @standard Unicode UAX #9 §2
 */
int uy_report__is_bidi(uint32_t cp);

/**
 * Copy a string as valid UTF-8, replacing ill-formed sequences (and, with
 * UY_REPORT__NO_CONTROLS, unsafe characters) by U+FFFD.
 *
 * @param[out] out owned copy (uy_free); NULL on error.
 * @param s        string or NULL (treated as "").
 * @param flags    0 or UY_REPORT__NO_CONTROLS.
 * @return UY_ERR_NOMEM  out of memory
 * @return UY_ERR_LIMIT  the copy would exceed UY_MAX_REPORT
 */
UY_MUST_USE uy_err uy_report__clean(char **out, const char *s, unsigned flags);

/**
 * Append s to b with HTML escaping (& < > " ') after cleaning as
 * uy_report__clean() with UY_REPORT__NO_CONTROLS. Safe in text and in
 * quoted attribute values.
 *
 * @param s string or NULL (appends nothing).
 * @return UY_ERR_LIMIT, UY_ERR_NOMEM as uy_buf_append(); b is disposed
 * @standard WHATWG HTML §13.1.2.6, §13.2.5
 */
UY_MUST_USE uy_err uy_report__html_text(uy_buf *b, const char *s);

/**
 * Append s to b as a JSON string literal, quotes included: ill-formed UTF-8
 * becomes U+FFFD; '"' and '\\' are escaped; U+0000-U+001F, U+007F-U+009F,
 * U+2028, U+2029 and the bidi controls become \u00XX / \u20XX. NULL
 * appends `null`.
 *
 * @return UY_ERR_LIMIT, UY_ERR_NOMEM as uy_buf_append(); b is disposed
 * @standard RFC 8259 §7, §8.1
 */
UY_MUST_USE uy_err uy_report__json_str(uy_buf *b, const char *s);

/** Display class of a result. */
uy_report_class uy_report__class(const uy_result *res);

/** Count the results of a package by display class (adds to *c). */
void uy_report__count(const uy_pkg_report *p, uy_report_counts *c);

/**
 * Verdict used by the writers: an unfinished report (UY_VERDICT_NONE) is
 * shown as INDETERMINATE, because nothing was concluded about it.
 */
uy_pkg_verdict uy_report__verdict(const uy_pkg_report *p);

/** Display label of a result in the run's language, e.g. "KALDI"/"FAILED". */
const char *uy_report__status_label(uy_report_class cls, uy_lang lang);

/** Display label of a verdict, e.g. "UYGUN DEĞİL"/"FAILED". */
const char *uy_report__verdict_label(uy_pkg_verdict v, uy_lang lang);

/** The message of a result: its detail when present, else the check's title. */
const char *uy_report__message(const uy_result *res, uy_lang lang);

/**
 * The recommendation of a result: the check's recommendation for FAILED and
 * NOT_EVALUATED rows, NULL for PASSED rows (nothing to do).
 */
const char *uy_report__recommendation(const uy_result *res, uy_lang lang);

/**
 * Finish a writer: write the buffer atomically to path and dispose it.
 * Called on every path out of a writer; a non-OK rc is passed through and
 * nothing is written.
 *
 * @param rc   the writer's result so far.
 * @param b    the report bytes; always disposed.
 * @param path destination.
 * @return rc when it is not UY_OK, else as uy_report_write_atomic()
 */
UY_MUST_USE uy_err uy_report__finish(uy_err rc, uy_buf *b, const char *path);

#endif /* UYUM_REPORT_UTIL_H */
