/* see uy_buf.h */
#include "uyum/uy_buf.h"

#include <openssl/crypto.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "uyum/uy_alloc.h"

void
uy_buf_init(uy_buf *b, size_t cap, unsigned flags)
{
	memset(b, 0, sizeof(*b));
	b->cap = cap;
	b->flags = flags;
}

void
uy_buf_dispose(uy_buf *b)
{
	if (b == NULL) {
		return;
	}
	if (b->ptr != NULL && (b->flags & UY_BUF_SECRET) != 0) {
		OPENSSL_cleanse(b->ptr, b->alloc);
	}
	uy_free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
	b->alloc = 0;
}

static uy_err
buf_reserve(uy_buf *b, size_t need)
{
	size_t want = b->alloc == 0 ? 256 : b->alloc;
	uint8_t *p = NULL;

	/* +1 keeps room for the NUL that uy_buf_take promises. */
	while (want < need + 1) {
		if (want > ((size_t)-1) / 2) {
			want = need + 1;
			break;
		}
		want *= 2;
	}
	if (want > b->cap + 1) {
		want = b->cap + 1;
	}
	if ((b->flags & UY_BUF_SECRET) != 0) {
		/* Copy by hand so the old block can be wiped. */
		p = uy_alloc(want);
		if (p == NULL) {
			return UY_ERR_NOMEM;
		}
		if (b->ptr != NULL) {
			memcpy(p, b->ptr, b->len);
			OPENSSL_cleanse(b->ptr, b->alloc);
			uy_free(b->ptr);
		}
	} else {
		p = uy_realloc(b->ptr, want);
		if (p == NULL) {
			return UY_ERR_NOMEM;
		}
	}
	b->ptr = p;
	b->alloc = want;
	return UY_OK;
}

uy_err
uy_buf_append(uy_buf *b, const void *p, size_t n)
{
	size_t need = 0;
	uy_err rc = UY_OK;

	if (uy_size_add(b->len, n, &need) != UY_OK || need > b->cap) {
		uy_buf_dispose(b);
		return UY_ERR_LIMIT;
	}
	if (need + 1 > b->alloc) {
		rc = buf_reserve(b, need);
		if (rc != UY_OK) {
			uy_buf_dispose(b);
			return rc;
		}
	}
	if (n > 0) {
		memcpy(b->ptr + b->len, p, n);
	}
	b->len = need;
	b->ptr[b->len] = '\0';
	return UY_OK;
}

uy_err
uy_buf_puts(uy_buf *b, const char *s)
{
	return uy_buf_append(b, s, strlen(s));
}

uy_err
uy_buf_printf(uy_buf *b, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	int n = 0;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		uy_buf_dispose(b);
		return UY_ERR_INTERNAL;
	}
	if ((size_t)n < sizeof(small)) {
		return uy_buf_append(b, small, (size_t)n);
	}
	{
		char *big = uy_alloc((size_t)n + 1);
		uy_err rc = UY_OK;
		if (big == NULL) {
			uy_buf_dispose(b);
			return UY_ERR_NOMEM;
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		rc = uy_buf_append(b, big, (size_t)n);
		uy_free(big);
		return rc;
	}
}

uint8_t *
uy_buf_take(uy_buf *b, size_t *len_out)
{
	uint8_t *p = b->ptr;

	if (len_out != NULL) {
		*len_out = b->len;
	}
	b->ptr = NULL;
	b->len = 0;
	b->alloc = 0;
	return p; /* now owned by caller */
}

uy_span
uy_buf_span(const uy_buf *b)
{
	uy_span s = {b->ptr, b->len};
	return s;
}

uy_span
uy_span_str(const char *s)
{
	uy_span sp = {(const uint8_t *)s, s != NULL ? strlen(s) : 0};
	return sp;
}

uy_err
uy_size_add(size_t a, size_t b, size_t *out)
{
	if (a > ((size_t)-1) - b) {
		return UY_ERR_LIMIT;
	}
	*out = a + b;
	return UY_OK;
}

uy_err
uy_size_mul(size_t a, size_t b, size_t *out)
{
	if (b != 0 && a > ((size_t)-1) / b) {
		return UY_ERR_LIMIT;
	}
	*out = a * b;
	return UY_OK;
}
