/*
 * uyum: the command line. Argument parsing and main() only; the work is in
 * uy_core (uy_eyp_check_file, uy_report_write_*).
 *
 * `uyum verify` validates CAdES signature files (uy_cades_validate) and
 * writes the same reports. The signature options (--trust, --at, ...) are
 * shared by both commands; --online without --at is the only place uyum
 * reads the clock.
 *
 * Exit codes: 0 every package PASSED; 1 at least one package FAILED;
 * 3 none FAILED but at least one INDETERMINATE (a check could not be
 * evaluated); 2 usage or harness error (nothing checked, or a file could not
 * be read, or a report could not be written).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "uyum/uyum.h"
#include "uyum/uy_online.h"
#include "uyum/uy_profile.h"
#include "uyum/uy_validate.h"

#define EXIT_ALL_PASSED 0
#define EXIT_FAILED 1
#define EXIT_HARNESS 2
#define EXIT_INDETERMINATE 3

/* Certificates, CRLs and OCSP responses given on the command line (each kind). */
#define MAX_SIG_INPUTS 64u
/* A detached content file read into memory. */
#define MAX_CONTENT_BYTES ((size_t)512 << 20)

/* Packages found under the folders given; a bound against runaway trees. */
#define MAX_INPUTS 100000u
#define MAX_DIR_DEPTH 32

enum { FMT_HTML = 1, FMT_CSV = 2, FMT_JUNIT = 4, FMT_JSON = 8, FMT_ALL = 15 };

typedef struct {
	char **items;
	size_t n;
	size_t alloc;
} str_list;

static void
usage(FILE *f)
{
	fprintf(f,
	    "Usage: uyum check [options] [signature options] PATH...\n"
	    "       uyum verify [options] [signature options] FILE...\n"
	    "       uyum --help | --version\n"
	    "\n"
	    "check: check e-Yazışma packages (.eyp, .eyps, .eypg; 1.x and 2.x) against the\n"
	    "e-Yazışma Technical Guide, validate their signatures and seals, and write a\n"
	    "conformance report. PATH is a package file or a folder, searched recursively for\n"
	    "*.eyp, *.eyps and *.eypg.\n"
	    "\n"
	    "verify: validate CAdES signature files (DER, attached or detached; BES to A) as a\n"
	    "qualified validator does (ETSI EN 319 102-1, BTK profiles P1-P4, certificate\n"
	    "profiles) and write the same reports, one entry per file.\n"
	    "\n"
	    "Options:\n"
	    "  -o, --report-dir DIR   folder for the reports (default: reports); created if missing\n"
	    "  -f, --format LIST      comma-separated: html,csv,junit,json or all (default: all)\n"
	    "  -l, --lang tr|en       language of the HTML report (default: tr)\n"
	    "  -q, --quiet            no progress or summary on stderr\n"
	    "  -h, --help             this help\n"
	    "  -V, --version          the version\n"
	    "\n"
	    "Signature options (check and verify):\n"
	    "  --trust FILE|DIR       trust anchors: PEM or DER certificates, or a folder of them\n"
	    "                         (*.pem, *.crt, *.cer, *.der); repeatable. Only these are trusted.\n"
	    "  --cert FILE            extra untrusted certificates (PEM or DER); repeatable\n"
	    "  --crl FILE             a CRL (DER or PEM); repeatable\n"
	    "  --ocsp FILE            an OCSP response (DER OCSPResponse or BasicOCSPResponse); repeatable\n"
	    "  --at TIME              validation time, RFC 3339 UTC (2027-06-01T12:00:00Z). Without it\n"
	    "                         time-dependent checks are not evaluated (uyum never reads the\n"
	    "                         clock offline)\n"
	    "  --ignore-grace         do not wait for the P2/P3 grace period (as Kamu SM's suite)\n"
	    "  --online               fetch missing CRLs and OCSP responses over HTTP (off by default;\n"
	    "                         without --at the validation time is the current time)\n"
	    "  --cache DIR            with --online: keep fetched responses in DIR\n"
	    "  --timeout MS           with --online: timeout per transfer (default 10000)\n"
	    "\n"
	    "verify only:\n"
	    "  --content FILE         the signed content of detached signatures\n"
	    "  --profile P1..P4       the profile claimed (default: the one the policy names)\n"
	    "  --role person|seal|any what the signature is for (default: any)\n"
	    "\n"
	    "Reports: uyum-report.html, uyum-report.csv, uyum-report.junit.xml, uyum-report.json\n"
	    "\n"
	    "Exit status: 0 all PASSED; 1 at least one FAILED; 3 none FAILED but at least one\n"
	    "INDETERMINATE (a required check could not be evaluated, or a signature is not final);\n"
	    "2 usage or harness error.\n");
}

