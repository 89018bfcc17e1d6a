/*
 * check_online.c - unit tests of online mode (src/cades/online.c,
 * uy_online.h) against a small HTTP/1.1 server run in a thread on
 * 127.0.0.1 (ephemeral port). The test PKI's host name uyum.test.invalid
 * (CDP and AIA of vectors/pki/out/nes.cert.pem) is mapped to that server
 * with CURLOPT_CONNECT_TO, so no test touches the real network.
 *
 * The server serves nes-ca-crl.crl.der for a GET under /crl/ and
 * ocsp-nes-good.ocsp.der for a POST under /ocsp/, counts requests and keeps
 * the last one, or misbehaves on purpose (never answers, too big, HTML, 404).
 */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "uy_test.h"
#include "uy_test_files.h"
#include "uyum/uy_online.h"
#include "uyum/uyum.h"

#define HOST "uyum.test.invalid"	/* CDP and AIA host of the test PKI */
#define SRV_MAX_HEAD 65536u
#define SRV_MAX_BODY 65536u
/* The server gives up on a silent client after this (keeps tests bounded). */
#define SRV_CONN_MS 10000

/* ------------------------------------------------------------------ */
/* The test server. */

typedef enum {
	SRV_NORMAL,	/* CRL for GET /crl/..., OCSP for POST /ocsp/..., else 404 */
	SRV_SILENT,	/* reads the request, never answers */
	SRV_BIG,	/* 200 with Content-Length big_len */
	SRV_BIG_NOLEN,	/* 200 without Content-Length, big_len bytes, then close */
	SRV_HTML,	/* 200 text/html */
	SRV_404,	/* 404 for everything */
} srv_mode;

typedef struct {
	int lfd;
	int port;
	pthread_t thread;
	pthread_mutex_t mu;
	/* under mu */
	srv_mode mode;
	int stop;
	int requests;
	char method[8];
	char path[256];
	char ctype[128];
	uint8_t body[SRV_MAX_BODY];
	size_t body_len;
	/* read-only after start */
	uint8_t *crl;
	size_t crl_len;
	uint8_t *ocsp;
	size_t ocsp_len;
	size_t big_len;
} srv;

static int
srv_stopping(srv *s)
{
	pthread_mutex_lock(&s->mu);
	int stop = s->stop;
	pthread_mutex_unlock(&s->mu);
	return stop;
}

/* Wait for fd to be readable, in 50 ms steps so stop is seen; 1 readable,
 * 0 stop or deadline. */
static int
srv_wait(srv *s, int fd, int *budget_ms)
{
	while (*budget_ms > 0 && !srv_stopping(s)) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int r = poll(&p, 1, 50);
		*budget_ms -= 50;
		if (r > 0) {
			return 1;
		}
		if (r < 0 && errno != EINTR) {
			return 0;
		}
	}
	return 0;
}

static void
srv_send(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;
	while (n > 0) {
		/* MSG_NOSIGNAL: the client may close early (size cap). */
		ssize_t w = send(fd, b, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR) {
			continue;
		}
		if (w <= 0) {
			return;
		}
		b += w;
		n -= (size_t)w;
	}
}

static void
srv_respond(int fd, int status, const char *ctype, const void *body, size_t len, int with_len)
{
	char head[256];
	int n = 0;
	if (with_len) {
		n = snprintf(head, sizeof(head),
		    "HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
		    "Connection: close\r\n\r\n", status, ctype, len);
	} else {
		n = snprintf(head, sizeof(head),
		    "HTTP/1.1 %d X\r\nContent-Type: %s\r\nConnection: close\r\n\r\n",
		    status, ctype);
	}
	srv_send(fd, head, (size_t)n);
	srv_send(fd, body, len);
}

