/*
 * digest.c - digests of package parts over their raw bytes (OpenSSL 3 EVP).
 *
 * e-Yazışma digests cover the part bytes after decompression, without any
 * canonicalisation, BOM included (spec §7). Callers ask for (part, algorithm)
 * pairs first; uy_pkg_compute_digests then reads each part once and feeds
 * every algorithm asked for it from the same chunks, so an attachment is
 * never held in memory and never read twice.
 */
#include "uyum/uy_pkg.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>

#include "uyum/uy_alloc.h"

#include "pkg/pkg_internal.h"

/* Digest values of one part. */
typedef struct {
	uint8_t value[UY_DIGEST__COUNT][UY_DIGEST_MAX];
	uint8_t len[UY_DIGEST__COUNT];
} digest_values;

/* What was asked and what is known, per part (index in the package). */
typedef struct {
	size_t n;
	unsigned *want;        /* bit per uy_digest_alg */
	unsigned *have;        /* computed */
	unsigned *done;        /* tried: computed, part unreadable, or algorithm unavailable */
	digest_values **vals;  /* allocated for parts that have a value */
} digest_state;

/* OpenSSL fetch names, in uy_digest_alg order. */
static const char *const digest_fetch_names[UY_DIGEST__COUNT] = {
	"SHA1", "SHA256", "SHA384", "SHA512", "RIPEMD160",
};

/* see uy_pkg.h */
const char *
uy_digest_name(uy_digest_alg alg)
{
	switch (alg) {
	case UY_DIGEST_SHA1:
		return "SHA-1";
	case UY_DIGEST_SHA256:
		return "SHA-256";
	case UY_DIGEST_SHA384:
		return "SHA-384";
	case UY_DIGEST_SHA512:
		return "SHA-512";
	case UY_DIGEST_RIPEMD160:
		return "RIPEMD-160";
	case UY_DIGEST__COUNT:
	default:
		return "?";
	}
}

/* Internal to the pkg module: release the digest state (uy_pkg_free); NULL is allowed. */
void
uy_pkg__digest_state_free(void *state)
{
	digest_state *d = state;

	if (d == NULL) {
		return;
	}
	for (size_t i = 0; d->vals != NULL && i < d->n; i++) {
		uy_free(d->vals[i]);
	}
	uy_free(d->vals);
	uy_free(d->want);
	uy_free(d->have);
	uy_free(d->done);
	uy_free(d);
}

/* The state of pkg, made on first use. */
static uy_err
digest_state_get(digest_state **out, uy_pkg *pkg)
{
	uy_err rc = UY_OK;
	digest_state *d = uy_pkg__digest_state(pkg);
	size_t n = uy_pkg_part_count(pkg);

	*out = d;
	if (d != NULL) {
		return UY_OK;
	}
	d = uy_alloc(sizeof(*d));
	UY_ENSURE_OUT(d != NULL, UY_ERR_NOMEM);
	d->n = n;
	d->want = uy_calloc(n + 1, sizeof(*d->want));
	d->have = uy_calloc(n + 1, sizeof(*d->have));
	d->done = uy_calloc(n + 1, sizeof(*d->done));
	d->vals = uy_calloc(n + 1, sizeof(*d->vals));
	UY_ENSURE_OUT(d->want != NULL && d->have != NULL && d->done != NULL && d->vals != NULL,
	    UY_ERR_NOMEM);
	uy_pkg__set_digest_state(pkg, d);
	*out = d;
	d = NULL; /* now owned by pkg */
done:
	uy_pkg__digest_state_free(d);
	return rc;
}

/* Index of part in pkg, or SIZE_MAX when it is not one of pkg's parts. */
static size_t
digest_index(const uy_pkg *pkg, const uy_part *part)
{
	const uy_part *first = uy_pkg_part_at(pkg, 0);
	size_t n = uy_pkg_part_count(pkg);

	if (first == NULL || part < first || part >= first + n) {
		return SIZE_MAX;
	}
	return (size_t)(part - first);
}

/* see uy_pkg.h */
uy_err
uy_pkg_want_digest(uy_pkg *pkg, const uy_part *part, uy_digest_alg alg)
{
	digest_state *d = NULL;
	size_t i = 0;

	UY_ASSERT_ARG(pkg != NULL && part != NULL && (int)alg >= 0 && alg < UY_DIGEST__COUNT);
	i = digest_index(pkg, part);
	UY_ASSERT_ARG(i != SIZE_MAX);
	UY_TRY(digest_state_get(&d, pkg));
	d->want[i] |= 1u << alg;
	return UY_OK;
}

/* The running digests of one part, fed chunk by chunk. */
typedef struct {
	EVP_MD_CTX *ctx[UY_DIGEST__COUNT]; /* NULL where not asked for */
} digest_run;

static uy_err
digest_feed(const uint8_t *data, size_t len, void *payload)
{
	digest_run *run = payload;

	for (size_t a = 0; a < UY_DIGEST__COUNT; a++) {
		if (run->ctx[a] != NULL && EVP_DigestUpdate(run->ctx[a], data, len) != 1) {
			ERR_clear_error();
			return UY_ERROR(UY_ERR_CRYPTO, "EVP_DigestUpdate failed (%s)",
			    digest_fetch_names[a]);
		}
	}
	return UY_OK;
}