static int
list_add(str_list *l, const char *s)
{
	if (l->n >= MAX_INPUTS) {
		fprintf(stderr, "uyum: more than %u packages; stopping the search\n", MAX_INPUTS);
		return -1;
	}
	if (l->n == l->alloc) {
		size_t n = l->alloc == 0 ? 16 : l->alloc * 2;
		char **p = uy_realloc(l->items, n * sizeof(*p));
		if (p == NULL) {
			return -1;
		}
		l->items = p;
		l->alloc = n;
	}
	l->items[l->n] = uy_strdup(s);
	if (l->items[l->n] == NULL) {
		return -1;
	}
	l->n++;
	return 0;
}

static void
list_free(str_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		uy_free(l->items[i]);
	}
	uy_free(l->items);
}

static int
is_package_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot != NULL && (strcasecmp(dot, ".eyp") == 0 || strcasecmp(dot, ".eyps") == 0 ||
	    strcasecmp(dot, ".eypg") == 0);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect package files below dir, in name order, without following links. */
static int
collect_dir(str_list *out, const char *dir, int depth)
{
	DIR *d = NULL;
	struct dirent *e = NULL;
	str_list here = {NULL, 0, 0};
	int rc = 0;

	if (depth > MAX_DIR_DEPTH) {
		fprintf(stderr, "uyum: %s: folders nested too deep; skipped\n", dir);
		return 0;
	}
	d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr, "uyum: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.') {
			continue;
		}
		char *p = uy_asprintf("%s/%s", dir, e->d_name);
		if (p == NULL || list_add(&here, p) != 0) {
			uy_free(p);
			rc = -1;
			break;
		}
		uy_free(p);
	}
	closedir(d);
	if (here.n > 1) {
		qsort(here.items, here.n, sizeof(*here.items), cmp_str);
	}
	for (size_t i = 0; rc == 0 && i < here.n; i++) {
		struct stat st;
		if (lstat(here.items[i], &st) != 0) {
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			rc = collect_dir(out, here.items[i], depth + 1);
		} else if (S_ISREG(st.st_mode) && is_package_name(here.items[i])) {
			rc = list_add(out, here.items[i]);
		}
	}
	list_free(&here);
	return rc;
}

static int
parse_formats(const char *s, unsigned *out)
{
	unsigned f = 0;
	const char *p = s;

	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
		if (n == 3 && strncmp(p, "all", n) == 0) {
			f |= FMT_ALL;
		} else if (n == 4 && strncmp(p, "html", n) == 0) {
			f |= FMT_HTML;
		} else if (n == 3 && strncmp(p, "csv", n) == 0) {
			f |= FMT_CSV;
		} else if (n == 5 && strncmp(p, "junit", n) == 0) {
			f |= FMT_JUNIT;
		} else if (n == 4 && strncmp(p, "json", n) == 0) {
			f |= FMT_JSON;
		} else {
			return -1;
		}
		p += n;
		if (*p == ',') {
			p++;
		}
	}
	*out = f;
	return f != 0 ? 0 : -1;
}

static int
mkdir_p(const char *path)
{
	char *tmp = uy_strdup(path);
	int rc = 0;

	if (tmp == NULL) {
		return -1;
	}
	for (char *p = tmp + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
				rc = -1;
			}
			*p = '/';
		}
	}
	if (rc == 0 && mkdir(tmp, 0777) != 0 && errno != EEXIST) {
		rc = -1;
	}
	uy_free(tmp);
	return rc;
}

