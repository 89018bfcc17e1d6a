/*
 * uy_test_http.h - a small HTTP/1.1 server for the Check unit tests of
 * online mode (uy_online.h): one thread on 127.0.0.1, an ephemeral port, one
 * connection at a time, `Connection: close`. The test PKI's host name
 * (UY_TEST_HTTP_HOST, the CDP and AIA host of vectors/pki/out) is pointed at
 * it with CURLOPT_CONNECT_TO (uy_online_options.connect_to), so no test
 * touches the real network.
 *
 * In UY_HTTP_NORMAL mode the server answers from a route table: a route maps
 * a method and a URL path (exact, or a prefix when the route's path ends in
 * '/') to the bytes of a file of vectors/pki/out, e.g. GET /crl/nes-ca.crl ->
 * nes-ca-crl.crl.der, POST /ocsp/nes-ca -> ocsp-nes-good.ocsp.der; anything
 * else is a 404. The other modes misbehave on purpose. The server counts
 * requests (all, and per route) and keeps the last one.
 *
 * Conventions: as uy_test_files.h (helpers fail the running test instead of
 * returning errors; static inline so unused ones cost nothing). The server
 * and its routes are owned by the test: uy_http_stop() frees everything.
 * Fields under `mu` are written by the server thread: read them with the
 * accessors, or lock `mu` around direct reads.
 */
#ifndef UY_TEST_HTTP_H
#define UY_TEST_HTTP_H

#include <check.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include "uy_test_files.h"

#define UY_TEST_HTTP_HOST "uyum.test.invalid"	/* CDP and AIA host of the test PKI */
#define UY_HTTP_MAX_HEAD 65536u		/* request header block, bytes */
#define UY_HTTP_MAX_BODY 65536u		/* request body kept, bytes */
#define UY_HTTP_MAX_ROUTES 16u
/* The server gives up on a silent client after this (keeps tests bounded). */
#define UY_HTTP_CONN_MS 10000
/* Room for uy_http_connect_to()'s entry. */
#define UY_HTTP_CONNECT_TO_LEN 96

typedef enum {
	UY_HTTP_NORMAL,		/* the route table, else 404 */
	UY_HTTP_SILENT,		/* reads the request, never answers */
	UY_HTTP_BIG,		/* 200 with Content-Length big_len, big_len bytes */
	UY_HTTP_BIG_NOLEN,	/* 200 without Content-Length, big_len bytes, then close */
	UY_HTTP_HTML,		/* 200 text/html */
	UY_HTTP_404,		/* 404 for everything */
} uy_http_mode;

typedef struct {
	char method[8];		/* "GET", "POST" */
	char path[128];		/* exact; a prefix when it ends in '/' */
	char ctype[64];		/* Content-Type of the answer */
	uint8_t *body;		/* owned */
	size_t len;
	int hits;		/* requests answered by this route */
} uy_http_route;

typedef struct {
	int lfd;
	int port;
	pthread_t thread;
	pthread_mutex_t mu;
	/* under mu */
	uy_http_mode mode;
	int stop;
	int requests;		/* every complete request, whatever the mode */
	char method[8];		/* the last request */
	char path[256];
	char ctype[128];
	uint8_t body[UY_HTTP_MAX_BODY];
	size_t body_len;
	size_t big_len;
	uy_http_route routes[UY_HTTP_MAX_ROUTES];
	size_t route_count;
} uy_http_srv;

static inline int
uy_http_stopping(uy_http_srv *s)
{
	pthread_mutex_lock(&s->mu);
	int stop = s->stop;
	pthread_mutex_unlock(&s->mu);
	return stop;
}

/* Wait for fd to be readable, in 50 ms steps so stop is seen; 1 readable,
 * 0 stop or deadline. */
