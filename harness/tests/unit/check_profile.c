/*
 * check_profile.c - unit tests of the BTK profiles P1-P4, the certificate
 * profiles and the algorithm table (src/cades/profile.c,
 * src/cades/certprofile.c, uy_profile.h).
 *
 * Policies are decoded from the committed corpus (vectors/corpus/cades) and
 * from hand-made DER; certificate profiles are judged on the committed test
 * PKI (vectors/pki/out; roles and defects in vectors/pki/README.md); the
 * profile rules run over a table of facts with every rule passing and
 * failing, bounds included. Times: signing 2027-03-01T10:00:00Z, signature
 * time-stamp +60 s, validation 2027-06-01T12:00:00Z.
 */
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uy_test.h"
#include "uy_test_files.h"
#include "uyum/uy_profile.h"
#include "uyum/uyum.h"

#define T_VAL INT64_C(1811851200)	/* 2027-06-01T12:00:00Z */
#define T_SIGN INT64_C(1803895200)	/* 2027-03-01T10:00:00Z */
#define T_TST (T_SIGN + 60)		/* signature-time-stamp genTime */

#define OID_P2 "2.16.792.1.61.0.1.5070.3.1.1"
#define OID_P3 "2.16.792.1.61.0.1.5070.3.2.1"
#define OID_P4 "2.16.792.1.61.0.1.5070.3.3.1"

static const uint8_t deployed[32] = {
	0xFF, 0x39, 0xBD, 0x29, 0x46, 0x33, 0x83, 0xF6, 0x9B, 0x20, 0x52, 0xAC, 0x47, 0x43, 0x9E, 0x06,
	0xCE, 0x7C, 0x3B, 0x86, 0x46, 0xE8, 0x88, 0xB6, 0xE5, 0xAE, 0x3E, 0x46, 0xBA, 0x08, 0x11, 0x7A,
};
/* The P2 CAdES XML policy digest F3BA3B20...299608 (spec §2.3). */
static const uint8_t xml_p2[32] = {
	0xF3, 0xBA, 0x3B, 0x20, 0xC6, 0x61, 0x9C, 0x04, 0x7A, 0xCA, 0x43, 0x81, 0xE2, 0xA3, 0x85, 0x17,
	0xE2, 0x1F, 0x20, 0x70, 0x0F, 0x1C, 0x45, 0xA4, 0xB1, 0xFE, 0xA7, 0xE2, 0x7F, 0x29, 0x96, 0x08,
};
/* The P3 CAdES XML policy digest B8A76DC5...9190D1. */
static const uint8_t xml_p3[32] = {
	0xB8, 0xA7, 0x6D, 0xC5, 0xB4, 0x1B, 0x78, 0x12, 0x0D, 0x28, 0x17, 0x96, 0x75, 0x64, 0x78, 0x6F,
	0x38, 0x7C, 0x7F, 0xBB, 0x1A, 0xC3, 0xE5, 0x6F, 0x39, 0xB2, 0x05, 0xF8, 0xE2, 0x91, 0x90, 0xD1,
};

/* ------------------------------------------------------------------ */
/* Helpers. */

/*
 * The DER of the first SignerInfo's signature-policy-identifier value
 * (…16.2.15), extracted with OpenSSL. Returns NULL when the attribute is
 * absent; else malloc'd bytes.
 */
static uint8_t *
policy_value_der(const char *file, size_t *len)
{
	size_t n = 0;
	uint8_t *raw = uy_test_read_file2(UY_TEST_CORPUS_DIR "cades/", file, &n);
	const unsigned char *p = raw;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)n);
	ck_assert_msg(cms != NULL, "%s: not CMS", file);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ck_assert_ptr_nonnull(si);
	uint8_t *out = NULL;
	*len = 0;
	int pos = CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_ets_sigPolicyId, -1);
	if (pos >= 0) {
		X509_ATTRIBUTE *a = CMS_signed_get_attr(si, pos);
		ck_assert_int_eq(X509_ATTRIBUTE_count(a), 1);
		unsigned char *der = NULL;
		int dlen = i2d_ASN1_TYPE(X509_ATTRIBUTE_get0_type(a, 0), &der);
		ck_assert_int_gt(dlen, 0);
		out = malloc((size_t)dlen);
		ck_assert_ptr_nonnull(out);
		memcpy(out, der, (size_t)dlen);
		*len = (size_t)dlen;
		OPENSSL_free(der);
	}
	CMS_ContentInfo_free(cms);
	free(raw);
	return out;
}

/* Append one short-form TLV (content < 128 bytes) to b at *o. */
static void
tlv(uint8_t *b, size_t cap, size_t *o, uint8_t tag, const uint8_t *c, size_t clen)
{
	ck_assert_uint_lt(clen, 128);
	ck_assert_uint_le(*o + 2 + clen, cap);
	b[(*o)++] = tag;
	b[(*o)++] = (uint8_t)clen;
	memcpy(b + *o, c, clen);
	*o += clen;
}

/* OID content octets of the P4 policy and of id-sha256 / id-sha1. */
static const uint8_t oid_p4[] = {0x60, 0x86, 0x18, 0x01, 0x3D, 0x00, 0x01, 0xA7, 0x4E,
                                 0x03, 0x03, 0x01};