typedef uy_err (*writer_fn)(const uy_run *run, const char *path);

static int
write_reports(const uy_run *run, const char *dir, unsigned formats, int quiet)
{
	static const struct {
		unsigned flag;
		const char *file;
		writer_fn fn;
	} writers[] = {
	    {FMT_HTML, "uyum-report.html", uy_report_write_html},
	    {FMT_CSV, "uyum-report.csv", uy_report_write_csv},
	    {FMT_JUNIT, "uyum-report.junit.xml", uy_report_write_junit},
	    {FMT_JSON, "uyum-report.json", uy_report_write_json},
	};
	int rc = 0;

	if (mkdir_p(dir) != 0) {
		fprintf(stderr, "uyum: cannot create %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++) {
		if ((formats & writers[i].flag) == 0) {
			continue;
		}
		char *path = uy_asprintf("%s/%s", dir, writers[i].file);
		if (path == NULL) {
			return -1;
		}
		uy_error_clear();
		uy_err e = writers[i].fn(run, path);
		if (e != UY_OK) {
			fprintf(stderr, "uyum: cannot write %s: %s %s\n", path, uy_err_name(e),
			    uy_error_last());
			rc = -1;
		} else if (!quiet) {
			fprintf(stderr, "uyum: wrote %s\n", path);
		}
		uy_free(path);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Signature options (check and verify). */

enum {
	OPT_TRUST = 256,
	OPT_CERT,
	OPT_CRL,
	OPT_OCSP,
	OPT_AT,
	OPT_IGNORE_GRACE,
	OPT_ONLINE,
	OPT_CACHE,
	OPT_TIMEOUT,
	OPT_CONTENT,
	OPT_PROFILE,
	OPT_ROLE
};

typedef struct {
	X509 *anchors[MAX_SIG_INPUTS];
	size_t n_anchors;
	X509 *certs[MAX_SIG_INPUTS];
	size_t n_certs;
	uy_span crls[MAX_SIG_INPUTS];	/* bytes owned (uy_free) */
	size_t n_crls;
	uy_span ocsp[MAX_SIG_INPUTS];	/* bytes owned (uy_free) */
	size_t n_ocsp;
	int has_at;
	int64_t at;
	int ignore_grace;
	int online;
	const char *cache;
	long timeout_ms;
	const char *content;
	uy_profile profile;
	uy_signer_role role;
	uy_online *on;
} sig_cli;

static void
sig_cli_dispose(sig_cli *sc)
{
	for (size_t i = 0; i < sc->n_anchors; i++) {
		X509_free(sc->anchors[i]);
	}
	for (size_t i = 0; i < sc->n_certs; i++) {
		X509_free(sc->certs[i]);
	}
	for (size_t i = 0; i < sc->n_crls; i++) {
		uy_free((void *)sc->crls[i].ptr);
	}
	for (size_t i = 0; i < sc->n_ocsp; i++) {
		uy_free((void *)sc->ocsp[i].ptr);
	}
	uy_online_free(sc->on);
	memset(sc, 0, sizeof(*sc));
}

/* Read a whole file of at most cap bytes. Returns 0 on success. */
static int
read_all(const char *path, size_t cap, uint8_t **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, alloc = 0;

	*out = NULL;
	*len = 0;
	if (f == NULL) {
		fprintf(stderr, "uyum: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (n == alloc) {
			size_t na = alloc == 0 ? 65536 : alloc * 2;
			if (alloc >= cap + 1) {
				fprintf(stderr, "uyum: %s: larger than %zu bytes\n", path, cap);
				goto fail;
			}
			uint8_t *p = uy_realloc(buf, na);
			if (p == NULL) {
				fprintf(stderr, "uyum: %s: out of memory\n", path);
				goto fail;
			}
			buf = p;
			alloc = na;
		}
		size_t r = fread(buf + n, 1, alloc - n, f);
		n += r;
		if (r == 0) {
			break;
		}
		if (n > cap) {
			fprintf(stderr, "uyum: %s: larger than %zu bytes\n", path, cap);
			goto fail;
		}
	}
	if (ferror(f)) {
		fprintf(stderr, "uyum: %s: read error\n", path);
		goto fail;
	}
	fclose(f);
	*out = buf;
	*len = n;
	return 0;
fail:
	fclose(f);
	uy_free(buf);
	return -1;
}

static int
is_pem(const uint8_t *p, size_t n)
{
	static const char tag[] = "-----BEGIN";
	for (size_t i = 0; i + sizeof(tag) - 1 <= n && i < 4096; i++) {
		if (memcmp(p + i, tag, sizeof(tag) - 1) == 0) {
			return 1;
		}
	}
	return 0;
}

/* Load the certificates of one PEM (any number) or DER (one) file. */
static int
load_cert_file(const char *path, X509 **arr, size_t *n)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	size_t before = *n;

	if (read_all(path, (size_t)1 << 20, &buf, &len) != 0) {
		return -1;
	}
	if (is_pem(buf, len)) {
		BIO *b = BIO_new_mem_buf(buf, (int)len);
		X509 *x = NULL;
		while (b != NULL && (x = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL) {
			if (*n >= MAX_SIG_INPUTS) {
				X509_free(x);
				break;
			}
			arr[(*n)++] = x;
		}
		BIO_free(b);
	} else {
		const unsigned char *p = buf;
		X509 *x = d2i_X509(NULL, &p, (long)len);
		if (x != NULL && p == buf + len && *n < MAX_SIG_INPUTS) {
			arr[(*n)++] = x;
		} else {
			X509_free(x);
		}
	}
	ERR_clear_error();
	uy_free(buf);
	if (*n == before) {
		fprintf(stderr, "uyum: %s: no certificate read (PEM or DER; at most %u)\n", path,
		        MAX_SIG_INPUTS);
		return -1;
	}
	return 0;
}

static int
has_cert_suffix(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot != NULL && (strcasecmp(dot, ".pem") == 0 || strcasecmp(dot, ".crt") == 0 ||
	                       strcasecmp(dot, ".cer") == 0 || strcasecmp(dot, ".der") == 0);
}

/* --trust FILE|DIR: a folder's certificate files in name order, not recursive. */
static int
load_trust(sig_cli *sc, const char *path)
{
	struct stat st;
	str_list files = {NULL, 0, 0};
	DIR *d = NULL;
	struct dirent *e = NULL;
	int rc = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "uyum: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		return load_cert_file(path, sc->anchors, &sc->n_anchors);
	}
	d = opendir(path);
	if (d == NULL) {
		fprintf(stderr, "uyum: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !has_cert_suffix(e->d_name)) {
			continue;
		}
		char *p = uy_asprintf("%s/%s", path, e->d_name);
		if (p == NULL || list_add(&files, p) != 0) {
			uy_free(p);
			rc = -1;
			break;
		}
		uy_free(p);
	}
	closedir(d);
	if (files.n > 1) {
		qsort(files.items, files.n, sizeof(*files.items), cmp_str);
	}
	for (size_t i = 0; rc == 0 && i < files.n; i++) {
		rc = load_cert_file(files.items[i], sc->anchors, &sc->n_anchors);
	}
	if (rc == 0 && files.n == 0) {
		fprintf(stderr, "uyum: %s: no certificate file (*.pem, *.crt, *.cer, *.der)\n", path);
		rc = -1;
	}
	list_free(&files);
	return rc;
}

/* --crl FILE: DER as is; PEM converted to DER. */
static int
load_crl(sig_cli *sc, const char *path)
{
	uint8_t *buf = NULL;
	size_t len = 0;

	if (sc->n_crls >= MAX_SIG_INPUTS) {
		fprintf(stderr, "uyum: more than %u CRLs\n", MAX_SIG_INPUTS);
		return -1;
	}
	if (read_all(path, (size_t)64 << 20, &buf, &len) != 0) {
		return -1;
	}
	if (is_pem(buf, len)) {
		BIO *b = BIO_new_mem_buf(buf, (int)len);
		X509_CRL *crl = b != NULL ? PEM_read_bio_X509_CRL(b, NULL, NULL, NULL) : NULL;
		unsigned char *der = NULL;
		int n = crl != NULL ? i2d_X509_CRL(crl, &der) : -1;
		BIO_free(b);
		X509_CRL_free(crl);
		uy_free(buf);
		buf = NULL;
		if (n > 0) {
			buf = uy_alloc((size_t)n);
			if (buf != NULL) {
				memcpy(buf, der, (size_t)n);
				len = (size_t)n;
			}
		}
		OPENSSL_free(der);
		ERR_clear_error();
		if (buf == NULL) {
			fprintf(stderr, "uyum: %s: not a PEM CRL\n", path);
			return -1;
		}
	}
	sc->crls[sc->n_crls++] = (uy_span){buf, len};
	return 0;
}

static int
load_ocsp(sig_cli *sc, const char *path)
{
	uint8_t *buf = NULL;
	size_t len = 0;

	if (sc->n_ocsp >= MAX_SIG_INPUTS) {
		fprintf(stderr, "uyum: more than %u OCSP responses\n", MAX_SIG_INPUTS);
		return -1;
	}
	if (read_all(path, (size_t)16 << 20, &buf, &len) != 0) {
		return -1;
	}
	sc->ocsp[sc->n_ocsp++] = (uy_span){buf, len};
	return 0;
}

/* Digits s[0..n) as a number; -1 if any is not a digit. */
static int64_t
digits(const char *s, size_t n)
{
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* RFC 3339 UTC "YYYY-MM-DDTHH:MM:SSZ" to seconds since 1970. */
static int
parse_rfc3339(const char *s, int64_t *out)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strlen(s) != 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
	    s[13] != ':' || s[16] != ':' || (s[19] != 'Z' && s[19] != 'z')) {
		return -1;
	}
	int64_t y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
	int64_t h = digits(s + 11, 2), mi = digits(s + 14, 2), se = digits(s + 17, 2);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || se < 0 || se > 59) {
		return -1;
	}
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo == 2 && d == 29 && !leap) {
		return -1;
	}
	/* Days from civil (H. Hinnant). */
	int64_t yy = y - (mo <= 2 ? 1 : 0);
	int64_t era = yy / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;
	*out = days * 86400 + h * 3600 + mi * 60 + se;
	return 0;
}

