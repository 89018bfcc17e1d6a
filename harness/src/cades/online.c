/*
 * online.c - online mode (uy_online.h): fetch CRLs from a certificate's CRL
 * distribution points and query its OCSP responder over HTTP with libcurl.
 *
 * This is the only file of uyum that touches the network, and only when the
 * caller made a uy_online. It never judges what it fetched (uy_path does):
 * a body is accepted when it is exactly one DER CRL or OCSPResponse.
 *
 * Thread-safety: curl_global_init runs once per process (pthread_once); it
 * is thread-safe itself only when libcurl reports CURL_VERSION_THREADSAFE
 * (7.84+), so on older libcurl create the first uy_online before starting
 * threads that use OpenSSL or libcurl. One uy_online must not be used by two
 * threads at once; separate objects may. curl_global_cleanup is never called:
 * the state lives as long as the process.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_online.h"

/* Certificates carry one or two CDP / OCSP URIs; more is hostile. */
#define ONLINE_MAX_URIS 8u
/* URLs in real certificates stay below 200 bytes. */
#define ONLINE_MAX_URL 2048u
/* Responses held by one object (each at most max_bytes): a validation
 * needs a few per certificate, so this bounds memory, not real use. */
#define ONLINE_MAX_HELD 4096u
/* connect_to entries: a test PKI has a handful of host names. */
#define ONLINE_MAX_CONNECT_TO 64u
/* Redirects followed (a CDP behind a load balancer may redirect once). */
#define ONLINE_MAX_REDIRS 3L

#define CLAUSE_CRL "RFC 5280 §4.2.1.13"
#define CLAUSE_OCSP "RFC 6960 §4.1, Appendix A.1"

typedef enum { ONLINE_CRL, ONLINE_OCSP } online_kind;

/* One response held by the object; spans handed out point into it. */
typedef struct online_entry {
	struct online_entry *next;
	char key[2 * 32 + 1];	/* SHA-256 hex of the request */
	uint8_t *ptr;
	size_t len;
} online_entry;

struct uy_online {
	long timeout_ms;
	size_t max_bytes;
	char *cache_dir;		/* NULL: memory only */
	struct curl_slist *connect_to;
	online_entry *held;
	size_t n_held;
};

/* The write callback's state: the capped body and whether the cap hit. */
typedef struct {
	uy_buf body;
	int over_limit;
	int no_memory;
} online_sink;

static pthread_once_t online_once = PTHREAD_ONCE_INIT;
static CURLcode online_global_rc = CURLE_FAILED_INIT;