static const uint8_t oid_sha256[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
static const uint8_t oid_sha1[] = {0x2B, 0x0E, 0x03, 0x02, 0x1A};
static const uint8_t oid_spuri[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10,
                                    0x05, 0x01};

/*
 * Hand-made SignaturePolicyId: P4 OID, hash (alg, hlen bytes of 0xAB or the
 * deployed value when hlen == 32), optional qualifiers TLV (already encoded).
 */
static size_t
make_policy(uint8_t *out, size_t cap, const uint8_t *alg, size_t alg_len, size_t hlen,
            const uint8_t *quals, size_t quals_len)
{
	uint8_t algid[32], hv[80], hav[128], body[250];
	size_t a = 0, h = 0, v = 0, b = 0, o = 0;
	uint8_t hash[70];

	ck_assert_uint_le(hlen, sizeof(hash));
	memset(hash, 0xAB, sizeof(hash));
	if (hlen == 32) {
		memcpy(hash, deployed, 32);
	}
	tlv(algid, sizeof(algid), &a, 0x06, alg, alg_len);
	tlv(hv, sizeof(hv), &h, 0x30, algid, a);
	tlv(hv, sizeof(hv), &h, 0x04, hash, hlen);
	tlv(hav, sizeof(hav), &v, 0x30, hv, h);
	tlv(body, sizeof(body), &b, 0x06, oid_p4, sizeof(oid_p4));
	ck_assert_uint_le(b + v + quals_len, sizeof(body));
	memcpy(body + b, hav, v);
	b += v;
	if (quals != NULL) {
		memcpy(body + b, quals, quals_len);
		b += quals_len;
	}
	tlv(out, cap, &o, 0x30, body, b);
	return o;
}

/* sigPolicyQualifiers with one spuri qualifier whose value has tag `tag`. */
static size_t
make_spuri_quals(uint8_t *out, size_t cap, uint8_t tag)
{
	static const char uri[] = "http://uyum.test.invalid/p4.pdf";
	uint8_t info[96], one[100];
	size_t i = 0, o1 = 0, o = 0;
	tlv(info, sizeof(info), &i, 0x06, oid_spuri, sizeof(oid_spuri));
	tlv(info, sizeof(info), &i, tag, (const uint8_t *)uri, sizeof(uri) - 1);
	tlv(one, sizeof(one), &o1, 0x30, info, i);
	tlv(out, cap, &o, 0x30, one, o1);
	return o;
}

static const uy_profile_finding *
find_rule(const uy_profile_findings *fs, const char *rule)
{
	for (size_t i = 0; i < fs->count; i++) {
		if (strcmp(fs->findings[i].rule, rule) == 0) {
			return &fs->findings[i];
		}
	}
	return NULL;
}

static size_t
failed_count(const uy_profile_findings *fs)
{
	size_t n = 0;
	for (size_t i = 0; i < fs->count; i++) {
		n += !fs->findings[i].passed && !fs->findings[i].warning;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Names and TCKN. */

START_TEST(test_names)
{
	ck_assert_str_eq(uy_profile_name(UY_PROFILE_P1), "P1");
	ck_assert_str_eq(uy_profile_name(UY_PROFILE_P4), "P4");
	ck_assert_str_eq(uy_profile_name(UY_PROFILE_NONE), "");
	ck_assert_str_eq(uy_profile_name((uy_profile)42), "");
	ck_assert_int_eq(uy_profile_parse("P1"), UY_PROFILE_P1);
	ck_assert_int_eq(uy_profile_parse("p3"), UY_PROFILE_P3);
	ck_assert_int_eq(uy_profile_parse("P4"), UY_PROFILE_P4);
	ck_assert_int_eq(uy_profile_parse("P5"), UY_PROFILE_NONE);
	ck_assert_int_eq(uy_profile_parse("P0"), UY_PROFILE_NONE);
	ck_assert_int_eq(uy_profile_parse("P"), UY_PROFILE_NONE);
	ck_assert_int_eq(uy_profile_parse("P12"), UY_PROFILE_NONE);
	ck_assert_int_eq(uy_profile_parse(" P1"), UY_PROFILE_NONE);
	ck_assert_int_eq(uy_profile_parse(""), UY_PROFILE_NONE);
	ck_assert_int_eq(uy_profile_parse(NULL), UY_PROFILE_NONE);
}
END_TEST

static const struct {
	const char *s;
	int valid;
} tckn_cases[] = {
	{"10000000146", 1},	/* the test PKI's NES (vectors/pki/README.md) */
	{"12345678950", 1},	/* the test PKI's seal-natural-person */
	{"12345678901", 0},	/* both check digits wrong */
	{"10000000140", 0},	/* 11th digit wrong */
	{"10000000106", 0},	/* 10th digit wrong */
	{"02345678950", 0},	/* leading 0 */
	{"1000000014", 0},	/* 10 digits */
	{"100000001460", 0},	/* 12 digits */
	{"1000000014A", 0},	/* a letter */
	{"1000000-146", 0},
	{"", 0},
};

START_TEST(test_tckn)
{
	const char *s = tckn_cases[_i].s;
	ck_assert_msg(uy_tckn_valid(s, strlen(s)) == tckn_cases[_i].valid, "TCKN %s", s);
}
END_TEST

START_TEST(test_tckn_len)
{
	/* The length bounds the read: a valid prefix is not a valid TCKN. */
	ck_assert_int_eq(uy_tckn_valid("10000000146", 10), 0);
	ck_assert_int_eq(uy_tckn_valid("100000001469", 11), 1);
	ck_assert_int_eq(uy_tckn_valid(NULL, 11), 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Policy identifier over the corpus. */

static void
parse_corpus_policy(const char *file, uy_policy_id *pol)
{
	size_t len = 0;
	uint8_t *der = policy_value_der(file, &len);
	ck_assert_msg(der != NULL, "%s: no signature-policy-identifier", file);
	uy_err rc = uy_policy_id_parse(pol, (uy_span){der, len});
	ck_assert_msg(rc == UY_OK, "%s: %s", file, uy_err_name(rc));
	ck_assert_int_eq(pol->present, 1);
	ck_assert_int_eq(pol->implied, 0);
	free(der);
}

START_TEST(test_policy_corpus)
{
	uy_policy_id pol;
	size_t len = 0;

	parse_corpus_policy("p4-valid-attached.p7s", &pol);
	ck_assert_str_eq(pol.oid, OID_P4);
	ck_assert_int_eq(pol.hash_nid, NID_sha256);
	ck_assert_uint_eq(pol.hash_len, 32);
	ck_assert_mem_eq(pol.hash, deployed, 32);
	ck_assert_int_eq(pol.has_user_notice, 0);

	parse_corpus_policy("p4-policy-oid-wrong.p7s", &pol);
	ck_assert_str_eq(pol.oid, OID_P2);
	ck_assert_mem_eq(pol.hash, deployed, 32);

	parse_corpus_policy("p4-policy-hash-wrong.p7s", &pol);
	ck_assert_str_eq(pol.oid, OID_P4);
	ck_assert_int_eq(pol.hash_nid, NID_sha256);
	ck_assert(pol.hash_len != 32 || memcmp(pol.hash, deployed, 32) != 0);

	parse_corpus_policy("p4-user-notice.p7s", &pol);
	ck_assert_str_eq(pol.oid, OID_P4);
	ck_assert_int_eq(pol.has_user_notice, 1);
	ck_assert_int_eq(pol.has_spuri, 0);

	parse_corpus_policy("p2-valid.p7s", &pol);
	ck_assert_str_eq(pol.oid, OID_P2);
	parse_corpus_policy("p3-valid.p7s", &pol);
	ck_assert_str_eq(pol.oid, OID_P3);

	ck_assert_ptr_null(policy_value_der("p1-valid.p7s", &len));
	ck_assert_uint_eq(len, 0);
}
END_TEST

/* The corpus policies judged by the profile rule as P4 claims them. */
static const struct {
	const char *file;
	int pass;
	const char *reason_part;
} policy_judged[] = {
	{"p4-valid-attached.p7s", 1, NULL},
	{"p4-user-notice.p7s", 1, NULL},
	{"p4-policy-oid-wrong.p7s", 0, "is P2's; P4 requires " OID_P4},
	{"p4-policy-hash-wrong.p7s", 0, "is not the deployed P4 value"},
};

START_TEST(test_policy_corpus_judged)
{
	uy_profile_facts f;
	uy_verdict v;
	uy_profile_findings fs;
	uy_profile_options opts = UY_PROFILE_OPTIONS_INIT;

	memset(&f, 0, sizeof(f));
	parse_corpus_policy(policy_judged[_i].file, &f.policy);
	f.claimed = UY_PROFILE_P4;
	ck_assert_int_eq(uy_profile_check(&v, &fs, NULL, NULL, &f, &opts), UY_OK);
	const uy_profile_finding *pf = find_rule(&fs, "cades::profile::policy");
	ck_assert_ptr_nonnull(pf);
	ck_assert_ptr_eq(pf, &fs.findings[0]);	/* the first rule */
	ck_assert_msg(pf->passed == policy_judged[_i].pass, "%s: %s", policy_judged[_i].file,
	              pf->verdict.reason);
	if (!policy_judged[_i].pass) {
		ck_assert_int_eq(pf->verdict.indication, UY_IND_INDETERMINATE);
		ck_assert_int_eq(pf->verdict.sub, UY_SUB_POLICY_PROCESSING_ERROR);
		ck_assert_msg(strstr(pf->verdict.reason, policy_judged[_i].reason_part) != NULL,
		              "%s", pf->verdict.reason);
		ck_assert_int_eq(v.sub, UY_SUB_POLICY_PROCESSING_ERROR);
	}
}
END_TEST

START_TEST(test_policy_handmade)
{
	uint8_t buf[300], quals[120], bad[310];
	uy_policy_id pol;
	size_t n = 0, q = 0;

	/* Hand-made DER equal to what the corpus carries decodes the same way. */
	n = make_policy(buf, sizeof(buf), oid_sha256, sizeof(oid_sha256), 32, NULL, 0);
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){buf, n}), UY_OK);
	ck_assert_str_eq(pol.oid, OID_P4);
	ck_assert_mem_eq(pol.hash, deployed, 32);

	/* SHA-1 policy hash: decodes; the rule refuses it. */
	n = make_policy(buf, sizeof(buf), oid_sha1, sizeof(oid_sha1), 20, NULL, 0);
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){buf, n}), UY_OK);
	ck_assert_int_eq(pol.hash_nid, NID_sha1);
	ck_assert_uint_eq(pol.hash_len, 20);

	/* spuri as IA5String: accepted and flagged; as UTF8String: not the syntax. */
	q = make_spuri_quals(quals, sizeof(quals), 0x16);
	n = make_policy(buf, sizeof(buf), oid_sha256, sizeof(oid_sha256), 32, quals, q);
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){buf, n}), UY_OK);
	ck_assert_int_eq(pol.has_spuri, 1);
	ck_assert_int_eq(pol.has_user_notice, 0);
	q = make_spuri_quals(quals, sizeof(quals), 0x0C);
	n = make_policy(buf, sizeof(buf), oid_sha256, sizeof(oid_sha256), 32, quals, q);
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){buf, n}), UY_ERR_SYNTAX);
	ck_assert_int_eq(pol.present, 0);

	/* signaturePolicyImplied. */
	static const uint8_t implied[] = {0x05, 0x00};
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){implied, 2}), UY_OK);
	ck_assert_int_eq(pol.present, 1);
	ck_assert_int_eq(pol.implied, 1);
	static const uint8_t implied_bad[] = {0x05, 0x01, 0x00};
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){implied_bad, 3}), UY_ERR_SYNTAX);

	/* A hash longer than any the struct holds (65 bytes). */
	n = make_policy(buf, sizeof(buf), oid_sha256, sizeof(oid_sha256), 65, NULL, 0);
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){buf, n}), UY_ERR_SYNTAX);

	/* Malformed forms of the valid encoding. */
	n = make_policy(buf, sizeof(buf), oid_sha256, sizeof(oid_sha256), 32, NULL, 0);
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){buf, 0}), UY_ERR_SYNTAX);
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){buf, n - 1}), UY_ERR_SYNTAX);
	memcpy(bad, buf, n);
	bad[n] = 0x00;
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){bad, n + 1}), UY_ERR_SYNTAX);
	bad[0] = 0x31;	/* SET, not SEQUENCE */
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){bad, n}), UY_ERR_SYNTAX);
	/* BER indefinite length around the same content. */
	bad[0] = 0x30;
	bad[1] = 0x80;
	memcpy(bad + 2, buf + 2, n - 2);
	bad[n] = 0x00;
	bad[n + 1] = 0x00;
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){bad, n + 2}), UY_ERR_SYNTAX);
	/* Non-minimal length (0x81 for a short length). */
	bad[0] = 0x30;
	bad[1] = 0x81;
	bad[2] = buf[1];
	memcpy(bad + 3, buf + 2, n - 2);
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){bad, n + 1}), UY_ERR_SYNTAX);
	/* Every truncation fails cleanly. */
	for (size_t k = 0; k < n; k++) {
		ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){buf, k}), UY_ERR_SYNTAX);
	}

	ck_assert_int_eq(uy_policy_id_parse(NULL, (uy_span){buf, n}), UY_ERR_USAGE);
	ck_assert_int_eq(uy_policy_id_parse(&pol, (uy_span){NULL, 4}), UY_ERR_USAGE);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Profile rules over facts. */