/* Handle one signature option. 1 handled, 0 not a signature option, -1 error. */
static int
sig_option(sig_cli *sc, int c, const char *arg)
{
	switch (c) {
	case OPT_TRUST:
		return load_trust(sc, arg) == 0 ? 1 : -1;
	case OPT_CERT:
		return load_cert_file(arg, sc->certs, &sc->n_certs) == 0 ? 1 : -1;
	case OPT_CRL:
		return load_crl(sc, arg) == 0 ? 1 : -1;
	case OPT_OCSP:
		return load_ocsp(sc, arg) == 0 ? 1 : -1;
	case OPT_AT:
		if (parse_rfc3339(arg, &sc->at) != 0) {
			fprintf(stderr, "uyum: --at takes an RFC 3339 UTC time such as "
			                "2027-06-01T12:00:00Z\n");
			return -1;
		}
		sc->has_at = 1;
		return 1;
	case OPT_IGNORE_GRACE:
		sc->ignore_grace = 1;
		return 1;
	case OPT_ONLINE:
		sc->online = 1;
		return 1;
	case OPT_CACHE:
		sc->cache = arg;
		return 1;
	case OPT_TIMEOUT: {
		int64_t v = strlen(arg) <= 9 ? digits(arg, strlen(arg)) : -1;
		if (v <= 0) {
			fprintf(stderr, "uyum: --timeout takes milliseconds (1 to 999999999)\n");
			return -1;
		}
		sc->timeout_ms = (long)v;
		return 1;
	}
	case OPT_CONTENT:
		sc->content = arg;
		return 1;
	case OPT_PROFILE:
		sc->profile = uy_profile_parse(arg);
		if (sc->profile == UY_PROFILE_NONE) {
			fprintf(stderr, "uyum: --profile takes P1, P2, P3 or P4\n");
			return -1;
		}
		return 1;
	case OPT_ROLE:
		if (strcmp(arg, "person") == 0) {
			sc->role = UY_SIGNER_PERSON;
		} else if (strcmp(arg, "seal") == 0) {
			sc->role = UY_SIGNER_SEAL;
		} else if (strcmp(arg, "any") == 0) {
			sc->role = UY_SIGNER_ANY;
		} else {
			fprintf(stderr, "uyum: --role takes person, seal or any\n");
			return -1;
		}
		return 1;
	default:
		return 0;
	}
}