static inline int
uy_http_wait(uy_http_srv *s, int fd, int *budget_ms)
{
	while (*budget_ms > 0 && !uy_http_stopping(s)) {
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

static inline void
uy_http_send(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;
	while (n > 0) {
		/* MSG_NOSIGNAL: the client may close early (size cap, timeout). */
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

static inline void
uy_http_respond(int fd, int status, const char *ctype, const void *body, size_t len,
                int with_len)
{
	char head[256];
	int n = 0;
	if (with_len) {
		n = snprintf(head, sizeof(head),
		             "HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
		             "Connection: close\r\n\r\n",
		             status, ctype, len);
	} else {
		n = snprintf(head, sizeof(head),
		             "HTTP/1.1 %d X\r\nContent-Type: %s\r\nConnection: close\r\n\r\n",
		             status, ctype);
	}
	uy_http_send(fd, head, (size_t)n);
	uy_http_send(fd, body, len);
}

/* Case-insensitive search of a header's value in the header block. */
static inline int
uy_http_header(const char *head, const char *name, char *val, size_t val_len)
{
	size_t nl = strlen(name);
	const char *p = strstr(head, "\r\n");
	while (p != NULL && p[2] != '\r' && p[2] != '\0') {
		const char *line = p + 2;
		size_t i = 0;
		while (i < nl && line[i] != '\0' && (line[i] | 0x20) == (name[i] | 0x20)) {
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

/* The route for (method, path), or NULL; call with mu held. */
static inline uy_http_route *
uy_http_match(uy_http_srv *s, const char *method, const char *path)
{
	for (size_t i = 0; i < s->route_count; i++) {
		uy_http_route *r = &s->routes[i];
		size_t n = strlen(r->path);
		int prefix = n > 0 && r->path[n - 1] == '/';
		if (strcmp(r->method, method) == 0 &&
		    (prefix ? strncmp(path, r->path, n) == 0 : strcmp(path, r->path) == 0)) {
			return r;
		}
	}
	return NULL;
}

/* Serve one connection: read one request (bounded), record it, answer. */
static inline void
uy_http_handle(uy_http_srv *s, int fd)
{
	char *head = malloc(UY_HTTP_MAX_HEAD + 1);
	uint8_t *body = malloc(UY_HTTP_MAX_BODY);
	size_t have = 0;
	int budget = UY_HTTP_CONN_MS;
	char *end = NULL;

	if (head == NULL || body == NULL) {
		goto done;
	}
	/* Headers: bounded read until the blank line. */
	head[0] = '\0';
	while (end == NULL && have < UY_HTTP_MAX_HEAD) {
		if (!uy_http_wait(s, fd, &budget)) {
			goto done;
		}
		ssize_t r = recv(fd, head + have, UY_HTTP_MAX_HEAD - have, 0);
		if (r <= 0) {
			goto done;
		}
		have += (size_t)r;
		head[have] = '\0';
		end = strstr(head, "\r\n\r\n");
	}
	if (end == NULL) {
		goto done;
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
	size_t want = 0;
	/* The body may follow in the same read: take it before cutting the
	 * header block for the header search. */
	size_t got = have - head_len;
	if (got > UY_HTTP_MAX_BODY) {
		got = UY_HTTP_MAX_BODY;
	}
	memcpy(body, head + head_len, got);
	end[2] = '\0';
	(void)uy_http_header(head, "Content-Type", ctype, sizeof(ctype));
	if (uy_http_header(head, "Content-Length", clen, sizeof(clen))) {
		char *e = NULL;
		unsigned long long v = strtoull(clen, &e, 10);
		want = v > UY_HTTP_MAX_BODY ? UY_HTTP_MAX_BODY : (size_t)v;
	}
	if (got > want) {
		got = want;
	}
	while (got < want) {
		if (!uy_http_wait(s, fd, &budget)) {
			goto done;
		}
		ssize_t r = recv(fd, body + got, want - got, 0);
		if (r <= 0) {
			goto done;
		}
		got += (size_t)r;
	}

	/* Record the request and copy what to answer, under the lock: the
	 * test may change routes and mode between requests. */
	uint8_t *answer = NULL;
	size_t answer_len = 0;
	char answer_type[64] = "";
	int found = 0;
	pthread_mutex_lock(&s->mu);
	uy_http_mode mode = s->mode;
	size_t big_len = s->big_len;
	s->requests++;
	snprintf(s->method, sizeof(s->method), "%s", method);
	snprintf(s->path, sizeof(s->path), "%s", path);
	snprintf(s->ctype, sizeof(s->ctype), "%s", ctype);
	memcpy(s->body, body, got);
	s->body_len = got;
	if (mode == UY_HTTP_NORMAL) {
		uy_http_route *r = uy_http_match(s, method, path);
		if (r != NULL) {
			answer = malloc(r->len > 0 ? r->len : 1);
			if (answer != NULL) {
				memcpy(answer, r->body, r->len);
				answer_len = r->len;
				snprintf(answer_type, sizeof(answer_type), "%s", r->ctype);
				r->hits++;
				found = 1;
			}
		}
	}
	pthread_mutex_unlock(&s->mu);

	switch (mode) {
	case UY_HTTP_NORMAL:
		if (found) {
			uy_http_respond(fd, 200, answer_type, answer, answer_len, 1);
		} else {
			uy_http_respond(fd, 404, "text/plain", "no\n", 3, 1);
		}
		break;
	case UY_HTTP_SILENT:
		/* Hold the connection until the client gives up (its timeout). */
		while (uy_http_wait(s, fd, &budget)) {
			char sink[512];
			if (recv(fd, sink, sizeof(sink), 0) <= 0) {
				break;
			}
		}
		break;
	case UY_HTTP_BIG:
	case UY_HTTP_BIG_NOLEN: {
		uint8_t *big = malloc(big_len > 0 ? big_len : 1);
		if (big != NULL) {
			memset(big, 'A', big_len);
			uy_http_respond(fd, 200, "application/pkix-crl", big, big_len,
			                mode == UY_HTTP_BIG);
			free(big);
		}
		break;
	}
	case UY_HTTP_HTML: {
		static const char html[] = "<html><body>It works!</body></html>\n";
		uy_http_respond(fd, 200, "text/html", html, sizeof(html) - 1, 1);
		break;
	}
	case UY_HTTP_404:
		uy_http_respond(fd, 404, "text/plain", "not found\n", 10, 1);
		break;
	}
	free(answer);
done:
	free(body);
	free(head);
}

static inline void *
uy_http_main(void *arg)
{
	uy_http_srv *s = arg;
	while (!uy_http_stopping(s)) {
		struct pollfd p = {.fd = s->lfd, .events = POLLIN};
		if (poll(&p, 1, 50) <= 0) {
			continue;
		}
		int fd = accept(s->lfd, NULL, NULL);
		if (fd < 0) {
			continue;
		}
		uy_http_handle(s, fd);
		close(fd);
	}
	return NULL;
}

/**
 * Start a server on 127.0.0.1, an ephemeral port, with no routes.
 *
 * @param mode how it answers (uy_http_set_mode() changes it).
 * @return the server; owned by the caller (uy_http_stop()).
 */
static inline uy_http_srv *
uy_http_start(uy_http_mode mode)
{
	uy_http_srv *s = calloc(1, sizeof(*s));
	ck_assert_ptr_nonnull(s);
	pthread_mutex_init(&s->mu, NULL);
	s->mode = mode;
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
	ck_assert_int_eq(pthread_create(&s->thread, NULL, uy_http_main, s), 0);
	return s;
}

/**
 * Answer (method, path) with a file of the test PKI; replaces the body of a
 * route with the same method and path (its hit count is kept).
 *
 * @param method "GET" or "POST"; borrowed.
 * @param path   exact URL path, or a prefix ending in '/'; borrowed.
 * @param file   name under vectors/pki/out, e.g. "nes-ca-crl.crl.der";
 *               borrowed. A missing file, or more than UY_HTTP_MAX_ROUTES
 *               routes, fails the test.
 * @param ctype  Content-Type of the answer; borrowed.
 */
static inline void
uy_http_route_file(uy_http_srv *s, const char *method, const char *path, const char *file,
                   const char *ctype)
{
	size_t len = 0;
	uint8_t *body = uy_test_read_file2(UY_TEST_PKI_DIR, file, &len);
	pthread_mutex_lock(&s->mu);
	uy_http_route *r = NULL;
	for (size_t i = 0; i < s->route_count && r == NULL; i++) {
		if (strcmp(s->routes[i].method, method) == 0 &&
		    strcmp(s->routes[i].path, path) == 0) {
			r = &s->routes[i];
		}
	}
	if (r == NULL && s->route_count < UY_HTTP_MAX_ROUTES) {
		r = &s->routes[s->route_count++];
		memset(r, 0, sizeof(*r));
		snprintf(r->method, sizeof(r->method), "%s", method);
		snprintf(r->path, sizeof(r->path), "%s", path);
	}
	if (r != NULL) {
		free(r->body);
		r->body = body;
		r->len = len;
		snprintf(r->ctype, sizeof(r->ctype), "%s", ctype);
	}
	pthread_mutex_unlock(&s->mu);
	if (r == NULL) {
		free(body);
	}
	ck_assert_msg(r != NULL, "more than %u routes", UY_HTTP_MAX_ROUTES);
}

/** GET <path> answers the DER CRL vectors/pki/out/<file>. */
static inline void
uy_http_route_crl(uy_http_srv *s, const char *path, const char *file)
{
	uy_http_route_file(s, "GET", path, file, "application/pkix-crl");
}

/** POST <path> answers the DER OCSPResponse vectors/pki/out/<file>. */
static inline void
uy_http_route_ocsp(uy_http_srv *s, const char *path, const char *file)
{
	uy_http_route_file(s, "POST", path, file, "application/ocsp-response");
}

/** Remove every route (their counts too): everything is a 404. */
static inline void
uy_http_clear_routes(uy_http_srv *s)
{
	pthread_mutex_lock(&s->mu);
	for (size_t i = 0; i < s->route_count; i++) {
		free(s->routes[i].body);
		memset(&s->routes[i], 0, sizeof(s->routes[i]));
	}
	s->route_count = 0;
	pthread_mutex_unlock(&s->mu);
}

static inline void
uy_http_set_mode(uy_http_srv *s, uy_http_mode mode)
{
	pthread_mutex_lock(&s->mu);
	s->mode = mode;
	pthread_mutex_unlock(&s->mu);
}

/** Body size of UY_HTTP_BIG and UY_HTTP_BIG_NOLEN, bytes. */
static inline void
uy_http_set_big(uy_http_srv *s, size_t len)
{
	pthread_mutex_lock(&s->mu);
	s->big_len = len;
	pthread_mutex_unlock(&s->mu);
}

/** Complete requests received so far, whatever was answered. */
static inline int
uy_http_requests(uy_http_srv *s)
{
	pthread_mutex_lock(&s->mu);
	int n = s->requests;
	pthread_mutex_unlock(&s->mu);
	return n;
}

/** Requests answered by the route (method, path); 0 without such a route. */
static inline int
uy_http_hits(uy_http_srv *s, const char *method, const char *path)
{
	int n = 0;
	pthread_mutex_lock(&s->mu);
	for (size_t i = 0; i < s->route_count; i++) {
		if (strcmp(s->routes[i].method, method) == 0 &&
		    strcmp(s->routes[i].path, path) == 0) {
			n = s->routes[i].hits;
		}
	}
	pthread_mutex_unlock(&s->mu);
	return n;
}

/** Body length of the route (method, path); the route must exist. */
static inline size_t
uy_http_route_len(uy_http_srv *s, const char *method, const char *path)
{
	size_t n = 0;
	int found = 0;
	pthread_mutex_lock(&s->mu);
	for (size_t i = 0; i < s->route_count; i++) {
		if (strcmp(s->routes[i].method, method) == 0 &&
		    strcmp(s->routes[i].path, path) == 0) {
			n = s->routes[i].len;
			found = 1;
		}
	}
	pthread_mutex_unlock(&s->mu);
	ck_assert_msg(found, "no route %s %s", method, path);
	return n;
}

/**
 * The CURLOPT_CONNECT_TO entry pointing UY_TEST_HTTP_HOST:80 at the server.
 *
 * @param[out] dst the entry, NUL-terminated.
 * @param cap      bytes of dst, at least UY_HTTP_CONNECT_TO_LEN.
 */
static inline void
uy_http_connect_to(const uy_http_srv *s, char *dst, size_t cap)
{
	int n = snprintf(dst, cap, UY_TEST_HTTP_HOST ":80:127.0.0.1:%d", s->port);
	ck_assert(n > 0 && (size_t)n < cap);
}

/** Stop the thread, close the socket, free the routes and the server. */
static inline void
uy_http_stop(uy_http_srv *s)
{
	pthread_mutex_lock(&s->mu);
	s->stop = 1;
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->thread, NULL);
	close(s->lfd);
	uy_http_clear_routes(s);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

/** Unset the proxy variables: a proxy from the environment would bypass
 * CONNECT_TO (and reach a real network). */
static inline void
uy_http_no_proxy(void)
{
	static const char *const vars[] = {"http_proxy", "HTTP_PROXY", "https_proxy",
	                                   "HTTPS_PROXY", "all_proxy", "ALL_PROXY"};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		unsetenv(vars[i]);
	}
}

#endif