/* Facts of a signature that satisfies `p` (claimed). */
static uy_profile_facts
good_facts(uy_profile p)
{
	uy_profile_facts f;
	memset(&f, 0, sizeof(f));
	f.claimed = p;
	if (p != UY_PROFILE_P1) {
		f.policy.present = 1;
		snprintf(f.policy.oid, sizeof(f.policy.oid), "%s",
		         p == UY_PROFILE_P2 ? OID_P2 : p == UY_PROFILE_P3 ? OID_P3 : OID_P4);
		f.policy.hash_nid = NID_sha256;
		memcpy(f.policy.hash, deployed, 32);
		f.policy.hash_len = 32;
		f.sig_ts_count = 1;
		f.sig_ts_valid = 1;
		f.sig_ts_time = T_TST;
	}
	f.signing_time_present = 1;
	f.signing_time = T_SIGN;
	f.ess_version = 2;
	if (p == UY_PROFILE_P3 || p == UY_PROFILE_P4) {
		f.has_cert_refs = f.has_rev_refs = f.has_cert_values = f.has_rev_values = 1;
		f.signer_revocation = p == UY_PROFILE_P3 ? 1 : 2;
	}
	f.validation_time = T_VAL;
	return f;
}

typedef enum {
	M_NONE,
	M_CLAIM_NONE,		/* nothing claimed: the policy decides */
	M_POLICY_P4,		/* (P1) carries the P4 policy */
	M_POLICY_ABSENT,
	M_POLICY_IMPLIED,
	M_POLICY_OID_P3,
	M_POLICY_OID_FOREIGN,
	M_FOREIGN_INFERRED,	/* nothing claimed, a policy of no BTK profile */
	M_IMPLIED_INFERRED,	/* nothing claimed, signaturePolicyImplied */
	M_POLICY_SHA1,
	M_POLICY_HASH_WRONG,
	M_POLICY_XML_P2,	/* the P2 XML digest */
	M_POLICY_XML_P2_OPT,	/* ... with accept_xml_policy_digest */
	M_POLICY_XML_P3_OPT,	/* P3's XML digest on P2, with the option */
	M_POLICY_NOTICE,
	M_NO_SIGNING_TIME,
	M_ESS_V1,
	M_ESS_BOTH,
	M_ESS_NONE,
	M_NO_TST,
	M_TST_INVALID,
	M_DELAY_PLUS_7200,
	M_DELAY_PLUS_7201,
	M_DELAY_MINUS_300,
	M_DELAY_MINUS_301,
	M_DELAY_3H,
	M_NO_CERT_REFS,
	M_NO_REV_VALUES,
	M_NO_LTV,
	M_REV_CRL,
	M_REV_OCSP,
	M_REV_NONE,
	M_GRACE_PREMATURE,	/* T = genTime + grace - 1 */
	M_GRACE_EDGE,		/* T = genTime + grace */
	M_GRACE_IGNORED,	/* premature, with ignore_grace */
	M_GRACE_ZERO,		/* premature T, grace_seconds 0 */
	M_HOSTILE_TIMES,	/* extreme int64 times: no overflow */
} mutation;