/* Case-insensitive search of a header's value in the header block. */
static int
srv_header(const char *head, const char *name, char *val, size_t val_len)
{
	size_t nl = strlen(name);
	const char *p = strstr(head, "\r\n");
	while (p != NULL && p[2] != '\r') {
		const char *line = p + 2;
		size_t i = 0;
		while (i < nl && line[i] != '\0' &&
		    (line[i] | 0x20) == (name[i] | 0x20)) {
			i++;
		}
		if (i == nl && line[i] == ':') {
			const char *v = line + i + 1;
			while (*v == ' ') {
				v++;
			}
			size_t k = 0;
			while (v[k] != '\r' && v[k] != '\0' && k + 1 < val_len) {
				val[k] = v[k];
				k++;
			}
			val[k] = '\0';
			return 1;
		}
		p = strstr(line, "\r\n");
	}
	return 0;
}

static void
srv_handle(srv *s, int fd)
{
	static char head[SRV_MAX_HEAD + 1];
	size_t have = 0;
	int budget = SRV_CONN_MS;
	char *end = NULL;

	/* Headers: bounded read until the blank line. */
	while (end == NULL && have < SRV_MAX_HEAD) {
		if (!srv_wait(s, fd, &budget)) {
			return;
		}
		ssize_t r = recv(fd, head + have, SRV_MAX_HEAD - have, 0);
		if (r <= 0) {
			return;
		}
		have += (size_t)r;
		head[have] = '\0';
		end = strstr(head, "\r\n\r\n");
	}
	if (end == NULL) {
		return;
	}
	size_t head_len = (size_t)(end - head) + 4;
	char method[8] = "";
	char path[256] = "";
	size_t i = 0;
	for (; i + 1 < sizeof(method) && head[i] != ' ' && head[i] != '\r'; i++) {
		method[i] = head[i];
	}
	method[i] = '\0';
	const char *q = head + i + (head[i] == ' ' ? 1 : 0);
	for (i = 0; i + 1 < sizeof(path) && q[i] != ' ' && q[i] != '\r'; i++) {
		path[i] = q[i];
	}
	path[i] = '\0';
	char ctype[128] = "";
	char clen[32] = "";
	end[2] = '\0';	/* headers only for the search */
	(void)srv_header(head, "Content-Type", ctype, sizeof(ctype));
	size_t want = 0;
	if (srv_header(head, "Content-Length", clen, sizeof(clen))) {
		char *e = NULL;
		unsigned long long v = strtoull(clen, &e, 10);
		want = v > SRV_MAX_BODY ? SRV_MAX_BODY : (size_t)v;
	}
	uint8_t *body = malloc(SRV_MAX_BODY);
	if (body == NULL) {
		return;
	}
	size_t got = have - head_len < want ? have - head_len : want;
	memcpy(body, head + head_len, got);
	while (got < want) {
		if (!srv_wait(s, fd, &budget)) {
			free(body);
			return;
		}
		ssize_t r = recv(fd, body + got, want - got, 0);
		if (r <= 0) {
			free(body);
			return;
		}
		got += (size_t)r;
	}

	pthread_mutex_lock(&s->mu);
	srv_mode mode = s->mode;
	s->requests++;
	snprintf(s->method, sizeof(s->method), "%s", method);
	snprintf(s->path, sizeof(s->path), "%s", path);
	snprintf(s->ctype, sizeof(s->ctype), "%s", ctype);
	memcpy(s->body, body, got);
	s->body_len = got;
	pthread_mutex_unlock(&s->mu);
	free(body);

	switch (mode) {
	case SRV_NORMAL:
		if (strcmp(method, "GET") == 0 && strncmp(path, "/crl/", 5) == 0) {
			srv_respond(fd, 200, "application/pkix-crl", s->crl, s->crl_len, 1);
		} else if (strcmp(method, "POST") == 0 && strncmp(path, "/ocsp/", 6) == 0) {
			srv_respond(fd, 200, "application/ocsp-response", s->ocsp, s->ocsp_len,
			    1);
		} else {
			srv_respond(fd, 404, "text/plain", "no\n", 3, 1);
		}
		break;
	case SRV_SILENT:
		/* Hold the connection until the client gives up (its timeout). */
		while (srv_wait(s, fd, &budget)) {
			char sink[512];
			if (recv(fd, sink, sizeof(sink), 0) <= 0) {
				break;
			}
		}
		break;
	case SRV_BIG:
	case SRV_BIG_NOLEN: {
		uint8_t *big = malloc(s->big_len);
		if (big != NULL) {
			memset(big, 'A', s->big_len);
			srv_respond(fd, 200, "application/pkix-crl", big, s->big_len,
			    mode == SRV_BIG);
			free(big);
		}
		break;
	}
	case SRV_HTML: {
		static const char html[] = "<html><body>It works!</body></html>\n";
		srv_respond(fd, 200, "text/html", html, sizeof(html) - 1, 1);
		break;
	}
	case SRV_404:
		srv_respond(fd, 404, "text/plain", "not found\n", 10, 1);
		break;
	}
}

