/*
 * bench_verify.c - how much validating one CAdES signature costs beyond the
 * cryptography it needs (issue 4: "validating one P4 signature with
 * embedded data costs little beyond its cryptography").
 *
 * Usage: uy-bench-verify [--iterations N] SIGNATURE.p7s ANCHOR.pem [ANCHOR.pem...] --at TIME
 *
 * Two measurements over N runs each, wall time from CLOCK_MONOTONIC (this is
 * a benchmark, not a test: nothing here is a verdict):
 * 1. uyum: uy_cades_validate() on the file, everything embedded.
 * 2. the floor: what any validator must do on the same file, made directly
 *    with OpenSSL: decode every object once (the signature, each time-stamp
 *    token, each certificate, CRL and OCSP response: under OpenSSL 3.0 the
 *    decoding of public keys is a large share), then the signer's
 *    SignerInfo (CMS_verify without certificate checks, which hashes the
 *    content and verifies the signature), each time-stamp token likewise,
 *    every certificate's signature with its issuer's key (the anchors'
 *    self-signatures included, as uyum checks them), every CRL's signature,
 *    every OCSP response's signature.
 * It prints both, per validation, and the ratio.
 */
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "uyum/uyum.h"
#include "uyum/uy_ltv.h"
#include "uyum/uy_validate.h"

#define MAX_OBJS 64

/* The DER of every object, decoded anew in each floor pass. */
typedef struct {
	uy_span cms[MAX_OBJS];
	size_t n_cms;
	uy_span certs[MAX_OBJS];
	size_t n_certs;
	uy_span crls[MAX_OBJS];
	size_t n_crls;
	uy_span ocsp[MAX_OBJS];
	size_t n_ocsp;
} floor_der;

typedef struct {
	X509 *certs[MAX_OBJS];
	size_t n_certs;
	X509_CRL *crls[MAX_OBJS];
	size_t n_crls;
	OCSP_BASICRESP *ocsp[MAX_OBJS];
	size_t n_ocsp;
	CMS_ContentInfo *cms[MAX_OBJS];	/* the signature and its time-stamp tokens */
	size_t n_cms;
} floor_set;

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		return NULL;
	}
	unsigned char *buf = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (*len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			unsigned char *p = realloc(buf, cap);
			if (p == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		size_t n = fread(buf + *len, 1, cap - *len, f);
		if (n == 0) {
			break;
		}
		*len += n;
	}
	fclose(f);
	return buf;
}

static X509 *
load_cert(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		return NULL;
	}
	X509 *x = PEM_read_X509(f, NULL, NULL, NULL);
	if (x == NULL) {
		rewind(f);
		x = d2i_X509_fp(f, NULL);
	}
	fclose(f);
	return x;
}

static void
add_cert(floor_set *fs, X509 *x)
{
	for (size_t i = 0; i < fs->n_certs; i++) {
		if (X509_cmp(fs->certs[i], x) == 0) {
			return;
		}
	}
	if (fs->n_certs < MAX_OBJS && X509_up_ref(x) == 1) {
		fs->certs[fs->n_certs++] = x;
	}
}

