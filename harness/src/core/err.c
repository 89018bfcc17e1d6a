/* see uy_err.h */
#include "uyum/uy_err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char err_last[512];

const char *
uy_err_name(uy_err e)
{
	switch (e) {
#define UY_ERR_NAME_(name, num, cls, msg) \
	case name: \
		return #name;
		UY_ERR_TABLE(UY_ERR_NAME_)
#undef UY_ERR_NAME_
	default:
		return "UY_ERR_UNKNOWN";
	}
}

const char *
uy_err_message(uy_err e)
{
	switch (e) {
#define UY_ERR_MSG_(name, num, cls, msg) \
	case name: \
		return msg;
		UY_ERR_TABLE(UY_ERR_MSG_)
#undef UY_ERR_MSG_
	default:
		return "unknown error";
	}
}

int
uy_err_is_input(uy_err e)
{
	switch (e) {
#define UY_ERR_CLS_(name, num, cls, msg) \
	case name: \
		return strcmp(#cls, "INPUT") == 0;
		UY_ERR_TABLE(UY_ERR_CLS_)
#undef UY_ERR_CLS_
	default:
		return 0;
	}
}

uy_err
uy_error_set(uy_err e, const char *file, int line, const char *fmt, ...)
{
	char msg[384] = "";

	if (err_last[0] != '\0') {
		return e; /* never overwrite the inner message */
	}
	if (fmt != NULL) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
	} else {
		snprintf(msg, sizeof(msg), "%s", uy_err_message(e));
	}
	snprintf(err_last, sizeof(err_last), "%s: %s (%s:%d)", uy_err_name(e), msg,
	    file != NULL ? file : "?", line);
	return e;
}

void
uy_error_clear(void)
{
	err_last[0] = '\0';
}

const char *
uy_error_last(void)
{
	return err_last;
}