static void *
srv_main(void *arg)
{
	srv *s = arg;
	while (!srv_stopping(s)) {
		struct pollfd p = {.fd = s->lfd, .events = POLLIN};
		if (poll(&p, 1, 50) <= 0) {
			continue;
		}
		int fd = accept(s->lfd, NULL, NULL);
		if (fd < 0) {
			continue;
		}
		srv_handle(s, fd);
		close(fd);
	}
	return NULL;
}

static srv *
srv_start(srv_mode mode)
{
	srv *s = calloc(1, sizeof(*s));
	ck_assert_ptr_nonnull(s);
	pthread_mutex_init(&s->mu, NULL);
	s->mode = mode;
	s->crl = uy_test_read_file(UY_TEST_PKI_DIR "nes-ca-crl.crl.der", &s->crl_len);
	s->ocsp = uy_test_read_file(UY_TEST_PKI_DIR "ocsp-nes-good.ocsp.der", &s->ocsp_len);
	s->lfd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(s->lfd, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = 0;
	ck_assert_int_eq(bind(s->lfd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(listen(s->lfd, 8), 0);
	socklen_t al = sizeof(a);
	ck_assert_int_eq(getsockname(s->lfd, (struct sockaddr *)&a, &al), 0);
	s->port = ntohs(a.sin_port);
	ck_assert_int_eq(pthread_create(&s->thread, NULL, srv_main, s), 0);
	return s;
}

static void
srv_set_mode(srv *s, srv_mode mode)
{
	pthread_mutex_lock(&s->mu);
	s->mode = mode;
	pthread_mutex_unlock(&s->mu);
}

static int
srv_requests(srv *s)
{
	pthread_mutex_lock(&s->mu);
	int n = s->requests;
	pthread_mutex_unlock(&s->mu);
	return n;
}

static void
srv_stop(srv *s)
{
	pthread_mutex_lock(&s->mu);
	s->stop = 1;
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->thread, NULL);
	close(s->lfd);
	pthread_mutex_destroy(&s->mu);
	free(s->crl);
	free(s->ocsp);
	free(s);
}

/* ------------------------------------------------------------------ */
/* Fixtures and helpers. */

static void
no_proxy(void)
{
	/* A proxy from the environment would bypass CONNECT_TO. */
	static const char *const vars[] = {"http_proxy", "HTTP_PROXY", "https_proxy",
	    "HTTPS_PROXY", "all_proxy", "ALL_PROXY"};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		unsetenv(vars[i]);
	}
}

typedef struct {
	char entry[96];
	const char *list[1];
	uy_online_options opts;
} online_cfg;

static void
cfg_init(online_cfg *c, const srv *s, const char *cache_dir)
{
	uy_online_options init = UY_ONLINE_OPTIONS_INIT;
	snprintf(c->entry, sizeof(c->entry), HOST ":80:127.0.0.1:%d", s->port);
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
	srv *s = srv_start(SRV_NORMAL);
	online_cfg c;
	cfg_init(&c, s, NULL);
	X509 *nes = uy_test_pki_cert("nes");
	uy_online *o = online_new(&c);
	uy_span crl = {NULL, 0};

	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	assert_file_bytes(crl, "nes-ca-crl.crl.der");
	ck_assert_int_eq(srv_requests(s), 1);
	pthread_mutex_lock(&s->mu);	/* the server thread wrote these */
	ck_assert_str_eq(s->method, "GET");
	ck_assert_str_eq(s->path, "/crl/nes-ca.crl");
	pthread_mutex_unlock(&s->mu);

	/* Second identical call: from the in-memory cache, same bytes. */
	uy_span again = {NULL, 0};
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &again), UY_OK);
	ck_assert_int_eq(srv_requests(s), 1);
	ck_assert_ptr_eq(again.ptr, crl.ptr);
	ck_assert_uint_eq(again.len, crl.len);
	uy_online_free(o);

	/* The memory cache dies with its object. */
	o = online_new(&c);
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	ck_assert_int_eq(srv_requests(s), 2);
	assert_file_bytes(crl, "nes-ca-crl.crl.der");
	uy_online_free(o);

	X509_free(nes);
	srv_stop(s);
}
END_TEST