static void
mutate(uy_profile_facts *f, uy_profile_options *o, mutation m)
{
	switch (m) {
	case M_NONE:
		break;
	case M_CLAIM_NONE:
		f->claimed = UY_PROFILE_NONE;
		break;
	case M_POLICY_P4:
		*f = good_facts(UY_PROFILE_P4);
		f->claimed = UY_PROFILE_P1;
		break;
	case M_POLICY_ABSENT:
		memset(&f->policy, 0, sizeof(f->policy));
		break;
	case M_POLICY_IMPLIED:
		memset(&f->policy, 0, sizeof(f->policy));
		f->policy.present = 1;
		f->policy.implied = 1;
		break;
	case M_POLICY_OID_P3:
		snprintf(f->policy.oid, sizeof(f->policy.oid), "%s", OID_P3);
		break;
	case M_POLICY_OID_FOREIGN:
		snprintf(f->policy.oid, sizeof(f->policy.oid), "2.16.792.1.2.1.1.5.7.5.1.1");
		break;
	case M_FOREIGN_INFERRED:
		snprintf(f->policy.oid, sizeof(f->policy.oid), "1.2.3.4");
		f->claimed = UY_PROFILE_NONE;
		break;
	case M_IMPLIED_INFERRED:
		memset(&f->policy, 0, sizeof(f->policy));
		f->policy.present = 1;
		f->policy.implied = 1;
		f->claimed = UY_PROFILE_NONE;
		break;
	case M_POLICY_SHA1:
		f->policy.hash_nid = NID_sha1;
		f->policy.hash_len = 20;
		break;
	case M_POLICY_HASH_WRONG:
		f->policy.hash[31] ^= 1;
		break;
	case M_POLICY_XML_P2:
		memcpy(f->policy.hash, xml_p2, 32);
		break;
	case M_POLICY_XML_P2_OPT:
		memcpy(f->policy.hash, xml_p2, 32);
		o->accept_xml_policy_digest = 1;
		break;
	case M_POLICY_XML_P3_OPT:
		memcpy(f->policy.hash, xml_p3, 32);
		o->accept_xml_policy_digest = 1;
		break;
	case M_POLICY_NOTICE:
		f->policy.has_user_notice = 1;
		f->policy.has_spuri = 1;
		break;
	case M_NO_SIGNING_TIME:
		f->signing_time_present = 0;
		f->signing_time = 0;
		break;
	case M_ESS_V1:
		f->ess_version = 1;
		break;
	case M_ESS_BOTH:
		f->ess_version = 3;
		break;
	case M_ESS_NONE:
		f->ess_version = 0;
		break;
	case M_NO_TST:
		f->sig_ts_count = 0;
		f->sig_ts_valid = 0;
		f->sig_ts_time = 0;
		break;
	case M_TST_INVALID:
		f->sig_ts_valid = 0;
		break;
	case M_DELAY_PLUS_7200:
		f->sig_ts_time = T_SIGN + 7200;
		break;
	case M_DELAY_PLUS_7201:
		f->sig_ts_time = T_SIGN + 7201;
		break;
	case M_DELAY_MINUS_300:
		f->sig_ts_time = T_SIGN - 300;
		break;
	case M_DELAY_MINUS_301:
		f->sig_ts_time = T_SIGN - 301;
		break;
	case M_DELAY_3H:
		f->signing_time = T_TST - 10800;
		break;
	case M_NO_CERT_REFS:
		f->has_cert_refs = 0;
		break;
	case M_NO_REV_VALUES:
		f->has_rev_values = 0;
		break;
	case M_NO_LTV:
		f->has_cert_refs = f->has_rev_refs = f->has_cert_values = f->has_rev_values = 0;
		break;
	case M_REV_CRL:
		f->signer_revocation = 1;
		break;
	case M_REV_OCSP:
		f->signer_revocation = 2;
		break;
	case M_REV_NONE:
		f->signer_revocation = 0;
		break;
	case M_GRACE_PREMATURE:
		f->validation_time = T_TST + 86400 - 1;
		break;
	case M_GRACE_EDGE:
		f->validation_time = T_TST + 86400;
		break;
	case M_GRACE_IGNORED:
		f->validation_time = T_TST + 3600;
		o->ignore_grace = 1;
		break;
	case M_GRACE_ZERO:
		f->validation_time = T_TST;
		o->grace_seconds = 0;
		break;
	case M_HOSTILE_TIMES:
		f->signing_time = INT64_MIN;
		f->sig_ts_time = INT64_MAX;
		f->validation_time = INT64_MAX;
		break;
	}
}

typedef struct {
	const char *name;
	uy_profile profile;
	mutation m;
	const char *fail_rule;		/* NULL: PASSED */
	uy_subindication sub;
	uy_profile want_effective;
	uy_grace want_grace;
	size_t want_findings;		/* rules evaluated */
	const char *reason_part;	/* in the failing finding's reason; may be NULL */
} profile_case;

#define R_POLICY "cades::profile::policy"
#define R_ST "cades::profile::signing-time"
#define R_ESS "cades::profile::signing-certificate-v2"
#define R_TST "cades::profile::signature-time-stamp"
#define R_DELAY "cades::profile::time-stamp-delay"
#define R_LEVEL "cades::profile::level"
#define R_REV "cades::profile::revocation-source"
#define R_GRACE "cades::profile::grace"
#define PPE UY_SUB_POLICY_PROCESSING_ERROR
#define SCF UY_SUB_SIG_CONSTRAINTS_FAILURE
#define NA UY_GRACE_NOT_APPLICABLE
#define MAT UY_GRACE_MATURE
#define PRE UY_GRACE_PREMATURE
#define P1 UY_PROFILE_P1
#define P2 UY_PROFILE_P2
#define P3 UY_PROFILE_P3
#define P4 UY_PROFILE_P4