/* After parsing: online set-up and the options structure. */
static int
sig_cli_finish(sig_cli *sc, uy_validate_options *vo)
{
	const uy_profile_options po = UY_PROFILE_OPTIONS_INIT;
	const uy_certprofile_options co = UY_CERTPROFILE_OPTIONS_INIT;

	if (!sc->online && (sc->cache != NULL || sc->timeout_ms != 0)) {
		fprintf(stderr, "uyum: --cache and --timeout need --online\n");
		return -1;
	}
	if (sc->online) {
		uy_online_options oo = UY_ONLINE_OPTIONS_INIT;
		if (sc->timeout_ms > 0) {
			oo.timeout_ms = sc->timeout_ms;
		}
		oo.cache_dir = sc->cache;
		uy_error_clear();
		uy_err e = uy_online_new(&sc->on, &oo);
		if (e != UY_OK) {
			fprintf(stderr, "uyum: --online: %s %s\n", uy_err_name(e), uy_error_last());
			return -1;
		}
		if (!sc->has_at) {
			/* The only clock read in uyum: online validation happens now. */
			sc->at = (int64_t)time(NULL);
			sc->has_at = 1;
		}
	}
	memset(vo, 0, sizeof(*vo));
	vo->version = UY_VALIDATE_OPTIONS_VERSION;
	vo->anchors = sc->anchors;
	vo->anchor_count = sc->n_anchors;
	vo->extra_certs = sc->certs;
	vo->extra_cert_count = sc->n_certs;
	vo->crls = sc->crls;
	vo->crl_count = sc->n_crls;
	vo->ocsp = sc->ocsp;
	vo->ocsp_count = sc->n_ocsp;
	vo->has_validation_time = sc->has_at;
	vo->validation_time = sc->at;
	vo->profile = sc->profile;
	vo->role = sc->role;
	vo->profile_opts = po;
	vo->profile_opts.ignore_grace = sc->ignore_grace;
	vo->cert_opts = co;
	vo->online = sc->on;
	return 0;
}