static void
online_global_init(void)
{
	online_global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* ------------------------------------------------------------------ */
/* Held responses and the cache key. */

/* key = hex(SHA-256(kind NUL url NUL certid)): the NULs keep the fields
 * apart, so two different requests never share a key. */
static uy_err
online_key(char key[2 * 32 + 1], online_kind kind, const char *url, uy_span certid)
{
	static const char hex[] = "0123456789abcdef";
	const char *tag = kind == ONLINE_CRL ? "crl" : "ocsp";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int md_len = 0;
	uy_err rc = UY_OK;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	UY_ENSURE_OUT(ctx != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
	    EVP_DigestUpdate(ctx, tag, strlen(tag) + 1) == 1 &&
	    EVP_DigestUpdate(ctx, url, strlen(url) + 1) == 1 &&
	    (certid.len == 0 || EVP_DigestUpdate(ctx, certid.ptr, certid.len) == 1) &&
	    EVP_DigestFinal_ex(ctx, md, &md_len) == 1 && md_len == 32, UY_ERR_CRYPTO);
	for (size_t i = 0; i < 32; i++) {
		key[2 * i] = hex[md[i] >> 4];
		key[2 * i + 1] = hex[md[i] & 0x0f];
	}
	key[64] = '\0';
done:
	EVP_MD_CTX_free(ctx);
	return rc;
}

static const online_entry *
online_find(const uy_online *o, const char *key)
{
	for (const online_entry *e = o->held; e != NULL; e = e->next) {
		if (strcmp(e->key, key) == 0) {
			return e;
		}
	}
	return NULL;
}

/* Take ownership of `bytes` (from uy_buf_take) on success and on failure. */
static uy_err
online_hold(uy_online *o, const char *key, uint8_t *bytes, size_t len, uy_span *out)
{
	if (o->n_held >= ONLINE_MAX_HELD) {
		uy_free(bytes);
		return UY_ERR_LIMIT;
	}
	online_entry *e = uy_alloc(sizeof(*e));
	if (e == NULL) {
		uy_free(bytes);
		return UY_ERR_NOMEM;
	}
	memcpy(e->key, key, sizeof(e->key));
	e->ptr = bytes;
	e->len = len;
	e->next = o->held;
	o->held = e;
	o->n_held++;
	*out = (uy_span){e->ptr, e->len};
	return UY_OK;
}

/* Exactly one DER structure of the kind, no trailing bytes. */
static int
online_accepts(online_kind kind, uy_span body)
{
	const unsigned char *p = body.ptr;
	int ok = 0;

	if (body.len == 0 || body.len > (size_t)LONG_MAX) {
		return 0;
	}
	if (kind == ONLINE_CRL) {
		X509_CRL *crl = d2i_X509_CRL(NULL, &p, (long)body.len);
		ok = crl != NULL && p == body.ptr + body.len;
		X509_CRL_free(crl);
	} else {
		OCSP_RESPONSE *resp = d2i_OCSP_RESPONSE(NULL, &p, (long)body.len);
		ok = resp != NULL && p == body.ptr + body.len;
		OCSP_RESPONSE_free(resp);
	}
	return ok;
}

/* ------------------------------------------------------------------ */
/* The folder cache. Failures here are never errors: a miss refetches, and
 * a response that cannot be stored is still returned. */

static char *
online_cache_path(const uy_online *o, const char *key)
{
	return uy_asprintf("%s/%s.der", o->cache_dir, key);
}

/* Read <key>.der if present, regular, at most max_bytes and acceptable. */
static uy_err
online_cache_read(uy_online *o, online_kind kind, const char *key, uy_span *out, int *hit)
{
	uy_err rc = UY_OK;
	uy_buf b;
	struct stat st;
	int fd = -1;
	char *path = online_cache_path(o, key);

	*hit = 0;
	uy_buf_init(&b, o->max_bytes, 0);
	UY_ENSURE_OUT(path != NULL, UY_ERR_NOMEM);
	fd = open(path, O_RDONLY | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (unsigned long long)st.st_size > (unsigned long long)o->max_bytes) {
		goto done;	/* a miss */
	}
	size_t want = (size_t)st.st_size;
	while (b.len < want) {
		uint8_t chunk[16384];
		size_t n = want - b.len < sizeof(chunk) ? want - b.len : sizeof(chunk);
		ssize_t got = read(fd, chunk, n);
		if (got < 0 && errno == EINTR) {
			continue;
		}
		if (got <= 0) {
			goto done;	/* shrank or failed: a miss */
		}
		UY_TRY_OUT(uy_buf_append(&b, chunk, (size_t)got));
	}
	if (!online_accepts(kind, uy_buf_span(&b))) {
		goto done;	/* damaged or foreign file: refetch and overwrite */
	}
	size_t len = 0;
	uint8_t *bytes = uy_buf_take(&b, &len);
	UY_TRY_OUT(online_hold(o, key, bytes, len, out));
	*hit = 1;
done:
	if (fd >= 0) {
		close(fd);
	}
	uy_buf_dispose(&b);
	uy_free(path);
	return rc;
}

/* Write <key>.der atomically: a temporary file in the same folder, then
 * rename, so a reader never sees half a response. */
static void
online_cache_write(const uy_online *o, const char *key, uy_span body)
{
	char *path = online_cache_path(o, key);
	char *tmp = uy_asprintf("%s/.%s.XXXXXX", o->cache_dir, key);
	int fd = -1;
	int ok = 0;

	if (path == NULL || tmp == NULL) {
		goto done;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		goto done;
	}
	size_t off = 0;
	while (off < body.len) {
		ssize_t n = write(fd, body.ptr + off, body.len - off);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;
		}
		off += (size_t)n;
	}
	ok = off == body.len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	fd = -1;
	ok = ok && rename(tmp, path) == 0;
	if (!ok) {
		unlink(tmp);
	}
done:
	if (fd >= 0) {
		close(fd);
		unlink(tmp);
	}
	uy_free(tmp);
	uy_free(path);
}