/* *= type=test
 * RFC 6960 §4.1, Appendix A.1: POST of an OCSPRequest with a SHA-256 CertID
 * for (nes, nes-ca) and a nonce. */
START_TEST(test_ocsp_query_and_memory_cache)
{
	srv *s = srv_start(SRV_NORMAL);
	online_cfg c;
	cfg_init(&c, s, NULL);
	X509 *nes = uy_test_pki_cert("nes");
	X509 *ca = uy_test_pki_cert("nes-ca");
	X509 *other = uy_test_pki_cert("nes-revoked-after");
	uy_online *o = online_new(&c);
	uy_span resp = {NULL, 0};

	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &resp), UY_OK);
	assert_file_bytes(resp, "ocsp-nes-good.ocsp.der");
	ck_assert_int_eq(srv_requests(s), 1);
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
	ck_assert_int_eq(srv_requests(s), 1);
	ck_assert_ptr_eq(again.ptr, resp.ptr);

	/* Another certificate of the same CA and responder: the CertID is part
	 * of the cache key, so this goes to the server. */
	ck_assert_int_eq(uy_online_query_ocsp(o, other, ca, &again), UY_OK);
	ck_assert_int_eq(srv_requests(s), 2);
	/* ... and the first answer is still held and unchanged. */
	assert_file_bytes(resp, "ocsp-nes-good.ocsp.der");

	uy_online_free(o);
	X509_free(other);
	X509_free(ca);
	X509_free(nes);
	srv_stop(s);
}
END_TEST

START_TEST(test_folder_cache)
{
	srv *s = srv_start(SRV_NORMAL);
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
	ck_assert_int_eq(srv_requests(s), 2);
	count_files(dir, &der, &other);
	ck_assert_int_eq(der, 2);
	ck_assert_int_eq(other, 0);	/* no temporary file left behind */
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &resp), UY_OK);
	ck_assert_int_eq(srv_requests(s), 2);
	uy_online_free(o);

	/* A new object reads the folder: no request, same bytes. */
	o = online_new(&c);
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	assert_file_bytes(crl, "nes-ca-crl.crl.der");
	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &resp), UY_OK);
	assert_file_bytes(resp, "ocsp-nes-good.ocsp.der");
	ck_assert_int_eq(srv_requests(s), 2);
	uy_online_free(o);

	/* Damaged cache files are a miss: refetched and rewritten. */
	damage_cache(dir);
	o = online_new(&c);
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	assert_file_bytes(crl, "nes-ca-crl.crl.der");
	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &resp), UY_OK);
	assert_file_bytes(resp, "ocsp-nes-good.ocsp.der");
	ck_assert_int_eq(srv_requests(s), 4);
	uy_online_free(o);
	o = online_new(&c);
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &crl), UY_OK);
	assert_file_bytes(crl, "nes-ca-crl.crl.der");
	ck_assert_int_eq(srv_requests(s), 4);
	uy_online_free(o);

	X509_free(ca);
	X509_free(nes);
	remove_dir(dir);
	srv_stop(s);
}
END_TEST

