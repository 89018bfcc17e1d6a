/*
 * uy_alloc.h - the only allocator of uyum's own memory.
 *
 * In builds with UY_ALLOC_TORTURE defined, the environment variable
 * UY_ALLOC_FAIL_AT=N makes the Nth call fail, so tests can step through every
 * allocation failure.
 */
#ifndef UYUM_UY_ALLOC_H
#define UYUM_UY_ALLOC_H

#include <stddef.h>

/**
 * Allocate n zeroed bytes.
 *
 * @param n bytes; 0 is treated as 1.
 * @return owned memory to release with uy_free(), or NULL when out of memory.
 */
void *uy_alloc(size_t n);

/**
 * Allocate count * size zeroed bytes, failing on overflow.
 *
 * @return owned memory, or NULL on overflow or when out of memory.
 */
void *uy_calloc(size_t count, size_t size);

/**
 * Resize memory from uy_alloc(). On failure p is left untouched.
 *
 * @param p memory from uy_alloc() or NULL.
 * @param n new size in bytes.
 * @return the new block (owned), or NULL when out of memory.
 */
void *uy_realloc(void *p, size_t n);

/** Release memory from uy_alloc(); NULL is allowed. */
void uy_free(void *p);

/**
 * Copy a NUL-terminated string.
 *
 * @param s string or NULL.
 * @return owned copy, or NULL if s is NULL or memory runs out.
 */
char *uy_strdup(const char *s);

/**
 * Copy n bytes and add a NUL.
 *
 * @return owned copy of n+1 bytes, or NULL when out of memory.
 */
char *uy_strndup(const char *s, size_t n);

/**
 * printf into a new owned string.
 *
 * @return owned string, or NULL when out of memory.
 */
char *uy_asprintf(const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif /* UYUM_UY_ALLOC_H */