/* Collect a CMS's certificates and CRLs, and recurse into the attribute values of its signers. */
static void
collect(floor_set *fs, floor_der *fd, const unsigned char *der, size_t len, unsigned depth)
{
	if (fd->n_cms < MAX_OBJS) {
		fd->cms[fd->n_cms++] = (uy_span){der, len};
	}
	const unsigned char *p = der;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)len);
	if (cms == NULL || fs->n_cms >= MAX_OBJS || depth > 3) {
		CMS_ContentInfo_free(cms);
		return;
	}
	fs->cms[fs->n_cms++] = cms;
	STACK_OF(X509) *certs = CMS_get1_certs(cms);
	for (int i = 0; i < sk_X509_num(certs); i++) {
		add_cert(fs, sk_X509_value(certs, i));
	}
	sk_X509_pop_free(certs, X509_free);
	STACK_OF(X509_CRL) *crls = CMS_get1_crls(cms);
	for (int i = 0; i < sk_X509_CRL_num(crls) && fs->n_crls < MAX_OBJS; i++) {
		X509_CRL *c = sk_X509_CRL_value(crls, i);
		if (X509_CRL_up_ref(c) == 1) {
			fs->crls[fs->n_crls++] = c;
		}
	}
	sk_X509_CRL_pop_free(crls, X509_CRL_free);
	/* Unsigned attributes with the uyum parser: tokens, values. */
	for (size_t si = 0; si < 4; si++) {
		uy_ltv_signer s;
		if (uy_ltv_parse_signer(&s, (uy_span){der, len}, si) != UY_OK) {
			break;
		}
		uy_ltv_xl xl;
		if (uy_ltv_parse_xl(&xl, &s) == UY_OK) {
			for (size_t i = 0; i < xl.cert_value_count; i++) {
				if (fd->n_certs < MAX_OBJS) {
					fd->certs[fd->n_certs++] = xl.cert_values[i];
				}
				const unsigned char *q = xl.cert_values[i].ptr;
				X509 *x = d2i_X509(NULL, &q, (long)xl.cert_values[i].len);
				if (x != NULL) {
					add_cert(fs, x);
					X509_free(x);
				}
			}
			for (size_t i = 0; i < xl.crl_value_count && fs->n_crls < MAX_OBJS; i++) {
				fd->crls[fd->n_crls++] = xl.crl_values[i];
				const unsigned char *q = xl.crl_values[i].ptr;
				X509_CRL *c = d2i_X509_CRL(NULL, &q, (long)xl.crl_values[i].len);
				if (c != NULL) {
					fs->crls[fs->n_crls++] = c;
				}
			}
			for (size_t i = 0; i < xl.ocsp_value_count && fs->n_ocsp < MAX_OBJS; i++) {
				fd->ocsp[fd->n_ocsp++] = xl.ocsp_values[i];
				const unsigned char *q = xl.ocsp_values[i].ptr;
				OCSP_BASICRESP *b = d2i_OCSP_BASICRESP(NULL, &q, (long)xl.ocsp_values[i].len);
				if (b != NULL) {
					fs->ocsp[fs->n_ocsp++] = b;
				}
			}
		}
		for (size_t a = 0; a < s.unsigned_count; a++) {
			const uy_ltv_attr *at = &s.unsigned_attrs[a];
			int tst = at->nid == NID_id_smime_aa_timeStampToken ||
			          at->nid == NID_id_smime_aa_ets_escTimeStamp ||
			          at->nid == uy_ltv_nid("1.2.840.113549.1.9.16.2.48") ||
			          at->nid == uy_ltv_nid("0.4.0.1733.2.4");
			if (tst && at->first_value.len > 0) {
				collect(fs, fd, at->first_value.ptr, at->first_value.len, depth + 1);
			}
		}
	}
	ERR_clear_error();
}

static X509 *
issuer_of(const floor_set *fs, X509 *x)
{
	for (size_t i = 0; i < fs->n_certs; i++) {
		if (X509_check_issued(fs->certs[i], x) == X509_V_OK) {
			return fs->certs[i];
		}
	}
	return NULL;
}

/* Decode every object once, as any validator must; returns the objects decoded. */
static unsigned
decode_once(const floor_der *fd)
{
	unsigned n = 0;
	for (size_t i = 0; i < fd->n_cms; i++) {
		const unsigned char *p = fd->cms[i].ptr;
		CMS_ContentInfo *c = d2i_CMS_ContentInfo(NULL, &p, (long)fd->cms[i].len);
		n += c != NULL;
		CMS_ContentInfo_free(c);
	}
	for (size_t i = 0; i < fd->n_certs; i++) {
		const unsigned char *p = fd->certs[i].ptr;
		X509 *x = d2i_X509(NULL, &p, (long)fd->certs[i].len);
		n += x != NULL;
		X509_free(x);
	}
	for (size_t i = 0; i < fd->n_crls; i++) {
		const unsigned char *p = fd->crls[i].ptr;
		X509_CRL *c = d2i_X509_CRL(NULL, &p, (long)fd->crls[i].len);
		n += c != NULL;
		X509_CRL_free(c);
	}
	for (size_t i = 0; i < fd->n_ocsp; i++) {
		const unsigned char *p = fd->ocsp[i].ptr;
		OCSP_BASICRESP *b = d2i_OCSP_BASICRESP(NULL, &p, (long)fd->ocsp[i].len);
		n += b != NULL;
		OCSP_BASICRESP_free(b);
	}
	return n;
}

/* One pass of the cryptographic floor; returns the number of operations. */
static unsigned
floor_once(const floor_set *fs, const floor_der *fd)
{
	unsigned ops = decode_once(fd);
	for (size_t i = 0; i < fs->n_cms; i++) {
		BIO *out = BIO_new(BIO_s_null());
		ops += CMS_verify(fs->cms[i], NULL, NULL, NULL, out,
		                  CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1;
		BIO_free(out);
	}
	for (size_t i = 0; i < fs->n_certs; i++) {
		X509 *is = issuer_of(fs, fs->certs[i]);
		if (is != NULL) {
			ops += X509_verify(fs->certs[i], X509_get0_pubkey(is)) == 1;
		}
	}
	for (size_t i = 0; i < fs->n_crls; i++) {
		for (size_t j = 0; j < fs->n_certs; j++) {
			if (X509_NAME_cmp(X509_CRL_get_issuer(fs->crls[i]),
			                  X509_get_subject_name(fs->certs[j])) == 0) {
				ops += X509_CRL_verify(fs->crls[i], X509_get0_pubkey(fs->certs[j])) == 1;
				break;
			}
		}
	}
	STACK_OF(X509) *sk = sk_X509_new_null();
	for (size_t i = 0; i < fs->n_certs; i++) {
		sk_X509_push(sk, fs->certs[i]);
	}
	for (size_t i = 0; i < fs->n_ocsp; i++) {
		ops += OCSP_basic_verify(fs->ocsp[i], sk, NULL, OCSP_NOVERIFY) == 1;
	}
	sk_X509_free(sk);
	ERR_clear_error();
	return ops;
}

static int
parse_time(const char *s, int64_t *out)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	           &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
		return 0;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = (int64_t)timegm(&tm);
	return 1;
}

