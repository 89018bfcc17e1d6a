/*
 * tst.c - RFC 3161 time-stamp token validation building block (uy_tst.h).
 *
 * OpenSSL decodes the token (once) and does the cryptography; the signature
 * level of the token's SignerInfo is uy_cades_check_signature() (strict DER,
 * content-type, message-digest, ESS, signature; run on our decoding through
 * uy_cades__check_signature_ex), the TSA path is uy_path_validate().
 * This file adds what is specific to time-stamps: the TSTInfo, the imprint,
 * the TSA certificate's extendedKeyUsage, and the TSA certificate lookup when
 * the token does not carry it. Never reads the clock: genTime is converted by
 * our own code.
 */
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>

#include "uyum/uy_cades.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_tst.h"

#include "cades_int.h"

#define CL_FORMAT "RFC 3161 §2.4.2; RFC 5652 §5.1, §5.3"
#define CL_SIGNATURE "RFC 3161 §2.4.1; RFC 5816 §2.2; ETSI EN 319 102-1 §5.4"
#define CL_IMPRINT "RFC 3161 §2.4.2; ETSI EN 319 102-1 §5.4"
#define CL_EKU "RFC 3161 §2.3"
#define CL_PATH "ETSI EN 319 102-1 §5.4, §5.2.6"

/* Every reason of this block starts with this. */
#define TST_PREFIX "time-stamp token: "

/* ------------------------------------------------------------------ */
/* Small helpers. */

/* Record a failure with TST_PREFIX in front of the reason. */
static void
tst_fail(uy_verdict *v, uy_indication ind, uy_subindication sub, const char *what,
         const char *clause)
{
	char msg[UY_VERDICT_REASON_MAX + sizeof(TST_PREFIX)];	/* uy_verdict_set cuts it */
	size_t n = strlen(what);

	/* Cut by hand (a reason longer than the verdict holds is cut anyway). */
	if (n > sizeof(msg) - sizeof(TST_PREFIX)) {
		n = sizeof(msg) - sizeof(TST_PREFIX);
	}
	memcpy(msg, TST_PREFIX, sizeof(TST_PREFIX) - 1);
	memcpy(msg + sizeof(TST_PREFIX) - 1, what, n);
	msg[sizeof(TST_PREFIX) - 1 + n] = '\0';
	uy_verdict_set(v, ind, sub, msg, clause);
}