#define SIG_LONG_OPTIONS \
	{"trust", required_argument, NULL, OPT_TRUST}, \
	{"cert", required_argument, NULL, OPT_CERT}, \
	{"crl", required_argument, NULL, OPT_CRL}, \
	{"ocsp", required_argument, NULL, OPT_OCSP}, \
	{"at", required_argument, NULL, OPT_AT}, \
	{"ignore-grace", no_argument, NULL, OPT_IGNORE_GRACE}, \
	{"online", no_argument, NULL, OPT_ONLINE}, \
	{"cache", required_argument, NULL, OPT_CACHE}, \
	{"timeout", required_argument, NULL, OPT_TIMEOUT}

/* Hex SHA-256 and size of bytes, for the report header. */
static void
report_digest(uy_pkg_report *r, const uint8_t *p, size_t n)
{
	uint8_t dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;

	r->size = n;
	if (EVP_Digest(p, n, dig, &dlen, EVP_sha256(), NULL) != 1 || dlen != 32) {
		ERR_clear_error();
		r->sha256[0] = '\0';
		return;
	}
	for (unsigned int i = 0; i < dlen; i++) {
		snprintf(r->sha256 + 2 * i, 3, "%02x", dig[i]);
	}
}

/* One CAdES file into one report (kind ".p7s"). UY_OK: a verdict was given. */
static uy_err
verify_file(uy_pkg_report *r, const char *path, const uy_validate_options *vo,
            const uy_span *content)
{
	uy_err rc = UY_OK;
	uint8_t *buf = NULL;
	size_t len = 0;
	uy_validation *v = NULL;

	rc = uy_pkg_report_init(r, path);
	if (rc != UY_OK) {
		return rc;
	}
	snprintf(r->kind, sizeof(r->kind), ".p7s");
	if (read_all(path, (size_t)UY_MAX_SIGNATURE_PART, &buf, &len) != 0) {
		return UY_ERROR(UY_ERR_IO, "cannot read %s", path);
	}
	report_digest(r, buf, len);
	v = uy_calloc(1, sizeof(*v));	/* about 150 KiB */
	UY_ENSURE_OUT(v != NULL, UY_ERROR(UY_ERR_NOMEM, "validation result"));
	UY_TRY_OUT(uy_cades_validate(v, (uy_span){buf, len}, content, vo));
	{
		uy_ctx ctx = {.report = r, .scope = "", .depth = 0, .sig = NULL};
		UY_TRY_OUT(uy_cades_validation_record(&ctx, UY_LOC_NONE, UY_CK_CADES_VALIDATION, v));
	}
	UY_TRY_OUT(uy_pkg_report_finish(r));
done:
	uy_free(v);
	uy_free(buf);
	return rc;
}

