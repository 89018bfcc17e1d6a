/*
 * check_online.c - unit tests of online mode (src/cades/online.c,
 * uy_online.h) against the small HTTP/1.1 server of uy_test_http.h, run
 * in a thread on 127.0.0.1 (ephemeral port). The test PKI's host name uyum.test.invalid
 * (CDP and AIA of vectors/pki/out/nes.cert.pem) is mapped to that server
 * with CURLOPT_CONNECT_TO, so no test touches the real network.
 *
 * The server serves nes-ca-crl.crl.der for a GET under /crl/ and
 * ocsp-nes-good.ocsp.der for a POST under /ocsp/, counts requests and keeps
 * the last one, or misbehaves on purpose (never answers, too big, HTML, 404).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "uy_test.h"
#include "uy_test_files.h"
#include "uy_test_http.h"
#include "uyum/uy_online.h"
#include "uyum/uyum.h"

#define HOST UY_TEST_HTTP_HOST	/* CDP and AIA host of the test PKI */

/* ------------------------------------------------------------------ */
/* The test server (uy_test_http.h): any GET under /crl/ answers
 * nes-ca-crl.crl.der, any POST under /ocsp/ ocsp-nes-good.ocsp.der. */

typedef uy_http_srv srv;

static srv *
srv_start(uy_http_mode mode)
{
	srv *s = uy_http_start(mode);
	uy_http_route_crl(s, "/crl/", "nes-ca-crl.crl.der");
	uy_http_route_ocsp(s, "/ocsp/", "ocsp-nes-good.ocsp.der");
	return s;
}

/* ------------------------------------------------------------------ */
/* Fixtures and helpers. */

typedef struct {
	char entry[UY_HTTP_CONNECT_TO_LEN];
	const char *list[1];
	uy_online_options opts;
} online_cfg;

static void
cfg_init(online_cfg *c, const srv *s, const char *cache_dir)
{
	uy_online_options init = UY_ONLINE_OPTIONS_INIT;
	uy_http_connect_to(s, c->entry, sizeof(c->entry));
	c->list[0] = c->entry;
	c->opts = init;
	c->opts.timeout_ms = 5000;
	c->opts.cache_dir = cache_dir;
	c->opts.connect_to = c->list;
	c->opts.connect_to_count = 1;
}

static uy_online *
online_new(const online_cfg *c)
{
	uy_online *o = NULL;
	uy_err rc = uy_online_new(&o, &c->opts);
	ck_assert_msg(rc == UY_OK, "uy_online_new: %s", uy_error_last());
	ck_assert_ptr_nonnull(o);
	return o;
}

static void
assert_file_bytes(uy_span got, const char *name)
{
	size_t len = 0;
	uint8_t *want = uy_test_read_file2(UY_TEST_PKI_DIR, name, &len);
	ck_assert_ptr_nonnull(got.ptr);
	ck_assert_uint_eq(got.len, len);
	ck_assert_mem_eq(got.ptr, want, len);
	free(want);
}

static double
now_s(void)
{
	struct timespec ts;
	ck_assert_int_eq(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Count the files of a folder: *der = "<64 hex>.der" ones, *other = rest. */
static void
count_files(const char *dir, int *der, int *other)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	*der = 0;
	*other = 0;
	for (struct dirent *e = readdir(d); e != NULL; e = readdir(d)) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
			continue;
		}
		size_t n = strlen(e->d_name);
		int ok = n == 68 && strcmp(e->d_name + 64, ".der") == 0;
		for (size_t i = 0; ok && i < 64; i++) {
			char ch = e->d_name[i];
			ok = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
		}
		if (ok) {
			(*der)++;
		} else {
			(*other)++;
		}
	}
	closedir(d);
}

static void
remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL) {
		return;
	}
	for (struct dirent *e = readdir(d); e != NULL; e = readdir(d)) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			char p[512];
			snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			unlink(p);
		}
	}
	closedir(d);
	rmdir(dir);
}

/* Overwrite every cached file with text that is not DER. */
static void
damage_cache(const char *dir)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	for (struct dirent *e = readdir(d); e != NULL; e = readdir(d)) {
		if (e->d_name[0] != '.') {
			char p[512];
			snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			FILE *f = fopen(p, "wb");
			ck_assert_ptr_nonnull(f);
			fputs("not a DER structure", f);
			fclose(f);
		}
	}
	closedir(d);
}

/* ------------------------------------------------------------------ */
/* Tests. */

/* *= type=test
 * RFC 5280 §4.2.1.13: the CRL comes from the http URI of the certificate's
 * CRL distribution point. */