/* Copy a C string into dst[cap], cut to fit. */
static void
tst_copy(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n > cap - 1) {
		n = cap - 1;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Upper-case hex of an INTEGER's magnitude, "-" first when negative; cut to fit. */
static void
tst_serial_hex(const ASN1_INTEGER *serial, char *dst, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t k = 0;

	dst[0] = '\0';
	if (serial == NULL) {
		return;
	}
	if (ASN1_STRING_type(serial) == V_ASN1_NEG_INTEGER && k + 1 < cap) {
		dst[k++] = '-';
	}
	const unsigned char *p = ASN1_STRING_get0_data(serial);
	int n = ASN1_STRING_length(serial);
	for (int i = 0; i < n && k + 2 < cap; i++) {
		dst[k++] = hex[p[i] >> 4];
		dst[k++] = hex[p[i] & 0x0f];
	}
	if (n == 0 && k + 1 < cap) {
		dst[k++] = '0';
	}
	dst[k] = '\0';
}

/* Two decimal digits at s, or -1. */
static int
tst_two_digits(const unsigned char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') {
		return -1;
	}
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * genTime to UTC seconds, fractions dropped: 1 if it is a DER
 * GeneralizedTime (YYYYMMDDHHMMSS[.f*]Z, no trailing zero in the fraction,
 * X.690 §11.7; RFC 3161 §2.4.2), 0 if not. No timegm(), no clock.
 */
static int
tst_gen_time(const ASN1_GENERALIZEDTIME *gt, int64_t *out)
{
	if (gt == NULL || ASN1_STRING_type(gt) != V_ASN1_GENERALIZEDTIME) {
		return 0;
	}
	const unsigned char *s = ASN1_STRING_get0_data(gt);
	int len = ASN1_STRING_length(gt);
	if (s == NULL || len < 15 || s[len - 1] != 'Z') {
		return 0;
	}
	int f[7];
	for (int i = 0; i < 7; i++) {	/* CC YY MM DD hh mm ss */
		f[i] = tst_two_digits(s + 2 * i);
		if (f[i] < 0) {
			return 0;
		}
	}
	if (len > 15) {	/* a fraction: '.', at least one digit, last not '0' */
		if (s[14] != '.' || len < 17 || s[len - 2] == '0') {
			return 0;
		}
		for (int i = 15; i < len - 1; i++) {
			if (s[i] < '0' || s[i] > '9') {
				return 0;
			}
		}
	}
	int64_t year = f[0] * 100 + f[1];
	int mon = f[2];
	int day = f[3];
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (mon < 1 || mon > 12 || day < 1 || day > mdays[mon - 1] || f[4] > 23 || f[5] > 59 ||
	    f[6] > 59) {
		return 0;
	}
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (mon == 2 && day == 29 && !leap) {
		return 0;
	}
	/* Days from civil (proleptic Gregorian). */
	int64_t y = year - (mon <= 2 ? 1 : 0);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;
	*out = days * 86400 + f[4] * 3600 + f[5] * 60 + f[6];
	return 1;
}

/*
 * One DER TLV header at p[*off] inside p[0..end): low tag numbers and definite
 * lengths only. On success *off is past the header and the content fits.
 */
static int
tst_der_header(const uint8_t *p, size_t end, size_t *off, uint8_t *tag, size_t *clen)
{
	size_t i = *off;
	if (end < 2 || i > end - 2 || (p[i] & 0x1f) == 0x1f) {
		return 0;
	}
	*tag = p[i++];
	size_t n = p[i++];
	if (n & 0x80) {
		size_t k = n & 0x7f;
		if (k == 0 || k > 4 || k > end - i) {
			return 0;
		}
		n = 0;
		while (k-- > 0) {
			n = (n << 8) | p[i++];
		}
	}
	if (n > end - i) {
		return 0;
	}
	*off = i;
	*clen = n;
	return 1;
}

/* Hash AlgorithmIdentifier parameters: absent or NULL (RFC 5754 §2). */
static int
tst_hash_params_ok(const X509_ALGOR *alg)
{
	int ptype = V_ASN1_UNDEF;
	X509_ALGOR_get0(NULL, &ptype, NULL, alg);
	return ptype == V_ASN1_UNDEF || ptype == V_ASN1_NULL;
}

/*
 * What OpenSSL decodes but never checks, in the token's SignedData
 * (RFC 5652 §5.1, §5.3) - the fields no signature covers:
 * - SignedData.version: for an eContentType other than id-data, 3, or 4
 *   with v2 attribute certificates, or 5 with "other" certificate or CRL
 *   formats;
 * - digestAlgorithms: each element the digest algorithm of the (only)
 *   signer, with absent or NULL parameters;
 * - SignerInfo.version: 1 with issuerAndSerialNumber, 3 with
 *   subjectKeyIdentifier.
 * der is the token, already decoded by OpenSSL as a ContentInfo holding
 * SignedData with one SignerInfo si. Returns NULL when right, else the
 * reason.
 */
static const char *
tst_check_structure(uy_span der, CMS_SignerInfo *si)
{
	static const char *unreadable = "SignedData cannot be read";
	const uint8_t *p = der.ptr;
	size_t off = 0;
	size_t len = 0;
	uint8_t tag = 0;
	X509_ALGOR *si_md = NULL;

	CMS_SignerInfo_get0_algs(si, NULL, NULL, &si_md, NULL);
	/* ContentInfo SEQUENCE { contentType OID, [0] EXPLICIT SignedData SEQUENCE { version */
	if (!tst_der_header(p, der.len, &off, &tag, &len) || tag != 0x30 ||
	    !tst_der_header(p, der.len, &off, &tag, &len) || tag != 0x06) {
		return unreadable;
	}
	off += len;
	if (!tst_der_header(p, der.len, &off, &tag, &len) || tag != 0xa0 ||
	    !tst_der_header(p, der.len, &off, &tag, &len) || tag != 0x30) {
		return unreadable;
	}
	size_t end = off + len;
	if (!tst_der_header(p, end, &off, &tag, &len) || tag != 0x02 || len != 1) {
		return "SignedData version is not a small INTEGER";
	}
	unsigned version = p[off];
	off += len;

	/* digestAlgorithms SET OF AlgorithmIdentifier */
	if (!tst_der_header(p, end, &off, &tag, &len) || tag != 0x31) {
		return unreadable;
	}
	size_t set_end = off + len;
	while (off < set_end) {	/* each step passes a header of 2 bytes or more */
		size_t start = off;
		size_t elen = 0;
		if (!tst_der_header(p, set_end, &off, &tag, &elen) || tag != 0x30) {
			return unreadable;
		}
		off += elen;
		const unsigned char *q = p + start;
		X509_ALGOR *a = d2i_X509_ALGOR(NULL, &q, (long)(off - start));
		int ok = a != NULL && q == p + off && si_md != NULL &&
		         OBJ_cmp(a->algorithm, si_md->algorithm) == 0 && tst_hash_params_ok(a);
		X509_ALGOR_free(a);
		ERR_clear_error();
		/* *= RFC 5652 §5.1
		 *# Each element identifies the message digest algorithm, along with any
		 *# associated parameters, used by one or more signer. */
		if (!ok) {
			return "digestAlgorithms lists an algorithm the signer does not use";
		}
	}

	/* encapContentInfo SEQUENCE */
	if (!tst_der_header(p, end, &off, &tag, &len) || tag != 0x30) {
		return unreadable;
	}
	off += len;
	unsigned want = 3;	/* eContentType is id-ct-TSTInfo, not id-data */
	/* certificates [0] IMPLICIT CertificateSet, crls [1] IMPLICIT RevocationInfoChoices */
	for (uint8_t field = 0xa0; field <= 0xa1; field++) {
		if (off >= end || p[off] != field) {
			continue;
		}
		if (!tst_der_header(p, end, &off, &tag, &len)) {
			return unreadable;
		}
		set_end = off + len;
		while (off < set_end) {
			size_t elen = 0;
			if (!tst_der_header(p, set_end, &off, &tag, &elen)) {
				return unreadable;
			}
			off += elen;
			if ((field == 0xa0 && tag == 0xa3) || (field == 0xa1 && tag == 0xa1)) {
				want = 5;	/* other certificate or revocation formats */
			} else if (field == 0xa0 && tag == 0xa2 && want < 4) {
				want = 4;	/* v2 attribute certificates */
			}
		}
	}
	/* *= RFC 5652 §5.1
	 *# ELSE IF ((certificates is present) AND
	 *#    (any version 1 attribute certificates are present)) OR
	 *#    (any SignerInfo structures are version 3) OR
	 *#    (encapContentInfo eContentType is other than id-data)
	 *#    THEN version MUST be 3 */
	if (version != want) {
		return "SignedData version is not the one RFC 5652 §5.1 requires";
	}

	/* signerInfos SET { SignerInfo SEQUENCE { version, sid ... */
	if (!tst_der_header(p, end, &off, &tag, &len) || tag != 0x31 ||
	    !tst_der_header(p, end, &off, &tag, &len) || tag != 0x30 ||
	    !tst_der_header(p, end, &off, &tag, &len) || tag != 0x02 || len != 1) {
		return unreadable;
	}
	unsigned si_version = p[off];
	off += len;
	if (off >= end) {
		return unreadable;
	}
	/* *= RFC 5652 §5.3
	 *# If the SignerIdentifier is issuerAndSerialNumber, then the version
	 *# MUST be 1.  If the SignerIdentifier is subjectKeyIdentifier, then the
	 *# version MUST be 3. */
	unsigned si_want = p[off] == 0x30 ? 1u : p[off] == 0x80 ? 3u : 0u;
	if (si_want == 0 || si_version != si_want) {
		return "SignerInfo version does not match its sid (RFC 5652 §5.3)";
	}
	return NULL;
}

/*
 * Parameters OpenSSL ignores: hash algorithms absent or NULL (RFC 5754 §2);
 * RSA PKCS#1 v1.5 signature algorithms NULL (RFC 4055 §5; RFC 3370 §3.2).
 */
static const char *
tst_check_alg_params(CMS_SignerInfo *si, TS_TST_INFO *info)
{
	X509_ALGOR *md = NULL;
	X509_ALGOR *sig = NULL;

	CMS_SignerInfo_get0_algs(si, NULL, NULL, &md, &sig);
	if (md == NULL || !tst_hash_params_ok(md)) {
		return "SignerInfo digestAlgorithm parameters are not absent or NULL";
	}
	TS_MSG_IMPRINT *mi = TS_TST_INFO_get_msg_imprint(info);
	X509_ALGOR *imd = mi != NULL ? TS_MSG_IMPRINT_get_algo(mi) : NULL;
	if (imd == NULL || !tst_hash_params_ok(imd)) {
		return "messageImprint hashAlgorithm parameters are not absent or NULL";
	}
	if (sig == NULL) {
		return "SignerInfo has no signatureAlgorithm";
	}
	switch (OBJ_obj2nid(sig->algorithm)) {
	case NID_rsaEncryption:
	case NID_sha1WithRSAEncryption:
	case NID_sha224WithRSAEncryption:
	case NID_sha256WithRSAEncryption:
	case NID_sha384WithRSAEncryption:
	case NID_sha512WithRSAEncryption: {
		int ptype = V_ASN1_UNDEF;
		X509_ALGOR_get0(NULL, &ptype, NULL, sig);
		if (ptype != V_ASN1_NULL) {
			return "RSA signatureAlgorithm parameters are not NULL";
		}
		break;
	}
	default:
		break;
	}
	return NULL;
}

/*
 * RFC 3161 §2.3: "The corresponding certificate MUST contain only one
 * instance of the extended key usage field extension ... with KeyPurposeID
 * having value: id-kp-timeStamping. This extension MUST be critical."
 * Returns NULL when satisfied, else the reason.
 */
static const char *
tst_eku_problem(X509 *cert)
{
	const char *why = NULL;
	int pos = X509_get_ext_by_NID(cert, NID_ext_key_usage, -1);
	if (pos < 0) {
		return "TSA certificate has no extendedKeyUsage";
	}
	if (X509_get_ext_by_NID(cert, NID_ext_key_usage, pos) >= 0) {
		return "TSA certificate has extendedKeyUsage twice";
	}
	X509_EXTENSION *ext = X509_get_ext(cert, pos);
	if (ext == NULL || X509_EXTENSION_get_critical(ext) != 1) {
		return "TSA certificate extendedKeyUsage is not critical";
	}
	EXTENDED_KEY_USAGE *eku = X509V3_EXT_d2i(ext);
	if (eku == NULL) {
		ERR_clear_error();
		return "TSA certificate extendedKeyUsage cannot be decoded";
	}
	if (sk_ASN1_OBJECT_num(eku) != 1 ||
	    OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, 0)) != NID_time_stamp) {
		why = "TSA certificate extendedKeyUsage is not id-kp-timeStamping only";
	}
	sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
	return why;
}