/* A server that accepts and never answers: UY_ERR_IO after about
 * timeout_ms. The bounds are loose; this is not a speed test. */
START_TEST(test_timeout)
{
	srv *s = srv_start(SRV_SILENT);
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
	ck_assert_int_eq(srv_requests(s), 1);	/* it did reach the server */
	ck_assert_ptr_nonnull(strstr(uy_error_last(), "http://" HOST "/crl/nes-ca.crl"));
	uy_online_free(o);
	X509_free(nes);
	srv_stop(s);
}
END_TEST

/* Bodies over max_bytes: declared (Content-Length) and undeclared. */
START_TEST(test_limit)
{
	srv_mode modes[] = {SRV_BIG, SRV_BIG_NOLEN};
	X509 *nes = uy_test_pki_cert("nes");
	X509 *ca = uy_test_pki_cert("nes-ca");
	for (size_t i = 0; i < 2; i++) {
		srv *s = srv_start(modes[i]);
		s->big_len = 64 * 1024;
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
		ck_assert_int_eq(srv_requests(s), 2);
		uy_online_free(o);
		srv_stop(s);
	}
	/* The real CRL (under 4096 bytes) passes the same cap. */
	srv *s = srv_start(SRV_NORMAL);
	ck_assert_uint_lt(s->crl_len, 4096);
	online_cfg c;
	cfg_init(&c, s, NULL);
	c.opts.max_bytes = 4096;
	uy_online *o = online_new(&c);
	uy_span out = {NULL, 0};
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &out), UY_OK);
	assert_file_bytes(out, "nes-ca-crl.crl.der");
	uy_online_free(o);
	srv_stop(s);
	X509_free(ca);
	X509_free(nes);
}
END_TEST

/* A root has neither CDP nor AIA: nothing to fetch, no request. */
START_TEST(test_no_distribution_point)
{
	srv *s = srv_start(SRV_NORMAL);
	online_cfg c;
	cfg_init(&c, s, NULL);
	X509 *root = uy_test_pki_cert("root-rsa");
	uy_online *o = online_new(&c);
	uy_span out = {(const uint8_t *)"x", 1};

	ck_assert_int_eq(uy_online_fetch_crl(o, root, &out), UY_ERR_NOT_FOUND);
	ck_assert_ptr_null(out.ptr);
	ck_assert_uint_eq(out.len, 0);
	ck_assert_int_eq(uy_online_query_ocsp(o, root, root, &out), UY_ERR_NOT_FOUND);
	ck_assert_int_eq(srv_requests(s), 0);
	uy_online_free(o);
	X509_free(root);
	srv_stop(s);
}
END_TEST

/* 200 with HTML, and 404: UY_ERR_IO, and a failure is never cached. */
START_TEST(test_not_der_and_http_error)
{
	srv *s = srv_start(SRV_HTML);
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
	ck_assert_int_eq(srv_requests(s), 2);

	srv_set_mode(s, SRV_404);
	uy_error_clear();
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &out), UY_ERR_IO);
	ck_assert_ptr_nonnull(strstr(uy_error_last(), "404"));
	ck_assert_int_eq(srv_requests(s), 3);

	srv_set_mode(s, SRV_NORMAL);
	ck_assert_int_eq(uy_online_fetch_crl(o, nes, &out), UY_OK);
	assert_file_bytes(out, "nes-ca-crl.crl.der");
	ck_assert_int_eq(uy_online_query_ocsp(o, nes, ca, &out), UY_OK);
	assert_file_bytes(out, "ocsp-nes-good.ocsp.der");
	ck_assert_int_eq(srv_requests(s), 5);

	uy_online_free(o);
	X509_free(ca);
	X509_free(nes);
	srv_stop(s);
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
	tcase_add_unchecked_fixture(tc, no_proxy, NULL);
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