/* ------------------------------------------------------------------ */
/* HTTP with libcurl. */

static size_t
online_write_cb(char *data, size_t size, size_t nmemb, void *payload)
{
	online_sink *s = payload;
	size_t n = 0;

	if (uy_size_mul(size, nmemb, &n) != UY_OK) {
		s->over_limit = 1;
		return 0;
	}
	if (n > s->body.cap - s->body.len) {
		/* Returning less than n makes curl stop with CURLE_WRITE_ERROR. */
		s->over_limit = 1;
		return 0;
	}
	if (uy_buf_append(&s->body, data, n) != UY_OK) {
		s->no_memory = 1;
		return 0;
	}
	return n;
}

#define ONLINE_SETOPT(opt, val) \
	do { \
		if (cc == CURLE_OK) { \
			cc = curl_easy_setopt(h, (opt), (val)); \
		} \
	} while (0)

/*
 * One GET (post.ptr == NULL) or POST of `post` to `url`. On UY_OK *body
 * holds the 200 response; otherwise `why` says what failed.
 * Returns UY_ERR_IO, UY_ERR_LIMIT or UY_ERR_NOMEM.
 */
static uy_err
online_transfer(uy_online *o, const char *url, uy_span post, const char *content_type,
    const char *accept, uy_buf *body, char *why, size_t why_len)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	online_sink sink;
	struct curl_slist *headers = NULL;
	struct curl_slist *h1 = NULL;
	CURLcode cc = CURLE_OK;
	long status = 0;
	uy_err rc = UY_OK;
	CURL *h = curl_easy_init();

	uy_buf_init(&sink.body, o->max_bytes, 0);
	sink.over_limit = 0;
	sink.no_memory = 0;
	if (h == NULL) {
		snprintf(why, why_len, "%s: curl_easy_init failed", url);
		rc = UY_ERR_NOMEM;
		goto done;
	}
	char accept_hdr[96];
	snprintf(accept_hdr, sizeof(accept_hdr), "Accept: %s", accept);
	h1 = curl_slist_append(NULL, accept_hdr);
	UY_ENSURE_OUT(h1 != NULL, UY_ERR_NOMEM);
	headers = h1;
	if (content_type != NULL) {
		char ct_hdr[96];
		snprintf(ct_hdr, sizeof(ct_hdr), "Content-Type: %s", content_type);
		struct curl_slist *h2 = curl_slist_append(headers, ct_hdr);
		UY_ENSURE_OUT(h2 != NULL, UY_ERR_NOMEM);
		headers = h2;
	}

	ONLINE_SETOPT(CURLOPT_ERRORBUFFER, errbuf);
	ONLINE_SETOPT(CURLOPT_URL, url);
	/* No SIGALRM for DNS timeouts: uyum may run in threads. */
	ONLINE_SETOPT(CURLOPT_NOSIGNAL, 1L);
	ONLINE_SETOPT(CURLOPT_TIMEOUT_MS, o->timeout_ms);
	ONLINE_SETOPT(CURLOPT_CONNECTTIMEOUT_MS, o->timeout_ms);
	/* Only http and https, also after a redirect (no file://, ldap://...). */