/* The certificate of the SignerInfo's sid in certs, or NULL. Borrowed. */
static X509 *
tst_find_signer(CMS_SignerInfo *si, STACK_OF(X509) *certs)
{
	for (int i = 0; i < sk_X509_num(certs); i++) {
		X509 *x = sk_X509_value(certs, i);
		if (x != NULL && CMS_SignerInfo_cert_cmp(si, x) == 0) {
			return x;
		}
	}
	return NULL;
}

/* Same for a caller's array. */
static X509 *
tst_find_signer_in(CMS_SignerInfo *si, X509 *const *certs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (certs[i] != NULL && CMS_SignerInfo_cert_cmp(si, certs[i]) == 0) {
			return certs[i];
		}
	}
	return NULL;
}

/*
 * The path report borrows its certificates from the inputs; those that came
 * from the token die with it. Point them at an equal caller certificate, or
 * NULL when the caller has none.
 */
static void
tst_rebase_path_certs(uy_path_report *rep, STACK_OF(X509) *token_certs,
                      const uy_path_inputs *in)
{
	for (size_t i = 0; i < rep->depth && i < UY_PATH_MAX_DEPTH; i++) {
		X509 *c = rep->certs[i].cert;
		int from_token = 0;
		for (int k = 0; c != NULL && k < sk_X509_num(token_certs); k++) {
			if (sk_X509_value(token_certs, k) == c) {
				from_token = 1;
				break;
			}
		}
		if (!from_token) {
			continue;
		}
		X509 *same = NULL;
		for (size_t k = 0; same == NULL && k < in->untrusted_count; k++) {
			if (in->untrusted[k] != NULL && X509_cmp(in->untrusted[k], c) == 0) {
				same = in->untrusted[k];
			}
		}
		for (size_t k = 0; same == NULL && k < in->anchor_count; k++) {
			if (in->anchors[k] != NULL && X509_cmp(in->anchors[k], c) == 0) {
				same = in->anchors[k];
			}
		}
		rep->certs[i].cert = same;
	}
}