START_TEST(test_crl_fetch_and_memory_cache)
{
	srv *s = srv_start(UY_HTTP_NORMAL);
	online_cfg c;
	cfg_init(&c, s, NULL);
	X509 *nes = uy_test_pki_cert("nes");
	uy_online *o = online_new(&c);
	uy_span crl = {NULL, 0};

	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	assert_file_bytes(crl, "nes-ca-crl.crl.der");
	ck_assert_int_eq(uy_http_requests(s), 1);
	pthread_mutex_lock(&s->mu);	/* the server thread wrote these */
	ck_assert_str_eq(s->method, "GET");
	ck_assert_str_eq(s->path, "/crl/nes-ca.crl");
	pthread_mutex_unlock(&s->mu);

	/* Second identical call: from the in-memory cache, same bytes. */
	uy_span again = {NULL, 0};
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &again), UY_OK);
	ck_assert_int_eq(uy_http_requests(s), 1);
	ck_assert_ptr_eq(again.ptr, crl.ptr);
	ck_assert_uint_eq(again.len, crl.len);
	uy_online_free(o);

	/* The memory cache dies with its object. */
	o = online_new(&c);
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	ck_assert_int_eq(uy_http_requests(s), 2);
	assert_file_bytes(crl, "nes-ca-crl.crl.der");
	uy_online_free(o);

	X509_free(nes);
	uy_http_stop(s);
}
END_TEST

/* *= type=test
 * RFC 6960 §4.1, Appendix A.1: POST of an OCSPRequest with a SHA-256 CertID
 * for (nes, nes-ca) and a nonce. */
START_TEST(test_ocsp_query_and_memory_cache)
{
	srv *s = srv_start(UY_HTTP_NORMAL);
	online_cfg c;
	cfg_init(&c, s, NULL);
	X509 *nes = uy_test_pki_cert("nes");
	X509 *ca = uy_test_pki_cert("nes-ca");
	X509 *other = uy_test_pki_cert("nes-revoked-after");
	uy_online *o = online_new(&c);
	uy_span resp = {NULL, 0};

	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &resp), UY_OK);
	assert_file_bytes(resp, "ocsp-nes-good.ocsp.der");
	ck_assert_int_eq(uy_http_requests(s), 1);
	pthread_mutex_lock(&s->mu);	/* the server thread wrote these */
	ck_assert_str_eq(s->method, "POST");
	ck_assert_str_eq(s->path, "/ocsp/nes-ca");
	ck_assert_str_eq(s->ctype, "application/ocsp-request");

	/* The request the server saw: one CertID equal to SHA-256 (nes, nes-ca),
	 * and a nonce extension; nothing after the DER. */
	const unsigned char *p = s->body;
	OCSP_REQUEST *req = d2i_OCSP_REQUEST(NULL, &p, (long)s->body_len);
	ck_assert_ptr_nonnull(req);
	ck_assert_ptr_eq(p, s->body + s->body_len);
	ck_assert_int_eq(OCSP_request_onereq_count(req), 1);
	OCSP_CERTID *seen = OCSP_onereq_get0_id(OCSP_request_onereq_get0(req, 0));
	ck_assert_ptr_nonnull(seen);
	OCSP_CERTID *want = OCSP_cert_to_id(EVP_sha256(), nes, ca);
	ck_assert_ptr_nonnull(want);
	ck_assert_int_eq(OCSP_id_cmp(seen, want), 0);
	ASN1_OBJECT *md = NULL;
	ck_assert_int_eq(OCSP_id_get0_info(NULL, &md, NULL, NULL, seen), 1);
	ck_assert_int_eq(OBJ_obj2nid(md), NID_sha256);
	ck_assert_int_ge(OCSP_REQUEST_get_ext_by_NID(req, NID_id_pkix_OCSP_Nonce, -1), 0);
	OCSP_CERTID_free(want);
	OCSP_REQUEST_free(req);
	pthread_mutex_unlock(&s->mu);

	/* Same (cert, issuer): from the cache. */
	uy_span again = {NULL, 0};
	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &again), UY_OK);
	ck_assert_int_eq(uy_http_requests(s), 1);
	ck_assert_ptr_eq(again.ptr, resp.ptr);

	/* Another certificate of the same CA and responder: the CertID is part
	 * of the cache key, so this goes to the server. */
	ck_assert_int_eq(uy_online_query_ocsp(o, other, ca, &again), UY_OK);
	ck_assert_int_eq(uy_http_requests(s), 2);
	/* ... and the first answer is still held and unchanged. */
	assert_file_bytes(resp, "ocsp-nes-good.ocsp.der");

	uy_online_free(o);
	X509_free(other);
	X509_free(ca);
	X509_free(nes);
	uy_http_stop(s);
}
END_TEST