/* Rules per profile: P1 3; P2 6 (sig-ts, delay, grace); P3 8; P4 7 (no grace). */
static const profile_case profile_cases[] = {
	/* Each profile as it should be. */
	{"P1 valid", P1, M_NONE, NULL, 0, P1, NA, 3, NULL},
	{"P2 valid", P2, M_NONE, NULL, 0, P2, MAT, 6, NULL},
	{"P3 valid", P3, M_NONE, NULL, 0, P3, MAT, 8, NULL},
	{"P4 valid", P4, M_NONE, NULL, 0, P4, NA, 7, NULL},
	/* The profile from the policy when none is claimed. */
	{"P1 inferred", P1, M_CLAIM_NONE, NULL, 0, P1, NA, 3, NULL},
	{"P2 inferred", P2, M_CLAIM_NONE, NULL, 0, P2, MAT, 6, NULL},
	{"P3 inferred", P3, M_CLAIM_NONE, NULL, 0, P3, MAT, 8, NULL},
	{"P4 inferred", P4, M_CLAIM_NONE, NULL, 0, P4, NA, 7, NULL},
	/* cades::profile::policy */
	{"P1 with a policy", P1, M_POLICY_P4, R_POLICY, PPE, P1, NA, 3, "P1 carries no"},
	{"P4 no policy", P4, M_POLICY_ABSENT, R_POLICY, PPE, P4, NA, 7, "no signature-policy"},
	{"P2 no policy", P2, M_POLICY_ABSENT, R_POLICY, PPE, P2, MAT, 6, "P2 requires policy"},
	{"P4 implied", P4, M_POLICY_IMPLIED, R_POLICY, PPE, P4, NA, 7, "signaturePolicyImplied"},
	{"P4 with P3's OID", P4, M_POLICY_OID_P3, R_POLICY, PPE, P4, NA, 7, "is P3's"},
	{"P4 foreign OID", P4, M_POLICY_OID_FOREIGN, R_POLICY, PPE, P4, NA, 7, "not a BTK"},
	{"foreign OID inferred", P4, M_FOREIGN_INFERRED, R_POLICY, PPE, P1, NA, 3,
	 "P1 carries no signature-policy-identifier, found 1.2.3.4"},
	{"implied inferred", P4, M_IMPLIED_INFERRED, R_POLICY, PPE, P1, NA, 3,
	 "found signaturePolicyImplied"},
	{"P4 SHA-1 policy hash", P4, M_POLICY_SHA1, R_POLICY, PPE, P4, NA, 7,
	 "Policy digest algorithm is not SHA-256"},
	{"P4 wrong hash", P4, M_POLICY_HASH_WRONG, R_POLICY, PPE, P4, NA, 7, "FF39BD29"},
	{"P2 XML digest, Kamu SM", P2, M_POLICY_XML_P2, R_POLICY, PPE, P2, MAT, 6, "F3BA3B20"},
	{"P2 XML digest, text-literal", P2, M_POLICY_XML_P2_OPT, NULL, 0, P2, MAT, 6, NULL},
	{"P2 with P3's XML digest", P2, M_POLICY_XML_P3_OPT, R_POLICY, PPE, P2, MAT, 6, "XML"},
	{"P4 user notice accepted", P4, M_POLICY_NOTICE, NULL, 0, P4, NA, 7, NULL},
	/* cades::profile::signing-time */
	{"P1 no signing-time", P1, M_NO_SIGNING_TIME, R_ST, SCF, P1, NA, 3, "no signing-time"},
	{"P4 no signing-time", P4, M_NO_SIGNING_TIME, R_ST, SCF, P4, NA, 6, NULL},
	/* cades::profile::signing-certificate-v2 */
	{"P1 ESS v1", P1, M_ESS_V1, R_ESS, SCF, P1, NA, 3, "v1 instead of v2"},
	{"P4 ESS v1", P4, M_ESS_V1, R_ESS, SCF, P4, NA, 7, NULL},
	{"P4 ESS v1 and v2", P4, M_ESS_BOTH, R_ESS, SCF, P4, NA, 7, "both"},
	{"P3 no ESS", P3, M_ESS_NONE, R_ESS, SCF, P3, MAT, 8, "no signing-certificate-v2"},
	/* cades::profile::signature-time-stamp */
	{"P2 no time-stamp", P2, M_NO_TST, R_TST, SCF, P2, NA, 4, "no signature-time-stamp"},
	{"P3 invalid time-stamp", P3, M_TST_INVALID, R_TST, SCF, P3, NA, 6, "not valid"},
	{"P4 no time-stamp", P4, M_NO_TST, R_TST, SCF, P4, NA, 6, NULL},
	{"P1 needs none", P1, M_NO_TST, NULL, 0, P1, NA, 3, NULL},
	/* cades::profile::time-stamp-delay, bounds inclusive */
	{"P4 delay +7200", P4, M_DELAY_PLUS_7200, NULL, 0, P4, NA, 7, NULL},
	{"P4 delay +7201", P4, M_DELAY_PLUS_7201, R_DELAY, SCF, P4, NA, 7,
	 "genTime is 7201 s after signing-time; P4 allows [-300, +7200]"},
	{"P2 delay -300", P2, M_DELAY_MINUS_300, NULL, 0, P2, MAT, 6, NULL},
	{"P2 delay -301", P2, M_DELAY_MINUS_301, R_DELAY, SCF, P2, MAT, 6,
	 "genTime is 301 s before signing-time"},
	{"P4 signing-time 3 h before", P4, M_DELAY_3H, R_DELAY, SCF, P4, NA, 7,
	 "genTime is 10800 s after"},
	/* cades::profile::level */
	{"P4 missing revocation-values", P4, M_NO_REV_VALUES, R_LEVEL, SCF, P4, NA, 7,
	 "missing revocation-values"},
	{"P3 missing certificate refs", P3, M_NO_CERT_REFS, R_LEVEL, SCF, P3, MAT, 8,
	 "complete-certificate-refs"},
	{"P3 at ES-T only", P3, M_NO_LTV, R_LEVEL, SCF, P3, MAT, 8, "certificate-values"},
	{"P2 needs no ES-X-L", P2, M_NO_LTV, NULL, 0, P2, MAT, 6, NULL},
	/* cades::profile::revocation-source */
	{"P3 with OCSP only", P3, M_REV_OCSP, R_REV, SCF, P3, MAT, 8,
	 "an OCSP response; P3 requires a CRL"},
	{"P4 with CRL only", P4, M_REV_CRL, R_REV, SCF, P4, NA, 7,
	 "a CRL; P4 requires an OCSP response"},
	{"P4 no revocation", P4, M_REV_NONE, R_REV, SCF, P4, NA, 7, "no revocation data"},
	{"P2 any source", P2, M_REV_OCSP, NULL, 0, P2, MAT, 6, NULL},
	/* cades::profile::grace */
	{"P2 premature", P2, M_GRACE_PREMATURE, R_GRACE, UY_SUB_TRY_LATER, P2, PRE, 6,
	 "not final until 2027-03-02T10:01:00Z"},
	{"P3 premature", P3, M_GRACE_PREMATURE, R_GRACE, UY_SUB_TRY_LATER, P3, PRE, 8, NULL},
	{"P2 mature at the edge", P2, M_GRACE_EDGE, NULL, 0, P2, MAT, 6, NULL},
	{"P3 grace ignored", P3, M_GRACE_IGNORED, NULL, 0, P3, MAT, 8, NULL},
	{"P2 grace 0", P2, M_GRACE_ZERO, NULL, 0, P2, MAT, 6, NULL},
	{"P4 has no grace", P4, M_GRACE_PREMATURE, NULL, 0, P4, NA, 7, NULL},
	/* Hostile facts: no overflow, a clean verdict. */
	{"P2 extreme times", P2, M_HOSTILE_TIMES, R_DELAY, SCF, P2, MAT, 6, NULL},
};

START_TEST(test_profile_table)
{
	const profile_case *c = &profile_cases[_i];
	uy_profile_facts f = good_facts(c->profile);
	uy_profile_options o = UY_PROFILE_OPTIONS_INIT;
	uy_profile_findings fs;
	uy_verdict v;
	uy_profile eff = UY_PROFILE_NONE;
	uy_grace g = (uy_grace)99;

	mutate(&f, &o, c->m);
	uy_err rc = uy_profile_check(&v, &fs, &eff, &g, &f, &o);
	ck_assert_msg(rc == UY_OK, "%s: %s", c->name, uy_err_name(rc));
	ck_assert_msg(eff == c->want_effective, "%s: effective %s", c->name, uy_profile_name(eff));
	ck_assert_msg(g == c->want_grace, "%s: grace %d", c->name, (int)g);
	ck_assert_msg(fs.count == c->want_findings, "%s: %zu findings", c->name, fs.count);
	for (size_t i = 0; i < fs.count; i++) {
		const uy_profile_finding *x = &fs.findings[i];
		ck_assert_int_eq(x->warning, 0);	/* only cert::seal::no-encryption warns */
		if (x->passed) {
			ck_assert_int_eq(x->verdict.indication, UY_IND_PASSED);
		}
	}
	if (c->fail_rule == NULL) {
		ck_assert_msg(v.indication == UY_IND_PASSED, "%s: %s/%s %s", c->name,
		              uy_indication_name(v.indication), uy_subindication_name(v.sub),
		              v.reason);
		ck_assert_uint_eq(failed_count(&fs), 0);
		return;
	}
	ck_assert_msg(v.indication == UY_IND_INDETERMINATE && v.sub == c->sub, "%s: got %s/%s (%s)",
	              c->name, uy_indication_name(v.indication), uy_subindication_name(v.sub),
	              v.reason);
	ck_assert_ptr_nonnull(v.clause);
	const uy_profile_finding *x = find_rule(&fs, c->fail_rule);
	ck_assert_msg(x != NULL && !x->passed, "%s: rule %s did not fail", c->name, c->fail_rule);
	ck_assert_int_eq(x->verdict.sub, c->sub);
	ck_assert_str_eq(x->verdict.reason, v.reason);	/* the only failure is the verdict */
	ck_assert_msg(failed_count(&fs) == 1, "%s: %zu rules failed", c->name, failed_count(&fs));
	if (c->reason_part != NULL) {
		ck_assert_msg(strstr(x->verdict.reason, c->reason_part) != NULL, "%s: reason \"%s\"",
		              c->name, x->verdict.reason);
	}
}
END_TEST

START_TEST(test_profile_order)
{
	/* Rules come in a fixed order; the verdict is the first failure. */
	static const char *const order[] = {R_POLICY, R_ST, R_ESS, R_TST, R_DELAY,
	                                    R_LEVEL, R_REV, R_GRACE};
	uy_profile_facts f = good_facts(P3);
	uy_profile_findings fs;
	uy_verdict v;

	ck_assert_int_eq(uy_profile_check(&v, &fs, NULL, NULL, &f, NULL), UY_OK);
	ck_assert_uint_eq(fs.count, 8);
	for (size_t i = 0; i < fs.count; i++) {
		ck_assert_str_eq(fs.findings[i].rule, order[i]);
	}
	f.ess_version = 1;
	f.signer_revocation = 2;
	f.policy.hash[0] ^= 1;
	ck_assert_int_eq(uy_profile_check(&v, &fs, NULL, NULL, &f, NULL), UY_OK);
	ck_assert_uint_eq(failed_count(&fs), 3);
	ck_assert_int_eq(v.sub, UY_SUB_POLICY_PROCESSING_ERROR);
	ck_assert_str_eq(v.reason, fs.findings[0].verdict.reason);
	/* findings, effective and grace may be NULL. */
	ck_assert_int_eq(uy_profile_check(&v, NULL, NULL, NULL, &f, NULL), UY_OK);
	ck_assert_int_eq(v.sub, UY_SUB_POLICY_PROCESSING_ERROR);
}
END_TEST