/* ------------------------------------------------------------------ */
/* Steps. */

/*
 * Step 2: the token's SignerInfo at the signature level. When the token does
 * not carry the TSA certificate but the caller's untrusted certificates do,
 * the block is run on the token with that certificate added to
 * SignedData.certificates (which no signature covers), so that the ESS,
 * digest and signature checks are exactly those of uy_cades_check_signature.
 * *tsa_out: the TSA certificate (borrowed from certs or in->untrusted) or NULL.
 */
static uy_err
tst_check_signature(uy_verdict *v, X509 **tsa_out, CMS_ContentInfo *cms, CMS_SignerInfo *si,
                    STACK_OF(X509) *certs, uy_span token, const uy_path_inputs *pin)
{
	uy_err rc = UY_OK;
	unsigned char *re = NULL;
	uy_cades_sig_report rep;
	uy_verdict sv = UY_VERDICT_UNSET;
	uy_span der = token;

	memset(&rep, 0, sizeof(rep));
	*tsa_out = tst_find_signer(si, certs);
	if (*tsa_out == NULL) {
		*tsa_out = tst_find_signer_in(si, pin->untrusted, pin->untrusted_count);
		if (*tsa_out != NULL) {
			/* The original must be strict DER before we re-encode it. */
			UY_TRY_OUT(uy_cades__check_signature_ex(&sv, &rep, token, cms, NULL, NULL,
			                                        NULL));
			if (rep.signer_count == 0) {
				goto verdict;	/* FORMAT_FAILURE of the whole token */
			}
			sv = UY_VERDICT_UNSET;
			/* add1: the SignedData takes its own reference. */
			UY_ENSURE_OUT(CMS_add1_cert(cms, *tsa_out) == 1,
			              UY_ERROR(UY_ERR_CRYPTO, "cannot add the TSA certificate"));
			int n = i2d_CMS_ContentInfo(cms, &re);
			UY_ENSURE_OUT(n > 0, UY_ERROR(UY_ERR_NOMEM, "cannot re-encode the token"));
			der.ptr = re;
			der.len = (size_t)n;
		}
	}
	/* cms is the decoding of the token itself, unless the TSA certificate
	 * was added (then der is a new encoding, decoded afresh as before). */
	UY_TRY_OUT(uy_cades__check_signature_ex(&sv, &rep, der, re == NULL ? cms : NULL, NULL,
	                                        NULL, NULL));
verdict:
	if (uy_verdict_is_failure(&sv)) {
		/* The SignerInfo's own reason has no "SignerInfo 1:" prefix. */
		const uy_verdict *src = rep.signer_count > 0 ? &rep.signers[0].verdict : &sv;
		char msg[UY_VERDICT_REASON_MAX + 16];
		snprintf(msg, sizeof(msg), "signature: %s", src->reason);
		tst_fail(v, src->indication, src->sub, msg, src->clause);
	}
done:
	ERR_clear_error();
	OPENSSL_free(re);
	return rc;
}