START_TEST(test_folder_cache)
{
	srv *s = srv_start(UY_HTTP_NORMAL);
	char dir[] = "/tmp/uy-online-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	online_cfg c;
	cfg_init(&c, s, dir);
	X509 *nes = uy_test_pki_cert("nes");
	X509 *ca = uy_test_pki_cert("nes-ca");
	uy_span crl = {NULL, 0};
	uy_span resp = {NULL, 0};
	int der = 0;
	int other = 0;

	uy_online *o = online_new(&c);
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &resp), UY_OK);
	ck_assert_int_eq(uy_http_requests(s), 2);
	count_files(dir, &der, &other);
	ck_assert_int_eq(der, 2);
	ck_assert_int_eq(other, 0);	/* no temporary file left behind */
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &resp), UY_OK);
	ck_assert_int_eq(uy_http_requests(s), 2);
	uy_online_free(o);

	/* A new object reads the folder: no request, same bytes. */
	o = online_new(&c);
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	assert_file_bytes(crl, "nes-ca-crl.crl.der");
	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &resp), UY_OK);
	assert_file_bytes(resp, "ocsp-nes-good.ocsp.der");
	ck_assert_int_eq(uy_http_requests(s), 2);
	uy_online_free(o);

	/* Damaged cache files are a miss: refetched and rewritten. */
	damage_cache(dir);
	o = online_new(&c);
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	assert_file_bytes(crl, "nes-ca-crl.crl.der");
	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &resp), UY_OK);
	assert_file_bytes(resp, "ocsp-nes-good.ocsp.der");
	ck_assert_int_eq(uy_http_requests(s), 4);
	uy_online_free(o);
	o = online_new(&c);
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	assert_file_bytes(crl, "nes-ca-crl.crl.der");
	ck_assert_int_eq(uy_http_requests(s), 4);
	uy_online_free(o);

	X509_free(ca);
	X509_free(nes);
	remove_dir(dir);
	uy_http_stop(s);
}
END_TEST

/* A server that accepts and never answers: UY_ERR_IO after about
 * timeout_ms. The bounds are loose; this is not a speed test. */
START_TEST(test_timeout)
{
	srv *s = srv_start(UY_HTTP_SILENT);
	online_cfg c;
	cfg_init(&c, s, NULL);
	c.opts.timeout_ms = 300;
	X509 *nes = uy_test_pki_cert("nes");
	uy_online *o = online_new(&c);
	uy_span crl = {NULL, 0};

	uy_error_clear();
	double t0 = now_s();
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_ERR_IO);
	double dt = now_s() - t0;
	ck_assert_msg(dt >= 0.2 && dt < 5.0, "timed out after %.3f s", dt);
	ck_assert_ptr_null(crl.ptr);
	ck_assert_int_eq(uy_http_requests(s), 1);	/* it did reach the server */
	ck_assert_ptr_nonnull(strstr(uy_error_last(), "http://" HOST "/crl/nes-ca.crl"));
	uy_online_free(o);
	X509_free(nes);
	uy_http_stop(s);
}
END_TEST

/* Bodies over max_bytes: declared (Content-Length) and undeclared. */
START_TEST(test_limit)
{
	uy_http_mode modes[] = {UY_HTTP_BIG, UY_HTTP_BIG_NOLEN};
	X509 *nes = uy_test_pki_cert("nes");
	X509 *ca = uy_test_pki_cert("nes-ca");
	for (size_t i = 0; i < 2; i++) {
		srv *s = srv_start(modes[i]);
		uy_http_set_big(s, 64 * 1024);
		online_cfg c;
		cfg_init(&c, s, NULL);
		c.opts.max_bytes = 4096;
		uy_online *o = online_new(&c);
		uy_span out = {NULL, 0};
		uy_error_clear();
		ck_assert_int_eq(uy_online_fetch_crl(o, nes, &out), UY_ERR_LIMIT);
		ck_assert_ptr_null(out.ptr);
		ck_assert_ptr_nonnull(strstr(uy_error_last(), "over 4096 bytes"));
		ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &out), UY_ERR_LIMIT);
		ck_assert_int_eq(uy_http_requests(s), 2);
		uy_online_free(o);
		uy_http_stop(s);
	}
	/* The real CRL (under 4096 bytes) passes the same cap. */
	srv *s = srv_start(UY_HTTP_NORMAL);
	ck_assert_uint_lt(uy_http_route_len(s, "GET", "/crl/"), 4096);
	online_cfg c;
	cfg_init(&c, s, NULL);
	c.opts.max_bytes = 4096;
	uy_online *o = online_new(&c);
	uy_span out = {NULL, 0};
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &out), UY_OK);
	assert_file_bytes(out, "nes-ca-crl.crl.der");
	uy_online_free(o);
	uy_http_stop(s);
	X509_free(ca);
	X509_free(nes);
}
END_TEST