int
main(int argc, char **argv)
{
	long iterations = 200;
	const char *sig_path = NULL;
	const char *at = NULL;
	X509 *anchors[8];
	size_t n_anchors = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--iterations") == 0 && i + 1 < argc) {
			iterations = strtol(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
			at = argv[++i];
		} else if (sig_path == NULL) {
			sig_path = argv[i];
		} else if (n_anchors < 8) {
			anchors[n_anchors] = load_cert(argv[i]);
			if (anchors[n_anchors] == NULL) {
				fprintf(stderr, "cannot read anchor %s\n", argv[i]);
				return 2;
			}
			n_anchors++;
		}
	}
	int64_t t = 0;
	if (sig_path == NULL || n_anchors == 0 || at == NULL || !parse_time(at, &t) ||
	    iterations < 1) {
		fprintf(stderr, "usage: uy-bench-verify [--iterations N] SIG.p7s ANCHOR.pem... "
		                "--at YYYY-MM-DDTHH:MM:SSZ\n");
		return 2;
	}
	size_t len = 0;
	unsigned char *der = slurp(sig_path, &len);
	if (der == NULL) {
		fprintf(stderr, "cannot read %s\n", sig_path);
		return 2;
	}
	uy_validate_options o;
	memset(&o, 0, sizeof(o));
	o.version = UY_VALIDATE_OPTIONS_VERSION;
	o.anchors = anchors;
	o.anchor_count = n_anchors;
	o.has_validation_time = 1;
	o.validation_time = t;
	o.role = UY_SIGNER_PERSON;
	o.profile_opts = (uy_profile_options)UY_PROFILE_OPTIONS_INIT;
	o.cert_opts = (uy_certprofile_options)UY_CERTPROFILE_OPTIONS_INIT;
	uy_validation *v = calloc(1, sizeof(*v));
	if (v == NULL) {
		return 2;
	}
	/* Warm-up and the verdict being measured. */
	if (uy_cades_validate(v, (uy_span){der, len}, NULL, &o) != UY_OK) {
		fprintf(stderr, "uy_cades_validate failed: %s\n", uy_error_last());
		return 2;
	}
	printf("file: %s (%zu bytes)\nverdict: %s%s%s (%zu signature(s))\n", sig_path, len,
	       uy_indication_name(v->verdict.indication), v->verdict.sub != UY_SUB_NONE ? " / " : "",
	       uy_subindication_name(v->verdict.sub), v->count);
	double t0 = now_s();
	for (long i = 0; i < iterations; i++) {
		if (uy_cades_validate(v, (uy_span){der, len}, NULL, &o) != UY_OK) {
			return 2;
		}
	}
	double uy = (now_s() - t0) / (double)iterations;

	floor_set fs;
	floor_der fd;
	memset(&fs, 0, sizeof(fs));
	memset(&fd, 0, sizeof(fd));
	collect(&fs, &fd, der, len, 0);
	for (size_t i = 0; i < n_anchors; i++) {
		add_cert(&fs, anchors[i]);
	}
	unsigned decoded = decode_once(&fd);
	unsigned ops = floor_once(&fs, &fd) - decoded;
	t0 = now_s();
	for (long i = 0; i < iterations; i++) {
		(void)floor_once(&fs, &fd);
	}
	double fl = (now_s() - t0) / (double)iterations;
	printf("objects: %zu CMS (signature + time-stamp tokens), %zu certificates, %zu CRLs, "
	       "%zu OCSP responses; the floor decodes %u objects and makes %u verifications\n",
	       fs.n_cms, fs.n_certs, fs.n_crls, fs.n_ocsp, decoded, ops);
	printf("uyum uy_cades_validate:   %8.1f us per validation (%ld runs)\n", uy * 1e6,
	       iterations);
	printf("cryptographic floor:      %8.1f us per validation\n", fl * 1e6);
	printf("ratio uyum / floor:       %8.2f\n", fl > 0 ? uy / fl : 0.0);
	for (size_t i = 0; i < fs.n_cms; i++) {
		CMS_ContentInfo_free(fs.cms[i]);
	}
	for (size_t i = 0; i < fs.n_certs; i++) {
		X509_free(fs.certs[i]);
	}
	for (size_t i = 0; i < fs.n_crls; i++) {
		X509_CRL_free(fs.crls[i]);
	}
	for (size_t i = 0; i < fs.n_ocsp; i++) {
		OCSP_BASICRESP_free(fs.ocsp[i]);
	}
	for (size_t i = 0; i < n_anchors; i++) {
		X509_free(anchors[i]);
	}
	free(v);
	free(der);
	return 0;
}