/* Step 3: the messageImprint. */
static uy_err
tst_check_imprint(uy_verdict *v, uy_tst_report *rep, TS_TST_INFO *info,
                  uy_tst_imprint_fn imprint_fn, void *imprint_ctx)
{
	TS_MSG_IMPRINT *mi = TS_TST_INFO_get_msg_imprint(info);
	X509_ALGOR *alg = mi != NULL ? TS_MSG_IMPRINT_get_algo(mi) : NULL;
	ASN1_OCTET_STRING *msg = mi != NULL ? TS_MSG_IMPRINT_get_msg(mi) : NULL;

	if (alg == NULL || msg == NULL) {
		tst_fail(v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, "TSTInfo has no messageImprint",
		         CL_FORMAT);
		return UY_OK;
	}
	rep->imprint_nid = OBJ_obj2nid(alg->algorithm);
	const EVP_MD *md = EVP_get_digestbyobj(alg->algorithm);
	ERR_clear_error();
	if (md == NULL) {
		tst_fail(v, UY_IND_INDETERMINATE, UY_SUB_CRYPTO_CONSTRAINTS_FAILURE,
		         "messageImprint hash algorithm not supported", CL_IMPRINT);
		return UY_OK;
	}
	const uint8_t *h = ASN1_STRING_get0_data(msg);
	int hlen = ASN1_STRING_length(msg);
	if (hlen <= 0 || hlen != EVP_MD_get_size(md)) {
		tst_fail(v, UY_IND_FAILED, UY_SUB_HASH_FAILURE,
		         "messageImprint length does not match its hash algorithm", CL_IMPRINT);
		return UY_OK;
	}
	const char *form = NULL;
	int r = imprint_fn(imprint_ctx, md, h, (size_t)hlen, &form);
	if (r < 0) {
		/* Keeps the callback's message if it recorded one. */
		return UY_ERROR(UY_ERR_CRYPTO, "time-stamp imprint callback failed");
	}
	if (r == 0) {
		tst_fail(v, UY_IND_FAILED, UY_SUB_HASH_FAILURE,
		         "messageImprint does not match the time-stamped data", CL_IMPRINT);
		return UY_OK;
	}
	tst_copy(rep->imprint_form, sizeof(rep->imprint_form), form != NULL ? form : "");
	return UY_OK;
}

