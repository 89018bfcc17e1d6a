/*
 * uy_online.h - online mode (`--online`): fetch CRLs from a certificate's
 * CRL distribution points and query its OCSP responder (authorityInfoAccess
 * id-ad-ocsp) over HTTP with libcurl, with timeouts, a size cap and a cache.
 * Off by default: nothing in uyum touches the network unless the caller
 * creates a uy_online and passes it in.
 *
 * Fetched data is never judged here (uy_path does): a response is accepted
 * when it is exactly one DER CertificateList or OCSPResponse.
 *
 * Thread-safety: uy_online_new() calls curl_global_init() once per process
 * (pthread_once). That call is thread-safe only on libcurl 7.84+ built
 * thread-safe (CURL_VERSION_THREADSAFE); on older libcurl create the first
 * uy_online before other threads use libcurl or OpenSSL. A uy_online must
 * not be used by two threads at once; separate objects may be.
 */
#ifndef UYUM_UY_ONLINE_H
#define UYUM_UY_ONLINE_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_err.h"

typedef struct uy_online uy_online;

/** Options of uy_online_new(). Strings are copied. */
typedef struct {
	unsigned version;	/* UY_ONLINE_OPTIONS_VERSION */
	long timeout_ms;	/* per transfer, connect included (default 10000) */
	size_t max_bytes;	/* per response (default 4 MiB) */
	/* Cache folder, which must exist: each response is kept as <key>.der,
	 * key = lowercase hex SHA-256 of ("crl" or "ocsp", NUL, URL, NUL, and for
	 * OCSP the DER CertID), written atomically (temporary file + rename)
	 * and reused across objects and runs, never expired (empty the folder
	 * to refetch). A cached file that is unreadable, over max_bytes or not
	 * acceptable DER is a miss; a file that cannot be written is not an
	 * error. NULL: an in-memory cache for the life of the object only. */
	const char *cache_dir;
	/* curl CURLOPT_CONNECT_TO entries ("HOST:PORT:CONNECT-TO-HOST:PORT"),
	 * e.g. to point a test PKI's host names at a local server; may be NULL. */
	const char *const *connect_to;
	size_t connect_to_count;
} uy_online_options;

#define UY_ONLINE_OPTIONS_VERSION 1u
#define UY_ONLINE_OPTIONS_INIT {UY_ONLINE_OPTIONS_VERSION, 10000, 4u << 20, NULL, NULL, 0}

/**
 * Create an online fetcher (calls curl_global_init once per process).
 *
 * @param[out] out the fetcher (owned; free with uy_online_free()); NULL on
 *                 error.
 * @param opts     options; borrowed, strings are copied. timeout_ms and
 *                 max_bytes must be > 0, connect_to_count at most 64.
 * @return UY_ERR_USAGE  wrong version, or an option out of range
 * @return UY_ERR_NOMEM  out of memory
 * @return UY_ERR_IO     libcurl could not be initialised, or cache_dir is
 *                       not an existing folder
 */
UY_MUST_USE uy_err uy_online_new(uy_online **out, const uy_online_options *opts);

/** Free a fetcher and every span it returned. NULL is a no-op. */
void uy_online_free(uy_online *o);

/**
 * Fetch the CRL of the first http:// or https:// CRL distribution point
 * (fullName URIs, in certificate order, at most 8) of `cert` that answers
 * with a DER CRL: each URI is looked up in the cache, then fetched with a
 * GET (status 200, at most 3 redirects, http and https only). The CRL is
 * not verified (issuer, signature, dates: uy_path's work).
 *
 * @param o        the fetcher; the returned span is held by it.
 * @param cert     the certificate; borrowed.
 * @param[out] out the CRL DER, owned by `o` until uy_online_free();
 *                 {NULL, 0} on error.
 * @return UY_ERR_NOT_FOUND no http(s) distribution point
 * @return UY_ERR_IO        every fetch failed, timed out, was not 200 or
 *                          not one DER CRL (uy_error_last() gives the URL
 *                          and curl's message)
 * @return UY_ERR_LIMIT     a response over max_bytes (and no URI answered),
 *                          or 4096 responses already held by `o`
 * @return UY_ERR_NOMEM     out of memory
 * @return UY_ERR_CRYPTO    OpenSSL could not hash the cache key
 * @standard RFC 5280 §4.2.1.13
 */
UY_MUST_USE uy_err uy_online_fetch_crl(uy_online *o, X509 *cert, uy_span *out);

/**
 * Query the OCSP responder of `cert` (http:// or https:// id-ad-ocsp access
 * locations, in order, at most 8; the first that answers wins) with an HTTP
 * POST (Content-Type application/ocsp-request) of an OCSPRequest for
 * (cert, issuer) with a SHA-256 CertID and a nonce. The cache key holds the
 * CertID but not the nonce, so a cached response echoes an older nonce.
 * The response is not judged (status, signature, freshness: uy_path's work).
 *
 * @param o        the fetcher; the returned span is held by it.
 * @param cert     the certificate asked about; borrowed.
 * @param issuer   its issuer (for issuerNameHash and issuerKeyHash);
 *                 borrowed.
 * @param[out] out the OCSPResponse DER, owned by `o` until
 *                 uy_online_free(); {NULL, 0} on error.
 * @return the errors of uy_online_fetch_crl() (NOT_FOUND: no http(s)
 *         id-ad-ocsp location), and UY_ERR_CRYPTO also when the request
 *         cannot be built (e.g. the issuer's key is unreadable)
 * @standard RFC 6960 §4.1, Appendix A.1
 */
UY_MUST_USE uy_err uy_online_query_ocsp(uy_online *o, X509 *cert, X509 *issuer, uy_span *out);

#endif /* UYUM_UY_ONLINE_H */