START_TEST(test_profile_usage)
{
	uy_profile_facts f = good_facts(P2);
	uy_profile_options o = UY_PROFILE_OPTIONS_INIT;
	uy_verdict v;

	ck_assert_int_eq(uy_profile_check(&v, NULL, NULL, NULL, NULL, &o), UY_ERR_USAGE);
	ck_assert_int_eq(uy_profile_check(NULL, NULL, NULL, NULL, &f, &o), UY_ERR_USAGE);
	o.version = 2;
	ck_assert_int_eq(uy_profile_check(&v, NULL, NULL, NULL, &f, &o), UY_ERR_USAGE);
	o.version = UY_PROFILE_OPTIONS_VERSION;
	o.grace_seconds = -1;
	ck_assert_int_eq(uy_profile_check(&v, NULL, NULL, NULL, &f, &o), UY_ERR_USAGE);
	o.grace_seconds = 86400;
	f.claimed = (uy_profile)9;
	ck_assert_int_eq(uy_profile_check(&v, NULL, NULL, NULL, &f, &o), UY_ERR_USAGE);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Certificate profiles over the test PKI. */

typedef struct {
	const char *cert;
	uy_signer_role role;
	const char *fail_rule;		/* NULL: PASSED */
	const char *warn_rule;		/* a warning expected; NULL: none */
	const char *judged_as;		/* a rule that must be among the findings */
	size_t failures;		/* rules failed */
} cert_case;

#define PERSON UY_SIGNER_PERSON
#define SEAL UY_SIGNER_SEAL
#define ANY UY_SIGNER_ANY
#define NES_RULE "cert::nes::tckn"
#define SEAL_RULE "cert::seal::legal-entity"
/* An encryption certificate judged as a seal also has encipherment usages. */
#define ENC_WARN "cert::seal::no-encryption"

static const cert_case cert_cases[] = {
	{"nes", PERSON, NULL, NULL, NES_RULE, 0},
	{"nes-ec", PERSON, NULL, NULL, NES_RULE, 0},
	{"nes-revoked-after", PERSON, NULL, NULL, NES_RULE, 0},
	{"nes-no-nonrepudiation", PERSON, "cert::nes::non-repudiation", NULL, NES_RULE, 1},
	{"nes-no-notice-text", PERSON, "cert::nes::user-notice", NULL, NES_RULE, 1},
	{"nes-no-etsi-qc", PERSON, "cert::nes::qc-statements", NULL, NES_RULE, 1},
	{"nes-no-btk-qc", PERSON, "cert::nes::qc-statements", NULL, NES_RULE, 1},
	{"seal", SEAL, NULL, NULL, SEAL_RULE, 0},
	{"seal-natural-person", SEAL, "cert::seal::legal-entity", NULL, SEAL_RULE, 1},
	{"seal-key-encipherment", SEAL, NULL, "cert::seal::no-encryption", SEAL_RULE, 0},
	{"enc-for-signing", PERSON, "cert::enc::no-signing", NULL, NES_RULE, 5},
	{"enc-for-signing", SEAL, "cert::enc::no-signing", ENC_WARN, SEAL_RULE, 3},
	{"enc-rsa", PERSON, "cert::enc::no-signing", NULL, NES_RULE, 5},
	{"enc-rsa", SEAL, "cert::enc::no-signing", ENC_WARN, SEAL_RULE, 3},
	{"enc-ec", SEAL, "cert::enc::no-signing", ENC_WARN, SEAL_RULE, 3},
	{"enc-ec", PERSON, "cert::enc::no-signing", NULL, NES_RULE, 5},
	/* A person's NES is no seal; ANY picks the branch by the TCKN. */
	{"nes", SEAL, "cert::seal::legal-entity", NULL, SEAL_RULE, 1},
	{"nes", ANY, NULL, NULL, NES_RULE, 0},
	{"nes-no-btk-qc", ANY, "cert::nes::qc-statements", NULL, NES_RULE, 1},
	{"seal", ANY, NULL, NULL, SEAL_RULE, 0},
	{"seal-key-encipherment", ANY, NULL, "cert::seal::no-encryption", SEAL_RULE, 0},
	{"seal-natural-person", ANY, "cert::nes::qc-statements", NULL, NES_RULE, 1},
	{"enc-rsa", ANY, "cert::enc::no-signing", ENC_WARN, SEAL_RULE, 3},
};

START_TEST(test_cert_table)
{
	const cert_case *c = &cert_cases[_i];
	X509 *x = uy_test_pki_cert(c->cert);
	uy_certprofile_options o = UY_CERTPROFILE_OPTIONS_INIT;
	uy_profile_findings fs;
	uy_verdict v;

	ck_assert_int_eq(uy_certprofile_check(&v, &fs, x, c->role, &o), UY_OK);
	ck_assert_msg(find_rule(&fs, c->judged_as) != NULL, "%s/%d: not judged with %s", c->cert,
	              (int)c->role, c->judged_as);
	ck_assert_str_eq(fs.findings[0].rule, "cert::enc::no-signing");
	ck_assert_msg(failed_count(&fs) == c->failures, "%s/%d: %zu failures (%s)", c->cert,
	              (int)c->role, failed_count(&fs), v.reason);
	size_t warnings = 0;
	for (size_t i = 0; i < fs.count; i++) {
		const uy_profile_finding *f = &fs.findings[i];
		warnings += f->warning;
		if (f->warning) {
			ck_assert_int_eq(f->verdict.indication, UY_IND_PASSED);
			ck_assert(f->verdict.reason[0] != '\0');
		}
		if (!f->passed && !f->warning) {
			ck_assert_int_eq(f->verdict.indication, UY_IND_INDETERMINATE);
			ck_assert_int_eq(f->verdict.sub, UY_SUB_CHAIN_CONSTRAINTS_FAILURE);
			ck_assert_ptr_nonnull(f->verdict.clause);
		}
	}
	if (c->warn_rule != NULL) {
		const uy_profile_finding *w = find_rule(&fs, c->warn_rule);
		ck_assert_msg(w != NULL && w->warning && !w->passed, "%s: no warning", c->cert);
		ck_assert_uint_eq(warnings, 1);
	} else {
		ck_assert_uint_eq(warnings, 0);
	}
	if (c->fail_rule == NULL) {
		ck_assert_msg(v.indication == UY_IND_PASSED, "%s/%d: %s", c->cert, (int)c->role,
		              v.reason);
	} else {
		ck_assert_int_eq(v.indication, UY_IND_INDETERMINATE);
		ck_assert_int_eq(v.sub, UY_SUB_CHAIN_CONSTRAINTS_FAILURE);
		const uy_profile_finding *f = find_rule(&fs, c->fail_rule);
		ck_assert_msg(f != NULL && !f->passed, "%s: %s passed", c->cert, c->fail_rule);
		/* The verdict is the first failure, and that is this rule. */
		ck_assert_msg(strcmp(v.reason, f->verdict.reason) == 0, "%s: verdict \"%s\"", c->cert,
		              v.reason);
	}
	X509_free(x);
}
END_TEST

/* A copy of `role` with a new subject: C=TR plus the given attributes. */
static X509 *
with_subject(const char *role, const char *const *kv, size_t n, int type)
{
	X509 *x = uy_test_pki_cert(role);
	X509_NAME *name = X509_NAME_new();
	ck_assert_ptr_nonnull(name);
	ck_assert_int_eq(X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC,
	                                            (const unsigned char *)"TR", -1, -1, 0), 1);
	for (size_t i = 0; i + 1 < n; i += 2) {
		ck_assert_int_eq(X509_NAME_add_entry_by_txt(name, kv[i], type,
		                                            (const unsigned char *)kv[i + 1], -1, -1,
		                                            0),
		                 1);
	}
	ck_assert_int_eq(X509_set_subject_name(x, name), 1);
	X509_NAME_free(name);
	return x;
}

