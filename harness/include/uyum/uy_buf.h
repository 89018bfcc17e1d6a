/*
 * uy_buf.h - borrowed spans and capped, owned, growable byte buffers.
 */
#ifndef UYUM_UY_BUF_H
#define UYUM_UY_BUF_H

#include <stddef.h>
#include <stdint.h>

#include "uyum/uy_err.h"

/** A borrowed view of bytes; owns nothing. */
typedef struct {
	const uint8_t *ptr;
	size_t len;
} uy_span;

/** An owned, growable buffer with a hard cap fixed at init. */
typedef struct {
	uint8_t *ptr;
	size_t len;
	size_t alloc;
	size_t cap;
	unsigned flags;
} uy_buf;

/* Wipe the bytes with OPENSSL_cleanse on dispose (keys, PINs). */
#define UY_BUF_SECRET 1u

/**
 * Initialise an empty buffer.
 *
 * @param b     caller-allocated buffer.
 * @param cap   maximum length in bytes the buffer may ever hold.
 * @param flags 0 or UY_BUF_SECRET.
 */
void uy_buf_init(uy_buf *b, size_t cap, unsigned flags);

/**
 * Append bytes. On failure the buffer is disposed (emptied and freed).
 *
 * @param b   initialised buffer.
 * @param p   bytes to append; may be NULL when n is 0.
 * @param n   number of bytes.
 * @return UY_ERR_LIMIT  the cap would be exceeded
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err uy_buf_append(uy_buf *b, const void *p, size_t n);

/**
 * Append a NUL-terminated string (without its NUL). Same failures as
 * uy_buf_append().
 */
UY_MUST_USE uy_err uy_buf_puts(uy_buf *b, const char *s);

/**
 * Append printf-formatted text. Same failures as uy_buf_append().
 */
UY_MUST_USE uy_err uy_buf_printf(uy_buf *b, const char *fmt, ...) UY_PRINTF(2, 3);

/**
 * Hand the bytes over and leave the buffer empty. A NUL is kept after the
 * last byte when the buffer is non-empty, so text can be used as a C string.
 *
 * @param[out] len_out length in bytes; may be NULL.
 * @return owned bytes (uy_free), or NULL when the buffer is empty.
 */
uint8_t *uy_buf_take(uy_buf *b, size_t *len_out);

/** Release the bytes; safe to repeat. */
void uy_buf_dispose(uy_buf *b);

/** View of the buffer's bytes, borrowed from it. */
uy_span uy_buf_span(const uy_buf *b);

/** Span over a NUL-terminated string (borrowed). */
uy_span uy_span_str(const char *s);

/** Overflow-checked size addition: UY_ERR_LIMIT on overflow. */
UY_MUST_USE uy_err uy_size_add(size_t a, size_t b, size_t *out);

/** Overflow-checked size multiplication: UY_ERR_LIMIT on overflow. */
UY_MUST_USE uy_err uy_size_mul(size_t a, size_t b, size_t *out);

#endif /* UYUM_UY_BUF_H */