/*
 * Compute the pending digests of part i from one read of its bytes.
 *
 * *= eyazisma-packages.md §7
 * *# **Input**: raw part bytes after decompression, no canonicalisation, BOM included;
 */
static uy_err
digest_part(uy_pkg *pkg, uy_ctx *ctx, digest_state *d, size_t i, EVP_MD *const *md)
{
	uy_err rc = UY_OK;
	digest_run run;
	digest_values *vals = NULL;
	unsigned pending = d->want[i] & ~d->done[i];

	memset(&run, 0, sizeof(run));
	for (size_t a = 0; a < UY_DIGEST__COUNT; a++) {
		if ((pending & (1u << a)) == 0) {
			continue;
		}
		if (md[a] == NULL) {
			/* Not offered by this OpenSSL: uy_pkg_get_digest says UY_ERR_NOT_FOUND. */
			d->done[i] |= 1u << a;
			continue;
		}
		run.ctx[a] = EVP_MD_CTX_new();
		UY_ENSURE_OUT(run.ctx[a] != NULL, UY_ERR_NOMEM);
		if (EVP_DigestInit_ex2(run.ctx[a], md[a], NULL) != 1) {
			ERR_clear_error();
			rc = UY_ERROR(UY_ERR_CRYPTO, "EVP_DigestInit_ex2 failed (%s)",
			    digest_fetch_names[a]);
			goto done;
		}
	}
	rc = uy_pkg_stream_part(pkg, ctx, uy_pkg_part_at(pkg, i), digest_feed, &run);
	if (rc == UY_ERR_ZIP_ENTRY || rc == UY_ERR_LIMIT) {
		/* Unreadable part: the finding is recorded; its digests stay unavailable. */
		d->done[i] |= pending;
		rc = UY_OK;
		goto done;
	}
	UY_TRY_OUT(rc);
	if (d->vals[i] == NULL) {
		vals = uy_alloc(sizeof(*vals));
		UY_ENSURE_OUT(vals != NULL, UY_ERR_NOMEM);
		d->vals[i] = vals;
	}
	for (size_t a = 0; a < UY_DIGEST__COUNT; a++) {
		unsigned int len = 0;
		if (run.ctx[a] == NULL) {
			continue;
		}
		if (EVP_DigestFinal_ex(run.ctx[a], d->vals[i]->value[a], &len) != 1 ||
		    len > UY_DIGEST_MAX) {
			ERR_clear_error();
			rc = UY_ERROR(UY_ERR_CRYPTO, "EVP_DigestFinal_ex failed (%s)",
			    digest_fetch_names[a]);
			goto done;
		}
		d->vals[i]->len[a] = (uint8_t)len;
		d->have[i] |= 1u << a;
		d->done[i] |= 1u << a;
	}
done:
	for (size_t a = 0; a < UY_DIGEST__COUNT; a++) {
		EVP_MD_CTX_free(run.ctx[a]);
	}
	return rc;
}

/* see uy_pkg.h */
uy_err
uy_pkg_compute_digests(uy_pkg *pkg, uy_ctx *ctx)
{
	uy_err rc = UY_OK;
	digest_state *d = NULL;
	EVP_MD *md[UY_DIGEST__COUNT] = {NULL};
	unsigned needed = 0;

	UY_ASSERT_ARG(pkg != NULL && ctx != NULL);
	d = uy_pkg__digest_state(pkg);
	if (d == NULL) {
		return UY_OK; /* nothing asked */
	}
	for (size_t i = 0; i < d->n; i++) {
		needed |= d->want[i] & ~d->done[i];
	}
	for (size_t a = 0; a < UY_DIGEST__COUNT; a++) {
		if ((needed & (1u << a)) == 0) {
			continue;
		}
		/* RIPEMD160 is in the default provider from OpenSSL 3.0.7; older ones lack it. */
		md[a] = EVP_MD_fetch(NULL, digest_fetch_names[a], NULL);
		if (md[a] == NULL) {
			ERR_clear_error();
		}
	}
	for (size_t i = 0; i < d->n; i++) {
		if ((d->want[i] & ~d->done[i]) == 0) {
			continue;
		}
		UY_TRY_OUT(digest_part(pkg, ctx, d, i, md));
	}
done:
	for (size_t a = 0; a < UY_DIGEST__COUNT; a++) {
		EVP_MD_free(md[a]);
	}
	return rc;
}

/* see uy_pkg.h */
uy_err
uy_pkg_get_digest(const uy_pkg *pkg, const uy_part *part, uy_digest_alg alg, uint8_t *out,
    size_t *len_out)
{
	const digest_state *d = NULL;
	size_t i = 0;

	UY_ASSERT_ARG(pkg != NULL && part != NULL && out != NULL && len_out != NULL);
	UY_ASSERT_ARG((int)alg >= 0 && alg < UY_DIGEST__COUNT);
	*len_out = 0;
	i = digest_index(pkg, part);
	UY_ASSERT_ARG(i != SIZE_MAX);
	d = uy_pkg__digest_state(pkg);
	if (d == NULL || (d->have[i] & (1u << alg)) == 0) {
		return UY_ERR_NOT_FOUND;
	}
	memcpy(out, d->vals[i]->value[alg], d->vals[i]->len[alg]);
	*len_out = d->vals[i]->len[alg];
	return UY_OK;
}