static void
assert_cert_rule(X509 *x, uy_signer_role role, const char *rule, int passed,
                 const char *reason_part)
{
	uy_profile_findings fs;
	uy_verdict v;
	ck_assert_int_eq(uy_certprofile_check(&v, &fs, x, role, NULL), UY_OK);
	const uy_profile_finding *f = find_rule(&fs, rule);
	ck_assert_msg(f != NULL, "%s not evaluated", rule);
	ck_assert_msg(f->passed == passed, "%s: passed=%d (%s)", rule, f->passed,
	              f->verdict.reason);
	if (reason_part != NULL) {
		ck_assert_msg(strstr(f->verdict.reason, reason_part) != NULL, "%s: \"%s\"", rule,
		              f->verdict.reason);
	}
}

START_TEST(test_cert_subjects)
{
	static const char *const bad_sum[] = {"serialNumber", "12345678901", "CN", "x"};
	static const char *const letters[] = {"serialNumber", "1000000014A"};
	static const char *const ten[] = {"serialNumber", "1000000014"};
	static const char *const pno[] = {"serialNumber", "PNOTR-10000000146"};
	static const char *const none[] = {"CN", "TEST Ayşe"};
	static const char *const two[] = {"serialNumber", "10000000146", "serialNumber",
	                                  "10000000146"};
	static const char *const named[] = {"O", "Kurum", "givenName", "Ayse", "surname", "Y"};
	static const char *const hostile[] = {"serialNumber", "\x01\x02\"<script>"};
	X509 *x = NULL;

	x = with_subject("nes", bad_sum, 4, MBSTRING_ASC);
	assert_cert_rule(x, PERSON, "cert::nes::tckn", 0, "fails the TCKN checksum");
	/* 11 digits look like a TCKN even with a bad checksum: never a seal. */
	assert_cert_rule(x, SEAL, "cert::seal::legal-entity", 0, "is a TCKN");
	assert_cert_rule(x, ANY, "cert::nes::tckn", 0, NULL);
	X509_free(x);
	x = with_subject("nes", letters, 2, MBSTRING_ASC);
	assert_cert_rule(x, PERSON, "cert::nes::tckn", 0, "not an 11-digit TCKN");
	X509_free(x);
	x = with_subject("nes", ten, 2, MBSTRING_ASC);
	assert_cert_rule(x, PERSON, "cert::nes::tckn", 0, "not an 11-digit TCKN");
	X509_free(x);
	x = with_subject("nes", none, 2, MBSTRING_ASC);
	assert_cert_rule(x, PERSON, "cert::nes::tckn", 0, "no serialNumber");
	X509_free(x);
	x = with_subject("nes", two, 4, MBSTRING_ASC);
	assert_cert_rule(x, PERSON, "cert::nes::tckn", 0, "more than one");
	X509_free(x);
	x = with_subject("seal", named, 6, MBSTRING_ASC);
	assert_cert_rule(x, SEAL, "cert::seal::legal-entity", 0, "givenName or surname");
	X509_free(x);
	x = with_subject("nes", hostile, 2, V_ASN1_UTF8STRING);
	assert_cert_rule(x, PERSON, "cert::nes::tckn", 0, "\"??\"<script>\"");
	X509_free(x);

	/* "PNOTR-" + TCKN: EN 319 412-1 form, accepted only with eu_412. */
	x = with_subject("nes", pno, 2, MBSTRING_ASC);
	assert_cert_rule(x, PERSON, "cert::nes::tckn", 0, NULL);
	uy_certprofile_options o = UY_CERTPROFILE_OPTIONS_INIT;
	o.eu_412 = 1;
	uy_profile_findings fs;
	uy_verdict v;
	ck_assert_int_eq(uy_certprofile_check(&v, &fs, x, PERSON, &o), UY_OK);
	ck_assert_int_eq(find_rule(&fs, "cert::nes::tckn")->passed, 1);
	X509_free(x);
}
END_TEST

/* Replace (or add) the qcStatements extension of a copy of `role`. */
static X509 *
with_qc(const char *role, const uint8_t *der, size_t len)
{
	X509 *x = uy_test_pki_cert(role);
	int pos = X509_get_ext_by_NID(x, NID_qcStatements, -1);
	if (pos >= 0) {
		X509_EXTENSION_free(X509_delete_ext(x, pos));
	}
	ASN1_OCTET_STRING *os = ASN1_OCTET_STRING_new();
	ck_assert_ptr_nonnull(os);
	ck_assert_int_eq(ASN1_OCTET_STRING_set(os, der, (int)len), 1);
	X509_EXTENSION *ext = X509_EXTENSION_create_by_NID(NULL, NID_qcStatements, 0, os);
	ck_assert_ptr_nonnull(ext);
	ck_assert_int_eq(X509_add_ext(x, ext, -1), 1);
	X509_EXTENSION_free(ext);
	ASN1_OCTET_STRING_free(os);
	return x;
}

START_TEST(test_cert_qc_statements)
{
	/* QcCompliance + QcType { id-etsi-qct-eseal } (EN 319 412-5 §4.2.3). */
	static const uint8_t es[] = {
		0x30, 0x1F,
		0x30, 0x08, 0x06, 0x06, 0x04, 0x00, 0x8E, 0x46, 0x01, 0x01,
		0x30, 0x13, 0x06, 0x06, 0x04, 0x00, 0x8E, 0x46, 0x01, 0x06,
		0x30, 0x09, 0x06, 0x07, 0x04, 0x00, 0x8E, 0x46, 0x01, 0x06, 0x02,
	};
	/* QcCompliance + BTK 2.16.792.1.61.0.1.5070.2.1. */
	static const uint8_t nq[] = {
		0x30, 0x19, 0x30, 0x08, 0x06, 0x06, 0x04, 0x00, 0x8E, 0x46, 0x01, 0x01,
		0x30, 0x0D, 0x06, 0x0B, 0x60, 0x86, 0x18, 0x01, 0x3D, 0x00, 0x01, 0xA7, 0x4E, 0x02, 0x01,
	};
	/* A statement whose id is an INTEGER. */
	static const uint8_t garbage[] = {0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x00};
	/* QcType whose statementInfo is not a SEQUENCE OF OID. */
	static const uint8_t bad_type[] = {0x30, 0x0C, 0x30, 0x0A, 0x06, 0x06, 0x04, 0x00,
	                                   0x8E, 0x46, 0x01, 0x06, 0x05, 0x00};
	X509 *x = NULL;
	size_t n = sizeof(es);

	x = with_qc("seal", es, n);
	assert_cert_rule(x, SEAL, "cert::seal::legal-entity", 1, NULL);
	uy_certprofile_options o = UY_CERTPROFILE_OPTIONS_INIT;
	o.eu_412 = 1;
	uy_profile_findings fs;
	uy_verdict v;
	ck_assert_int_eq(uy_certprofile_check(&v, &fs, x, SEAL, &o), UY_OK);
	ck_assert_int_eq(find_rule(&fs, "cert::eu412::qc-type")->passed, 1);
	ck_assert_int_eq(find_rule(&fs, "cert::eu412::semantics-id")->passed, 0);
	X509_free(x);

	/* The NES with QcCompliance + 5070.2.1 (nitelikli) passes qc-statements. */
	x = with_qc("nes", nq, sizeof(nq));
	assert_cert_rule(x, PERSON, "cert::nes::qc-statements", 1, NULL);
	/* ...but 5070.2.1 alone is no e-Mühür pair. */
	assert_cert_rule(x, SEAL, "cert::seal::legal-entity", 0, NULL);
	X509_free(x);

	x = with_qc("nes", garbage, sizeof(garbage));
	assert_cert_rule(x, PERSON, "cert::nes::qc-statements", 0, "malformed");
	X509_free(x);
	x = with_qc("nes", nq, sizeof(nq) - 1);
	assert_cert_rule(x, PERSON, "cert::nes::qc-statements", 0, "malformed");
	X509_free(x);
	x = with_qc("seal", bad_type, sizeof(bad_type));
	assert_cert_rule(x, SEAL, "cert::seal::legal-entity", 0, "malformed");
	X509_free(x);

	/* eu_412 off: the EN 319 412 rules are not evaluated. */
	x = uy_test_pki_cert("nes");
	ck_assert_int_eq(uy_certprofile_check(&v, &fs, x, PERSON, NULL), UY_OK);
	ck_assert_ptr_null(find_rule(&fs, "cert::eu412::qc-type"));
	ck_assert_uint_eq(fs.count, 5);
	o.eu_412 = 1;
	ck_assert_int_eq(uy_certprofile_check(&v, &fs, x, PERSON, &o), UY_OK);
	ck_assert_uint_eq(fs.count, 7);
	ck_assert_int_eq(find_rule(&fs, "cert::eu412::qc-type")->passed, 0);	/* no QcType */
	ck_assert_int_eq(v.indication, UY_IND_INDETERMINATE);
	X509_free(x);
}
END_TEST