/* Step 5: the TSA certificate's path at min(genTime, T). */
static uy_err
tst_check_path(uy_verdict *v, uy_tst_report *rep, X509 *tsa, STACK_OF(X509) *token_certs,
               const uy_path_inputs *pin)
{
	X509 *untrusted[UY_PATH_MAX_INPUTS];
	uy_path_inputs in = *pin;
	uy_verdict pv = UY_VERDICT_UNSET;
	size_t n = 0;
	int ntok = sk_X509_num(token_certs);

	/* untrusted_count <= UY_PATH_MAX_INPUTS: checked on entry. */
	for (size_t i = 0; i < pin->untrusted_count; i++) {
		untrusted[n++] = pin->untrusted[i];
	}
	for (int i = 0; i < ntok; i++) {
		UY_ENSURE(n < UY_PATH_MAX_INPUTS,
		          UY_ERROR(UY_ERR_LIMIT, "token and caller certificates exceed "
		                                 "UY_PATH_MAX_INPUTS"));
		untrusted[n++] = sk_X509_value(token_certs, i);
	}
	in.untrusted = untrusted;
	in.untrusted_count = n;
	/* EN 319 102-1 §5.4: the TSA certificate is judged at genTime, but
	 * nothing later than the validation time is proven. */
	in.best_signature_time = rep->gen_time < pin->reference_time ? rep->gen_time
	                                                              : pin->reference_time;
	UY_TRY(uy_path_validate(&pv, &rep->path, tsa, &in));
	tst_rebase_path_certs(&rep->path, token_certs, pin);
	if (uy_verdict_is_failure(&pv)) {
		char msg[UY_VERDICT_REASON_MAX + 32];
		snprintf(msg, sizeof(msg), "TSA certificate path: %s", pv.reason);
		/* A building block gives FAILED, not the overall TOTAL-FAILED. */
		uy_indication ind = pv.indication == UY_IND_TOTAL_FAILED ? UY_IND_FAILED
		                                                           : pv.indication;
		tst_fail(v, ind, pv.sub, msg, pv.clause != NULL ? pv.clause : CL_PATH);
	}
	return UY_OK;
}

