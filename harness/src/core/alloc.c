/* see uy_alloc.h */
#include "uyum/uy_alloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef UY_ALLOC_TORTURE
static long alloc_fail_at = -1;
static long alloc_count;

static int
alloc_should_fail(void)
{
	if (alloc_fail_at < 0) {
		const char *s = getenv("UY_ALLOC_FAIL_AT");
		alloc_fail_at = 0;
		if (s != NULL) {
			alloc_fail_at = strtol(s, NULL, 10);
		}
	}
	alloc_count++;
	return alloc_fail_at > 0 && alloc_count == alloc_fail_at;
}
#else
static int
alloc_should_fail(void)
{
	return 0;
}
#endif

void *
uy_alloc(size_t n)
{
	if (alloc_should_fail()) {
		return NULL;
	}
	return calloc(1, n == 0 ? 1 : n);
}

void *
uy_calloc(size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size) {
		return NULL;
	}
	return uy_alloc(count * size);
}

void *
uy_realloc(void *p, size_t n)
{
	if (alloc_should_fail()) {
		return NULL;
	}
	return realloc(p, n == 0 ? 1 : n);
}

void
uy_free(void *p)
{
	free(p);
}

char *
uy_strndup(const char *s, size_t n)
{
	char *d = NULL;

	if (s == NULL || n == SIZE_MAX) {
		return NULL;
	}
	d = uy_alloc(n + 1);
	if (d == NULL) {
		return NULL;
	}
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
uy_strdup(const char *s)
{
	if (s == NULL) {
		return NULL;
	}
	return uy_strndup(s, strlen(s));
}

char *
uy_asprintf(const char *fmt, ...)
{
	va_list ap;
	int n = 0;
	char *d = NULL;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		return NULL;
	}
	d = uy_alloc((size_t)n + 1);
	if (d == NULL) {
		return NULL;
	}
	va_start(ap, fmt);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}