/* A root has neither CDP nor AIA: nothing to fetch, no request. */
START_TEST(test_no_distribution_point)
{
	srv *s = srv_start(UY_HTTP_NORMAL);
	online_cfg c;
	cfg_init(&c, s, NULL);
	X509 *root = uy_test_pki_cert("root-rsa");
	uy_online *o = online_new(&c);
	uy_span out = {(const uint8_t *)"x", 1};

	ck_assert_int_eq(uy_online_fetch_crl(o, root, &out), UY_ERR_NOT_FOUND);
	ck_assert_ptr_null(out.ptr);
	ck_assert_uint_eq(out.len, 0);
	ck_assert_int_eq(uy_online_query_ocsp(o, root, root, &out), UY_ERR_NOT_FOUND);
	ck_assert_int_eq(uy_http_requests(s), 0);
	uy_online_free(o);
	X509_free(root);
	uy_http_stop(s);
}
END_TEST

/* 200 with HTML, and 404: UY_ERR_IO, and a failure is never cached. */
START_TEST(test_not_der_and_http_error)
{
	srv *s = srv_start(UY_HTTP_HTML);
	online_cfg c;
	cfg_init(&c, s, NULL);
	X509 *nes = uy_test_pki_cert("nes");
	X509 *ca = uy_test_pki_cert("nes-ca");
	uy_online *o = online_new(&c);
	uy_span out = {NULL, 0};

	uy_error_clear();
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &out), UY_ERR_IO);
	ck_assert_ptr_null(out.ptr);
	ck_assert_ptr_nonnull(strstr(uy_error_last(), "not one DER CertificateList"));
	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &out), UY_ERR_IO);
	ck_assert_int_eq(uy_http_requests(s), 2);

	uy_http_set_mode(s, UY_HTTP_404);
	uy_error_clear();
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &out), UY_ERR_IO);
	ck_assert_ptr_nonnull(strstr(uy_error_last(), "404"));
	ck_assert_int_eq(uy_http_requests(s), 3);

	uy_http_set_mode(s, UY_HTTP_NORMAL);
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &out), UY_OK);
	assert_file_bytes(out, "nes-ca-crl.crl.der");
	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &out), UY_OK);
	assert_file_bytes(out, "ocsp-nes-good.ocsp.der");
	ck_assert_int_eq(uy_http_requests(s), 5);

	uy_online_free(o);
	X509_free(ca);
	X509_free(nes);
	uy_http_stop(s);
}
END_TEST

START_TEST(test_usage)
{
	uy_online *o = (uy_online *)1;
	uy_online_options opts = UY_ONLINE_OPTIONS_INIT;

	opts.version = 99;
	ck_assert_int_eq(uy_online_new(&o, &opts), UY_ERR_USAGE);
	ck_assert_ptr_null(o);
	opts.version = UY_ONLINE_OPTIONS_VERSION;
	opts.timeout_ms = 0;
	ck_assert_int_eq(uy_online_new(&o, &opts), UY_ERR_USAGE);
	opts.timeout_ms = 1000;
	opts.connect_to_count = 1;	/* with connect_to NULL */
	ck_assert_int_eq(uy_online_new(&o, &opts), UY_ERR_USAGE);
	opts.connect_to_count = 0;
	opts.cache_dir = "/nonexistent/uyum-online-cache";
	ck_assert_int_eq(uy_online_new(&o, &opts), UY_ERR_IO);
	ck_assert_ptr_null(o);
	opts.cache_dir = NULL;
	ck_assert_int_eq(uy_online_new(&o, &opts), UY_OK);
	uy_span out = {NULL, 0};
	ck_assert_int_eq(uy_online_fetch_crl(o, NULL, &out), UY_ERR_USAGE);
	uy_online_free(o);
	uy_online_free(NULL);
}
END_TEST

static Suite *
uy_online_suite(void)
{
	Suite *s = suite_create("online");
	TCase *tc = tcase_create("online");
	tcase_add_unchecked_fixture(tc, uy_http_no_proxy, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_crl_fetch_and_memory_cache);
	tcase_add_test(tc, test_ocsp_query_and_memory_cache);
	tcase_add_test(tc, test_folder_cache);
	tcase_add_test(tc, test_timeout);
	tcase_add_test(tc, test_limit);
	tcase_add_test(tc, test_no_distribution_point);
	tcase_add_test(tc, test_not_der_and_http_error);
	tcase_add_test(tc, test_usage);
	suite_add_tcase(s, tc);
	return s;
}

UY_TEST_MAIN(uy_online_suite)
