/*
 * uy_err.h - operational result codes (axis 1: did uyum do the work?).
 *
 * A malformed artefact is a verdict (a FAILED check), not an error: parsers
 * may return input-class codes, and the function that owns the verdict maps
 * them to findings and returns UY_OK. Codes are append-only because reports
 * store their names.
 */
#ifndef UYUM_UY_ERR_H
#define UYUM_UY_ERR_H

#include <stddef.h>

#if defined(__GNUC__) || defined(__clang__)
#define UY_MUST_USE __attribute__((warn_unused_result))
#define UY_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define UY_MUST_USE
#define UY_PRINTF(f, a)
#endif

/* X(name, number, class, message). Classes: INPUT, SYSTEM, USAGE, INTERNAL. */
#define UY_ERR_TABLE(X) \
	X(UY_OK, 0, NONE, "success") \
	X(UY_ERR_USAGE, -1, USAGE, "invalid argument (caller bug)") \
	X(UY_ERR_NOMEM, -2, SYSTEM, "out of memory") \
	X(UY_ERR_IO, -3, SYSTEM, "input/output error") \
	X(UY_ERR_LIMIT, -4, INPUT, "a uyum limit was exceeded") \
	X(UY_ERR_TRUNCATED, -5, INPUT, "input ends early") \
	X(UY_ERR_TRAILING_DATA, -6, INPUT, "bytes remain after the end of the structure") \
	X(UY_ERR_INTERNAL, -7, INTERNAL, "internal error") \
	X(UY_ERR_NOT_FOUND, -8, INPUT, "not found") \
	X(UY_ERR_SYNTAX, -9, INPUT, "syntax error") \
	X(UY_ERR_ZIP, -100, INPUT, "the ZIP container cannot be read") \
	X(UY_ERR_ZIP_ENTRY, -101, INPUT, "a ZIP entry cannot be read") \
	X(UY_ERR_XML, -200, INPUT, "the XML cannot be parsed") \
	X(UY_ERR_XML_DOCTYPE, -201, INPUT, "the XML contains a DOCTYPE") \
	X(UY_ERR_CRYPTO, -300, SYSTEM, "OpenSSL failed") \
	X(UY_ERR_REPORT, -400, SYSTEM, "a report cannot be written") \
	X(UY_ERR_MANIFEST, -500, INPUT, "the test manifest is invalid")

#define UY_ERR_ENUM_(name, num, cls, msg) name = num,
typedef enum { UY_ERR_TABLE(UY_ERR_ENUM_) } uy_err;
#undef UY_ERR_ENUM_

/**
 * Name of an error code, e.g. "UY_ERR_LIMIT".
 *
 * @param e any value; unknown values give "UY_ERR_UNKNOWN".
 * @return a static string; never NULL.
 */
const char *uy_err_name(uy_err e);

/**
 * One-line English message for an error code.
 *
 * @param e any value; unknown values give "unknown error".
 * @return a static string; never NULL.
 */
const char *uy_err_message(uy_err e);

/**
 * Whether the code is of the INPUT class (the artefact is malformed).
 *
 * @param e any value.
 * @return 1 for INPUT-class codes, 0 otherwise.
 */
int uy_err_is_input(uy_err e);

/**
 * Record the last error of this thread: the code, a one-line message and
 * where it was raised. Never overwrites a message already recorded for the
 * same failure; call uy_error_clear() at the start of an operation.
 *
 * @param e    the code being returned.
 * @param file __FILE__ of the caller; borrowed, static.
 * @param line __LINE__ of the caller.
 * @param fmt  printf format of the message; may be NULL.
 * @return e, so that `return uy_error_set(...)` reads naturally.
 */
uy_err uy_error_set(uy_err e, const char *file, int line, const char *fmt, ...)
    UY_PRINTF(4, 5);

/** Forget the last error of this thread. */
void uy_error_clear(void);

/**
 * The message of the last error of this thread, with its code name and
 * place, e.g. "UY_ERR_IO: cannot open x.eyp (harness/src/cli/main.c:42)".
 *
 * @return a thread-local string valid until the next uy_error_* call; ""
 *         when no error was recorded.
 */
const char *uy_error_last(void);

#define UY_ERROR(e, ...) uy_error_set((e), __FILE__, __LINE__, __VA_ARGS__)

/* Early returns: use only where nothing is held. */
#define UY_TRY(expr) \
	do { \
		uy_err uy_try_rc_ = (expr); \
		if (uy_try_rc_ != UY_OK) { \
			return uy_try_rc_; \
		} \
	} while (0)
#define UY_ENSURE(cond, code) \
	do { \
		if (!(cond)) { \
			return (code); \
		} \
	} while (0)
/* With resources: set rc and jump to the single `done:` label. */
#define UY_TRY_OUT(expr) \
	do { \
		rc = (expr); \
		if (rc != UY_OK) { \
			goto done; \
		} \
	} while (0)
#define UY_ENSURE_OUT(cond, code) \
	do { \
		if (!(cond)) { \
			rc = (code); \
			goto done; \
		} \
	} while (0)
#define UY_ASSERT_ARG(cond) \
	do { \
		if (!(cond)) { \
			return UY_ERROR(UY_ERR_USAGE, "argument check failed: %s", #cond); \
		} \
	} while (0)

#endif /* UYUM_UY_ERR_H */