/* ------------------------------------------------------------------ */

/* see uy_tst.h */
uy_err
uy_tst_validate(uy_verdict *out, uy_tst_report *details, uy_span token,
                uy_tst_imprint_fn imprint_fn, void *imprint_ctx, const uy_tst_inputs *in)
{
	uy_err rc = UY_OK;
	CMS_ContentInfo *cms = NULL;
	TS_TST_INFO *info = NULL;
	STACK_OF(X509) *certs = NULL;
	unsigned char *re = NULL;
	X509 *tsa = NULL;
	uy_tst_report local;
	uy_tst_report *rep = details != NULL ? details : &local;

	UY_ASSERT_ARG(out != NULL);
	*out = UY_VERDICT_UNSET;
	memset(rep, 0, sizeof(*rep));
	UY_ASSERT_ARG(token.ptr != NULL || token.len == 0);
	UY_ASSERT_ARG(imprint_fn != NULL && in != NULL && in->version == UY_TST_INPUTS_VERSION);
	UY_ASSERT_ARG(in->path != NULL && in->path->version == UY_PATH_INPUTS_VERSION);
	/* Checked here: the TSA certificate is searched in untrusted before the path. */
	UY_ASSERT_ARG(in->path->untrusted_count == 0 || in->path->untrusted != NULL);
	UY_ENSURE_OUT(in->path->untrusted_count <= UY_PATH_MAX_INPUTS,
	              UY_ERROR(UY_ERR_LIMIT, "more than UY_PATH_MAX_INPUTS untrusted certificates"));
	UY_ENSURE_OUT(token.len <= UY_MAX_SIGNATURE_PART,
	              UY_ERROR(UY_ERR_LIMIT, "time-stamp token larger than UY_MAX_SIGNATURE_PART"));

	/* 1. ContentInfo / SignedData / one SignerInfo / TSTInfo v1 in DER. */
	/* *= RFC 3161 §2.4.2
	 *# The time-stamp token MUST NOT contain any signatures other than the
	 *# signature of the TSA. The certificate identifier (ESSCertID) of the
	 *# TSA certificate MUST be included as a signerInfo attribute inside a
	 *# SigningCertificate attribute. */
	const unsigned char *p = token.ptr;
	cms = token.len > 0 ? d2i_CMS_ContentInfo(NULL, &p, (long)token.len) : NULL;
	if (cms == NULL || p != token.ptr + token.len) {
		tst_fail(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, "not a CMS ContentInfo",
		         CL_FORMAT);
		goto done;
	}
	if (OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed) {
		tst_fail(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		         "ContentInfo does not hold SignedData", CL_FORMAT);
		goto done;
	}
	STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(cms);
	if (sis == NULL || sk_CMS_SignerInfo_num(sis) != 1) {
		tst_fail(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		         "SignedData does not have exactly one SignerInfo", CL_FORMAT);
		goto done;
	}
	/* *= RFC 3161 §2.4.2
	 *# The content type of the eContent field of SignedData is id-ct-TSTInfo */
	if (OBJ_obj2nid(CMS_get0_eContentType(cms)) != NID_id_smime_ct_TSTInfo) {
		tst_fail(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		         "eContentType is not id-ct-TSTInfo", CL_FORMAT);
		goto done;
	}
	ASN1_OCTET_STRING **pos = CMS_get0_content(cms);
	if (pos == NULL || *pos == NULL) {
		tst_fail(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, "no TSTInfo (eContent absent)",
		         CL_FORMAT);
		goto done;
	}
	const unsigned char *ip = ASN1_STRING_get0_data(*pos);
	long ilen = ASN1_STRING_length(*pos);
	const unsigned char *iq = ip;
	info = ilen > 0 ? d2i_TS_TST_INFO(NULL, &iq, ilen) : NULL;
	if (info == NULL || iq != ip + ilen) {
		tst_fail(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, "TSTInfo cannot be decoded",
		         CL_FORMAT);
		goto done;
	}
	/* d2i accepts BER; only an identical re-encoding is DER. */
	int relen = i2d_TS_TST_INFO(info, &re);
	UY_ENSURE_OUT(relen > 0, UY_ERROR(UY_ERR_NOMEM, "cannot re-encode the TSTInfo"));
	if ((long)relen != ilen || memcmp(re, ip, (size_t)ilen) != 0) {
		tst_fail(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, "TSTInfo is not DER", CL_FORMAT);
		goto done;
	}
	if (TS_TST_INFO_get_version(info) != 1) {
		tst_fail(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, "TSTInfo version is not 1",
		         CL_FORMAT);
		goto done;
	}
	if (!tst_gen_time(TS_TST_INFO_get_time(info), &rep->gen_time)) {
		tst_fail(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		         "genTime is not a DER GeneralizedTime", CL_FORMAT);
		goto done;
	}
	const ASN1_OBJECT *policy = TS_TST_INFO_get_policy_id(info);
	if (policy == NULL || OBJ_obj2txt(rep->policy, (int)sizeof(rep->policy), policy, 1) <= 0) {
		rep->policy[0] = '\0';
	}
	tst_serial_hex(TS_TST_INFO_get_serial(info), rep->serial_hex, sizeof(rep->serial_hex));
	TS_MSG_IMPRINT *mi = TS_TST_INFO_get_msg_imprint(info);
	X509_ALGOR *mi_alg = mi != NULL ? TS_MSG_IMPRINT_get_algo(mi) : NULL;
	rep->imprint_nid = mi_alg != NULL ? OBJ_obj2nid(mi_alg->algorithm) : NID_undef;
	rep->parsed = 1;
	ERR_clear_error();
	/* The fields no signature covers; the structure rules assume a
	 * non-id-data eContentType, checked above. */
	const char *bad = tst_check_structure(token, sk_CMS_SignerInfo_value(sis, 0));
	if (bad == NULL) {
		bad = tst_check_alg_params(sk_CMS_SignerInfo_value(sis, 0), info);
	}
	if (bad != NULL) {
		tst_fail(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, bad, CL_FORMAT);
		goto done;
	}

	/* 2. The token's signature; the TSA certificate. */
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(sis, 0);
	certs = CMS_get1_certs(cms);	/* owned; NULL when the token has none */
	ERR_clear_error();
	UY_TRY_OUT(tst_check_signature(out, &tsa, cms, si, certs, token, in->path));
	if (tsa != NULL) {
		rep->tsa_found = 1;
		uy_path_subject(tsa, rep->tsa_subject, sizeof(rep->tsa_subject));
	}

	/* 3. The imprint. */
	UY_TRY_OUT(tst_check_imprint(out, rep, info, imprint_fn, imprint_ctx));

	if (tsa == NULL) {
		/* Step 2 already said NO_SIGNING_CERTIFICATE_FOUND. */
		goto verdict;
	}
	/* 4. extendedKeyUsage. */
	const char *why = tst_eku_problem(tsa);
	ERR_clear_error();
	if (why != NULL) {
		tst_fail(out, UY_IND_INDETERMINATE, UY_SUB_CHAIN_CONSTRAINTS_FAILURE, why, CL_EKU);
	}

	/* 5. The TSA certificate's path at genTime. */
	UY_TRY_OUT(tst_check_path(out, rep, tsa, certs, in->path));
verdict:
	uy_verdict_set(out, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
done:
	if (rc != UY_OK) {
		*out = UY_VERDICT_UNSET;
	}
	ERR_clear_error();
	OPENSSL_free(re);
	sk_X509_pop_free(certs, X509_free);
	TS_TST_INFO_free(info);
	CMS_ContentInfo_free(cms);
	return rc;
}