START_TEST(test_cert_usage)
{
	X509 *x = uy_test_pki_cert("nes");
	uy_certprofile_options o = UY_CERTPROFILE_OPTIONS_INIT;
	uy_verdict v;
	ck_assert_int_eq(uy_certprofile_check(&v, NULL, NULL, PERSON, &o), UY_ERR_USAGE);
	ck_assert_int_eq(uy_certprofile_check(NULL, NULL, x, PERSON, &o), UY_ERR_USAGE);
	ck_assert_int_eq(uy_certprofile_check(&v, NULL, x, (uy_signer_role)7, &o), UY_ERR_USAGE);
	o.version = 0;
	ck_assert_int_eq(uy_certprofile_check(&v, NULL, x, PERSON, &o), UY_ERR_USAGE);
	/* findings may be NULL. */
	ck_assert_int_eq(uy_certprofile_check(&v, NULL, x, PERSON, NULL), UY_OK);
	ck_assert_int_eq(v.indication, UY_IND_PASSED);
	X509_free(x);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Algorithms. */

#define T_2019_END INT64_C(1577836799)	/* 2019-12-31T23:59:59Z */

static const struct {
	const char *cert;
	int digest_nid;
	int64_t when;
	int pass;
	int warning;
	const char *reason_part;
} algo_cases[] = {
	{"nes", NID_sha256, T_SIGN, 1, 0, NULL},
	{"nes", NID_sha384, T_SIGN, 1, 0, NULL},
	{"nes", NID_sha512, T_SIGN, 1, 0, NULL},
	{"nes", NID_sha3_256, T_SIGN, 1, 0, NULL},
	{"nes-ec", NID_sha384, T_SIGN, 1, 0, NULL},
	{"nes", NID_sha1, T_SIGN, 1, 1, NULL},
	{"nes", NID_md5, T_SIGN, 0, 0, "digest MD5"},
	{"nes", NID_undef, T_SIGN, 0, 0, "unknown"},
	{"nes", NID_sha224, T_2019_END, 1, 0, NULL},
	{"nes", NID_sha224, T_2019_END + 1, 0, 0, "SHA-224"},
	{"nes-rsa1024", NID_sha256, T_SIGN, 0, 0, "RSA key of 1024 bits; at least 2048"},
	{"nes-rsa1024", NID_sha1, T_SIGN, 0, 0, "RSA key of 1024 bits"},
	{"root-ec", NID_sha384, T_SIGN, 1, 0, NULL},
};

START_TEST(test_algorithms)
{
	X509 *x = uy_test_pki_cert(algo_cases[_i].cert);
	uy_verdict v;
	int warning = -1;
	ck_assert_int_eq(uy_algorithms_check(&v, &warning, algo_cases[_i].digest_nid,
	                                     X509_get0_pubkey(x), algo_cases[_i].when),
	                 UY_OK);
	ck_assert_msg((v.indication == UY_IND_PASSED) == algo_cases[_i].pass, "case %d: %s/%s %s",
	              _i, uy_indication_name(v.indication), uy_subindication_name(v.sub),
	              v.reason);
	ck_assert_int_eq(warning, algo_cases[_i].warning);
	if (!algo_cases[_i].pass) {
		ck_assert_int_eq(v.indication, UY_IND_INDETERMINATE);
		ck_assert_int_eq(v.sub, UY_SUB_CRYPTO_CONSTRAINTS_FAILURE);
		ck_assert_ptr_nonnull(v.clause);
	}
	if (algo_cases[_i].reason_part != NULL) {
		ck_assert_msg(strstr(v.reason, algo_cases[_i].reason_part) != NULL, "\"%s\"",
		              v.reason);
	}
	X509_free(x);
}
END_TEST

START_TEST(test_algorithms_keys)
{
	uy_verdict v;
	/* EC P-256 is the floor; an Ed25519 key is not in the table. */
	EVP_PKEY *ec = EVP_EC_gen("prime256v1");
	ck_assert_ptr_nonnull(ec);
	ck_assert_int_eq(uy_algorithms_check(&v, NULL, NID_sha256, ec, T_SIGN), UY_OK);
	ck_assert_int_eq(v.indication, UY_IND_PASSED);
	EVP_PKEY_free(ec);
	ec = EVP_EC_gen("secp224r1");
	ck_assert_ptr_nonnull(ec);
	ck_assert_int_eq(uy_algorithms_check(&v, NULL, NID_sha256, ec, T_SIGN), UY_OK);
	ck_assert_int_eq(v.sub, UY_SUB_CRYPTO_CONSTRAINTS_FAILURE);
	ck_assert_ptr_nonnull(strstr(v.reason, "EC key of 224 bits"));
	EVP_PKEY_free(ec);
	EVP_PKEY *ed = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	ck_assert_ptr_nonnull(ed);
	ck_assert_int_eq(uy_algorithms_check(&v, NULL, NID_sha512, ed, T_SIGN), UY_OK);
	ck_assert_int_eq(v.sub, UY_SUB_CRYPTO_CONSTRAINTS_FAILURE);
	ck_assert_ptr_nonnull(strstr(v.reason, "not in the BTK algorithm table"));
	EVP_PKEY_free(ed);
	ck_assert_int_eq(uy_algorithms_check(&v, NULL, NID_sha256, NULL, T_SIGN), UY_ERR_USAGE);
	ck_assert_int_eq(uy_algorithms_check(NULL, NULL, NID_sha256, NULL, T_SIGN), UY_ERR_USAGE);
}
END_TEST

/* ------------------------------------------------------------------ */

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
uy_profile_suite(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("profile");
	tcase_add_test(tc, test_names);
	tcase_add_loop_test(tc, test_tckn, 0, N_OF(tckn_cases));
	tcase_add_test(tc, test_tckn_len);
	tcase_add_test(tc, test_policy_corpus);
	tcase_add_loop_test(tc, test_policy_corpus_judged, 0, N_OF(policy_judged));
	tcase_add_test(tc, test_policy_handmade);
	tcase_add_loop_test(tc, test_profile_table, 0, N_OF(profile_cases));
	tcase_add_test(tc, test_profile_order);
	tcase_add_test(tc, test_profile_usage);
	tcase_add_loop_test(tc, test_cert_table, 0, N_OF(cert_cases));
	tcase_add_test(tc, test_cert_subjects);
	tcase_add_test(tc, test_cert_qc_statements);
	tcase_add_test(tc, test_cert_usage);
	tcase_add_loop_test(tc, test_algorithms, 0, N_OF(algo_cases));
	tcase_add_test(tc, test_algorithms_keys);
	suite_add_tcase(s, tc);
	return s;
}

UY_TEST_MAIN(uy_profile_suite)