#if LIBCURL_VERSION_NUM >= 0x075500	/* 7.85.0 */
	ONLINE_SETOPT(CURLOPT_PROTOCOLS_STR, "http,https");
	ONLINE_SETOPT(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	ONLINE_SETOPT(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	ONLINE_SETOPT(CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	ONLINE_SETOPT(CURLOPT_FOLLOWLOCATION, 1L);
	ONLINE_SETOPT(CURLOPT_MAXREDIRS, ONLINE_MAX_REDIRS);
	/* A declared Content-Length over the cap fails before any byte is
	 * read; the write callback enforces the cap on undeclared bodies. */
	ONLINE_SETOPT(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
	ONLINE_SETOPT(CURLOPT_WRITEFUNCTION, online_write_cb);
	ONLINE_SETOPT(CURLOPT_WRITEDATA, &sink);
	ONLINE_SETOPT(CURLOPT_FAILONERROR, 1L);
	ONLINE_SETOPT(CURLOPT_USERAGENT, "uyum");
	ONLINE_SETOPT(CURLOPT_HTTPHEADER, headers);
	/* CURLOPT_ACCEPT_ENCODING stays unset: no decompression, so the cap
	 * is on the bytes uyum parses (no gzip bombs). */
	if (o->connect_to != NULL) {
		ONLINE_SETOPT(CURLOPT_CONNECT_TO, o->connect_to);
	}
	if (post.ptr != NULL) {
		ONLINE_SETOPT(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)post.len);
		ONLINE_SETOPT(CURLOPT_POSTFIELDS, post.ptr);
	}
	if (cc != CURLE_OK) {
		snprintf(why, why_len, "%s: curl option refused: %s", url, curl_easy_strerror(cc));
		rc = UY_ERR_IO;
		goto done;
	}

	cc = curl_easy_perform(h);
	if (sink.no_memory) {
		snprintf(why, why_len, "%s: out of memory", url);
		rc = UY_ERR_NOMEM;
		goto done;
	}
	if (sink.over_limit || cc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(why, why_len, "%s: response over %zu bytes", url, o->max_bytes);
		rc = UY_ERR_LIMIT;
		goto done;
	}
	if (cc != CURLE_OK) {
		snprintf(why, why_len, "%s: %s", url,
		    errbuf[0] != '\0' ? errbuf : curl_easy_strerror(cc));
		rc = UY_ERR_IO;
		goto done;
	}
	if (curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK || status != 200) {
		snprintf(why, why_len, "%s: HTTP status %ld, expected 200", url, status);
		rc = UY_ERR_IO;
		goto done;
	}
	*body = sink.body;
	uy_buf_init(&sink.body, o->max_bytes, 0);
done:
	if (rc == UY_ERR_NOMEM && why[0] == '\0') {
		snprintf(why, why_len, "%s: out of memory", url);
	}
	curl_slist_free_all(headers);
	if (h != NULL) {
		curl_easy_cleanup(h);
	}
	uy_buf_dispose(&sink.body);
	return rc;
}

#undef ONLINE_SETOPT

/* ------------------------------------------------------------------ */
/* URIs from the certificate. */

typedef struct {
	char *url[ONLINE_MAX_URIS];
	size_t n;
} online_urls;

static void
online_urls_dispose(online_urls *u)
{
	for (size_t i = 0; i < u->n; i++) {
		uy_free(u->url[i]);
	}
	u->n = 0;
}

/* Keep an http:// or https:// URI made of visible ASCII only (no NUL,
 * space or control characters that curl or a log could misread). */
static uy_err
online_urls_add(online_urls *u, const GENERAL_NAME *gn)
{
	if (gn == NULL || gn->type != GEN_URI || gn->d.uniformResourceIdentifier == NULL ||
	    u->n >= ONLINE_MAX_URIS) {
		return UY_OK;
	}
	const ASN1_IA5STRING *s = gn->d.uniformResourceIdentifier;
	const unsigned char *p = ASN1_STRING_get0_data(s);
	int len = ASN1_STRING_length(s);
	if (p == NULL || len <= 0 || (size_t)len > ONLINE_MAX_URL) {
		return UY_OK;
	}
	for (int i = 0; i < len; i++) {
		if (p[i] < 0x21 || p[i] > 0x7e) {
			return UY_OK;
		}
	}
	char scheme[9];
	size_t k = 0;
	for (; k < sizeof(scheme) - 1 && k < (size_t)len; k++) {
		unsigned char c = p[k];
		scheme[k] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
	scheme[k] = '\0';
	if (strncmp(scheme, "http://", 7) != 0 && strncmp(scheme, "https://", 8) != 0) {
		return UY_OK;	/* ldap:// and others are not fetched */
	}
	char *copy = uy_strndup((const char *)p, (size_t)len);
	UY_ENSURE(copy != NULL, UY_ERR_NOMEM);
	u->url[u->n++] = copy;
	return UY_OK;
}

static uy_err
online_crl_urls(X509 *cert, online_urls *u)
{
	uy_err rc = UY_OK;
	STACK_OF(DIST_POINT) *cdp = X509_get_ext_d2i(cert, NID_crl_distribution_points,
	    NULL, NULL);

	for (int i = 0; cdp != NULL && i < sk_DIST_POINT_num(cdp); i++) {
		const DIST_POINT *dp = sk_DIST_POINT_value(cdp, i);
		/* Only fullName (type 0); nameRelativeToCRLIssuer has no URI. */
		if (dp == NULL || dp->distpoint == NULL || dp->distpoint->type != 0) {
			continue;
		}
		const GENERAL_NAMES *names = dp->distpoint->name.fullname;
		for (int j = 0; names != NULL && j < sk_GENERAL_NAME_num(names); j++) {
			UY_TRY_OUT(online_urls_add(u, sk_GENERAL_NAME_value(names, j)));
		}
	}
done:
	sk_DIST_POINT_pop_free(cdp, DIST_POINT_free);
	return rc;
}

static uy_err
online_ocsp_urls(X509 *cert, online_urls *u)
{
	uy_err rc = UY_OK;
	AUTHORITY_INFO_ACCESS *aia = X509_get_ext_d2i(cert, NID_info_access, NULL, NULL);

	for (int i = 0; aia != NULL && i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
		const ACCESS_DESCRIPTION *ad = sk_ACCESS_DESCRIPTION_value(aia, i);
		if (ad == NULL || OBJ_obj2nid(ad->method) != NID_ad_OCSP) {
			continue;
		}
		UY_TRY_OUT(online_urls_add(u, ad->location));
	}
done:
	AUTHORITY_INFO_ACCESS_free(aia);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The common fetch loop. */

/*
 * Try each URL in order: held response, then the folder cache, then the
 * network. The first acceptable body wins. The error is recorded once, at
 * the end, so a failed first URL does not leave a message behind when a
 * later one answers.
 */
static uy_err
online_fetch(uy_online *o, online_kind kind, const online_urls *u, uy_span certid,
    uy_span post, uy_span *out)
{
	const char *what = kind == ONLINE_CRL ? "CRL" : "OCSP";
	char why[CURL_ERROR_SIZE + ONLINE_MAX_URL + 64] = "";
	int saw_limit = 0;

	for (size_t i = 0; i < u->n; i++) {
		const char *url = u->url[i];
		char key[2 * 32 + 1];
		int hit = 0;
		uy_buf body;

		uy_err krc = online_key(key, kind, url, certid);
		if (krc != UY_OK) {
			return UY_ERROR(krc, "%s cache key of %s: %s", what, url,
			    uy_err_message(krc));
		}
		const online_entry *e = online_find(o, key);
		if (e != NULL) {
			*out = (uy_span){e->ptr, e->len};
			return UY_OK;
		}
		if (o->cache_dir != NULL) {
			uy_err rc = online_cache_read(o, kind, key, out, &hit);
			if (rc != UY_OK) {
				return UY_ERROR(rc, "%s cache of %s: %s", what, url, uy_err_message(rc));
			}
			if (hit) {
				return UY_OK;
			}
		}

		uy_buf_init(&body, o->max_bytes, 0);
		why[0] = '\0';
		uy_err rc = online_transfer(o, url, post,
		    kind == ONLINE_OCSP ? "application/ocsp-request" : NULL,
		    kind == ONLINE_OCSP ? "application/ocsp-response" : "application/pkix-crl",
		    &body, why, sizeof(why));
		if (rc == UY_ERR_NOMEM) {
			uy_buf_dispose(&body);
			return UY_ERROR(rc, "%s fetch: %s", what, why);
		}
		if (rc == UY_ERR_LIMIT) {
			saw_limit = 1;
		}
		if (rc == UY_OK && !online_accepts(kind, uy_buf_span(&body))) {
			snprintf(why, sizeof(why), "%s: the response is not one DER %s", url,
			    kind == ONLINE_CRL ? "CertificateList" : "OCSPResponse");
			rc = UY_ERR_IO;
		}
		if (rc != UY_OK) {
			uy_buf_dispose(&body);
			continue;
		}
		if (o->cache_dir != NULL) {
			online_cache_write(o, key, uy_buf_span(&body));
		}
		size_t len = 0;
		uint8_t *bytes = uy_buf_take(&body, &len);
		rc = online_hold(o, key, bytes, len, out);
		if (rc != UY_OK) {
			return UY_ERROR(rc, "%s fetch: cannot hold the response of %s", what, url);
		}
		return UY_OK;
	}
	/* A response over the cap says more than "unreachable". */
	return UY_ERROR(saw_limit ? UY_ERR_LIMIT : UY_ERR_IO, "%s fetch failed (%s): %s", what,
	    kind == ONLINE_CRL ? CLAUSE_CRL : CLAUSE_OCSP, why);
}

/* ------------------------------------------------------------------ */
/* Public functions. */

/* see uy_online.h */
uy_err
uy_online_new(uy_online **out, const uy_online_options *opts)
{
	uy_err rc = UY_OK;
	uy_online *o = NULL;

	UY_ASSERT_ARG(out != NULL && opts != NULL);
	*out = NULL;
	UY_ASSERT_ARG(opts->version == UY_ONLINE_OPTIONS_VERSION);
	UY_ASSERT_ARG(opts->timeout_ms > 0 && opts->max_bytes > 0);
	UY_ASSERT_ARG(opts->connect_to_count == 0 || opts->connect_to != NULL);
	UY_ASSERT_ARG(opts->connect_to_count <= ONLINE_MAX_CONNECT_TO);

	if (pthread_once(&online_once, online_global_init) != 0 || online_global_rc != CURLE_OK) {
		return UY_ERROR(UY_ERR_IO, "curl_global_init failed: %s",
		    curl_easy_strerror(online_global_rc));
	}
	o = uy_alloc(sizeof(*o));
	UY_ENSURE_OUT(o != NULL, UY_ERR_NOMEM);
	o->timeout_ms = opts->timeout_ms;
	o->max_bytes = opts->max_bytes;
	if (opts->cache_dir != NULL) {
		struct stat st;
		o->cache_dir = uy_strdup(opts->cache_dir);
		UY_ENSURE_OUT(o->cache_dir != NULL, UY_ERR_NOMEM);
		if (stat(o->cache_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			rc = UY_ERROR(UY_ERR_IO, "online cache folder %s is not a folder",
			    o->cache_dir);
			goto done;
		}
	}
	for (size_t i = 0; i < opts->connect_to_count; i++) {
		if (opts->connect_to[i] == NULL) {
			rc = UY_ERROR(UY_ERR_USAGE, "connect_to[%zu] is NULL", i);
			goto done;
		}
		struct curl_slist *l = curl_slist_append(o->connect_to, opts->connect_to[i]);
		UY_ENSURE_OUT(l != NULL, UY_ERR_NOMEM);
		o->connect_to = l;
	}
	*out = o;
	o = NULL;
done:
	uy_online_free(o);
	return rc;
}

/* see uy_online.h */
void
uy_online_free(uy_online *o)
{
	if (o == NULL) {
		return;
	}
	online_entry *e = o->held;
	while (e != NULL) {
		online_entry *next = e->next;
		uy_free(e->ptr);
		uy_free(e);
		e = next;
	}
	curl_slist_free_all(o->connect_to);
	uy_free(o->cache_dir);
	uy_free(o);
}

/* see uy_online.h */
uy_err
uy_online_fetch_crl(uy_online *o, X509 *cert, uy_span *out)
{
	uy_err rc = UY_OK;
	online_urls u = {.n = 0};

	UY_ASSERT_ARG(out != NULL);
	*out = (uy_span){NULL, 0};
	UY_ASSERT_ARG(o != NULL && cert != NULL);
	UY_TRY_OUT(online_crl_urls(cert, &u));
	if (u.n == 0) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND,
		    "the certificate has no http(s) CRL distribution point (%s)", CLAUSE_CRL);
		goto done;
	}
	rc = online_fetch(o, ONLINE_CRL, &u, (uy_span){NULL, 0}, (uy_span){NULL, 0}, out);
done:
	if (rc == UY_ERR_NOMEM) {
		(void)UY_ERROR(rc, "CRL fetch: out of memory");
	}
	online_urls_dispose(&u);
	return rc;
}

/* see uy_online.h */
uy_err
uy_online_query_ocsp(uy_online *o, X509 *cert, X509 *issuer, uy_span *out)
{
	uy_err rc = UY_OK;
	online_urls u = {.n = 0};
	OCSP_REQUEST *req = NULL;
	OCSP_CERTID *id = NULL;
	unsigned char *id_der = NULL;
	unsigned char *req_der = NULL;
	int id_len = 0;
	int req_len = 0;

	UY_ASSERT_ARG(out != NULL);
	*out = (uy_span){NULL, 0};
	UY_ASSERT_ARG(o != NULL && cert != NULL && issuer != NULL);
	UY_TRY_OUT(online_ocsp_urls(cert, &u));
	if (u.n == 0) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND,
		    "the certificate has no http(s) id-ad-ocsp access location (%s)",
		    CLAUSE_OCSP);
		goto done;
	}

	/* CertID hashes (issuerNameHash, issuerKeyHash, RFC 6960 §4.1.1) with
	 * SHA-256 rather than OpenSSL's SHA-1 default; the issuer's public key
	 * must be readable for issuerKeyHash. */
	id = OCSP_cert_to_id(EVP_sha256(), cert, issuer);
	if (id == NULL) {
		rc = UY_ERROR(UY_ERR_CRYPTO, "OCSP_cert_to_id failed (%s)", CLAUSE_OCSP);
		goto done;
	}
	id_len = i2d_OCSP_CERTID(id, &id_der);
	UY_ENSURE_OUT(id_len > 0, UY_ERR_CRYPTO);
	req = OCSP_REQUEST_new();
	UY_ENSURE_OUT(req != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(OCSP_request_add0_id(req, id) != NULL, UY_ERR_CRYPTO);
	id = NULL;	/* owned by req now */
	/* A random nonce (RFC 6960 §4.4.1; OpenSSL's default 16 bytes). The
	 * cache key leaves it out, so a cached answer echoes an older nonce:
	 * uy_path judges freshness by time, never by the nonce. */
	UY_ENSURE_OUT(OCSP_request_add1_nonce(req, NULL, -1) == 1, UY_ERR_CRYPTO);
	req_len = i2d_OCSP_REQUEST(req, &req_der);
	UY_ENSURE_OUT(req_len > 0, UY_ERR_CRYPTO);

	rc = online_fetch(o, ONLINE_OCSP, &u, (uy_span){id_der, (size_t)id_len},
	    (uy_span){req_der, (size_t)req_len}, out);
done:
	if (rc == UY_ERR_NOMEM) {
		(void)UY_ERROR(rc, "OCSP query: out of memory");
	} else if (rc == UY_ERR_CRYPTO) {
		(void)UY_ERROR(rc, "OCSP query: cannot build the request (%s)", CLAUSE_OCSP);
	}
	OPENSSL_free(req_der);
	OPENSSL_free(id_der);
	OCSP_CERTID_free(id);
	OCSP_REQUEST_free(req);
	online_urls_dispose(&u);
	return rc;
}