/* `uyum check` (verify = 0) and `uyum verify` (verify = 1). */
static int
cmd_run(int argc, char **argv, int verify)
{
	static const struct option opts[] = {
	    {"report-dir", required_argument, NULL, 'o'},
	    {"format", required_argument, NULL, 'f'},
	    {"lang", required_argument, NULL, 'l'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    SIG_LONG_OPTIONS,
	    {"content", required_argument, NULL, OPT_CONTENT},
	    {"profile", required_argument, NULL, OPT_PROFILE},
	    {"role", required_argument, NULL, OPT_ROLE},
	    {NULL, 0, NULL, 0},
	};
	const char *cmd = verify ? "verify" : "check";
	const char *report_dir = "reports";
	unsigned formats = FMT_ALL;
	uy_lang lang = UY_LANG_TR;
	int quiet = 0;
	int c = 0;
	str_list inputs = {NULL, 0, 0};
	uy_pkg_report *reps = NULL;
	size_t n_reps = 0;
	int harness_error = 0;
	int exit_code = EXIT_ALL_PASSED;
	size_t counts[4] = {0, 0, 0, 0};
	sig_cli sc;
	uy_validate_options vo;
	uint8_t *content = NULL;
	size_t content_len = 0;
	uy_span content_span = {NULL, 0};

	memset(&sc, 0, sizeof(sc));
	while ((c = getopt_long(argc, argv, "o:f:l:qhV", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			report_dir = optarg;
			break;
		case 'f':
			if (parse_formats(optarg, &formats) != 0) {
				fprintf(stderr, "uyum: --format takes html,csv,junit,json or all\n");
				goto usage_error;
			}
			break;
		case 'l':
			if (strcmp(optarg, "tr") == 0) {
				lang = UY_LANG_TR;
			} else if (strcmp(optarg, "en") == 0) {
				lang = UY_LANG_EN;
			} else {
				fprintf(stderr, "uyum: --lang takes tr or en\n");
				goto usage_error;
			}
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			sig_cli_dispose(&sc);
			return EXIT_ALL_PASSED;
		case 'V':
			printf("uyum %s\n", UY_VERSION);
			sig_cli_dispose(&sc);
			return EXIT_ALL_PASSED;
		case OPT_CONTENT:
		case OPT_PROFILE:
		case OPT_ROLE:
			if (!verify) {
				/* A package says which content, profile and role each signature has. */
				fprintf(stderr, "uyum check: --content, --profile and --role are for "
				                "uyum verify\n");
				goto usage_error;
			}
			if (sig_option(&sc, c, optarg) < 0) {
				goto usage_error;
			}
			break;
		default: {
			int h = sig_option(&sc, c, optarg);
			if (h == 1) {
				break;
			}
			if (h == 0) {
				usage(stderr);
			}
			goto usage_error;
		}
		}
	}
	if (sig_cli_finish(&sc, &vo) != 0) {
		goto usage_error;
	}
	if (optind >= argc) {
		fprintf(stderr, "uyum %s: no %s given\n", cmd, verify ? "FILE" : "PATH");
		usage(stderr);
		goto usage_error;
	}
	if (sc.content != NULL) {
		if (read_all(sc.content, MAX_CONTENT_BYTES, &content, &content_len) != 0) {
			goto usage_error;
		}
		content_span = (uy_span){content != NULL ? content : (const uint8_t *)"", content_len};
	}
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "uyum: %s: %s\n", argv[i], strerror(errno));
			harness_error = 1;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (verify) {
				fprintf(stderr, "uyum verify: %s is a folder; give signature files\n",
				        argv[i]);
				harness_error = 1;
			} else if (collect_dir(&inputs, argv[i], 0) != 0) {
				harness_error = 1;
			}
		} else if (list_add(&inputs, argv[i]) != 0) {
			harness_error = 1;
		}
	}
	if (inputs.n == 0) {
		fprintf(stderr, "uyum %s: no %s found\n", cmd, verify ? "file" : "package");
		goto usage_error;
	}
	reps = uy_calloc(inputs.n, sizeof(*reps));
	if (reps == NULL) {
		goto usage_error;
	}
	for (size_t i = 0; i < inputs.n; i++) {
		uy_pkg_report *r = &reps[n_reps];
		uy_error_clear();
		uy_err e = verify ? verify_file(r, inputs.items[i], &vo,
		                                sc.content != NULL ? &content_span : NULL)
		                  : uy_eyp_check_file_with(r, inputs.items[i], &vo);
		if (e != UY_OK) {
			fprintf(stderr, "uyum: %s: harness error %s %s\n", inputs.items[i], uy_err_name(e),
			    uy_error_last());
			uy_pkg_report_dispose(r);
			harness_error = 1;
			continue;
		}
		n_reps++;
		counts[r->verdict]++;
		if (!quiet && inputs.n > 1) {
			fprintf(stderr, "[%zu/%zu] %s: %s\n", i + 1, inputs.n, inputs.items[i],
			    uy_verdict_name(r->verdict));
		}
	}
	{
		uy_run run = {reps, n_reps, lang, UY_VERSION};
		if (n_reps > 0 && write_reports(&run, report_dir, formats, quiet) != 0) {
			harness_error = 1;
		}
	}
	if (!quiet) {
		fprintf(stderr, "uyum: %zu %s: %zu PASSED, %zu FAILED, %zu INDETERMINATE\n", n_reps,
		    verify ? "file(s)" : "package(s)", counts[UY_VERDICT_PASSED],
		    counts[UY_VERDICT_FAILED], counts[UY_VERDICT_INDETERMINATE]);
	}
	if (harness_error) {
		exit_code = EXIT_HARNESS;
	} else if (counts[UY_VERDICT_FAILED] > 0) {
		exit_code = EXIT_FAILED;
	} else if (counts[UY_VERDICT_INDETERMINATE] > 0) {
		exit_code = EXIT_INDETERMINATE;
	}
	for (size_t i = 0; i < n_reps; i++) {
		uy_pkg_report_dispose(&reps[i]);
	}
	uy_free(reps);
	uy_free(content);
	list_free(&inputs);
	sig_cli_dispose(&sc);
	return exit_code;

usage_error:
	uy_free(content);
	list_free(&inputs);
	sig_cli_dispose(&sc);
	return EXIT_HARNESS;
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return EXIT_ALL_PASSED;
	}
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		printf("uyum %s\n", UY_VERSION);
		return EXIT_ALL_PASSED;
	}
	if (argc >= 2 && strcmp(argv[1], "check") == 0) {
		return cmd_run(argc - 1, argv + 1, 0);
	}
	if (argc >= 2 && strcmp(argv[1], "verify") == 0) {
		return cmd_run(argc - 1, argv + 1, 1);
	}
	usage(stderr);
	return EXIT_HARNESS;
}
