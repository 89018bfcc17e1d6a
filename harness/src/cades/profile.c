/*
 * profile.c - the BTK signature profiles P1-P4 (uy_profile.h): the
 * signature-policy-identifier decoder, the profile rules over facts the
 * orchestrator established, and the dated algorithm table.
 *
 * Nothing here reads a clock or parses a signature: the rules are pure
 * functions of their inputs, so every boundary can be tested with a table.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/asn1t.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "uyum/uy_profile.h"

#define CL_POLICY "BTK Rehber §8 Tablo 1; RFC 5126 §5.8.1; ETSI EN 319 102-1 §5.2.8"
#define CL_TABLO2 "BTK Rehber §8.5 Tablo 2; ETSI EN 319 102-1 §5.2.8"
#define CL_DELAY "BTK P2-P4 policies (2 h); MA3 TurkishProfileAttributesChecker"
#define CL_REVOCATION "BTK Rehber §8 Tablo 1; MA3 ProfileRevocationValueMatcherChecker"
#define CL_GRACE "BTK P2/P3 policies (kesinleşme süresi); ETSI EN 319 102-1 §5.1.3"
#define CL_ALGO "BTK Tebliğ art. 6 (RG 30123, 32057, 33345); ETSI TS 119 312"

/* Policy OIDs of the profiles (spec §2.1). */
#define OID_P2 "2.16.792.1.61.0.1.5070.3.1.1"
#define OID_P3 "2.16.792.1.61.0.1.5070.3.2.1"
#define OID_P4 "2.16.792.1.61.0.1.5070.3.3.1"
/* Qualifier ids (RFC 5126 §5.8.1): id-spq-ets-uri, id-spq-ets-unotice. */
#define OID_SPURI "1.2.840.113549.1.9.16.5.1"
#define OID_SPUNOTICE "1.2.840.113549.1.9.16.5.2"

/* Time-stamp delay window of MA3 (spec §2.4), seconds, bounds inclusive. */
#define DELAY_BEFORE 300
#define DELAY_AFTER 7200

/* Longest SignaturePolicyIdentifier decoded: a few hundred bytes in practice,
 * a user notice of RFC 5280's 200 characters included; also bounds d2i's long. */
#define PROF_MAX_POLICY_DER 65536u

/* The deployed policy digest: SHA-256 of the whole Rehber PDF (spec §2.3). */
static const uint8_t deployed_hash[32] = {
	0xFF, 0x39, 0xBD, 0x29, 0x46, 0x33, 0x83, 0xF6, 0x9B, 0x20, 0x52, 0xAC, 0x47, 0x43, 0x9E, 0x06,
	0xCE, 0x7C, 0x3B, 0x86, 0x46, 0xE8, 0x88, 0xB6, 0xE5, 0xAE, 0x3E, 0x46, 0xBA, 0x08, 0x11, 0x7A,
};

/* The SignPolicyDigest of each profile's CAdES XML policy (spec §2.3 table). */
static const uint8_t xml_hash_p2[32] = {
	0xF3, 0xBA, 0x3B, 0x20, 0xC6, 0x61, 0x9C, 0x04, 0x7A, 0xCA, 0x43, 0x81, 0xE2, 0xA3, 0x85, 0x17,
	0xE2, 0x1F, 0x20, 0x70, 0x0F, 0x1C, 0x45, 0xA4, 0xB1, 0xFE, 0xA7, 0xE2, 0x7F, 0x29, 0x96, 0x08,
};
static const uint8_t xml_hash_p3[32] = {
	0xB8, 0xA7, 0x6D, 0xC5, 0xB4, 0x1B, 0x78, 0x12, 0x0D, 0x28, 0x17, 0x96, 0x75, 0x64, 0x78, 0x6F,
	0x38, 0x7C, 0x7F, 0xBB, 0x1A, 0xC3, 0xE5, 0x6F, 0x39, 0xB2, 0x05, 0xF8, 0xE2, 0x91, 0x90, 0xD1,
};
static const uint8_t xml_hash_p4[32] = {
	0x54, 0xE0, 0x38, 0xE3, 0xC7, 0x06, 0xEE, 0x0E, 0x27, 0x20, 0x59, 0x60, 0xD2, 0xF9, 0x8E, 0xC5,
	0x7B, 0x0A, 0x00, 0x3B, 0x8F, 0x86, 0xB9, 0x89, 0x52, 0x87, 0x66, 0xF4, 0x31, 0xC9, 0xC8, 0xC1,
};

/* ------------------------------------------------------------------ */
/* Names. */

/* see uy_profile.h */
const char *
uy_profile_name(uy_profile p)
{
	switch (p) {
	case UY_PROFILE_P1:
		return "P1";
	case UY_PROFILE_P2:
		return "P2";
	case UY_PROFILE_P3:
		return "P3";
	case UY_PROFILE_P4:
		return "P4";
	case UY_PROFILE_NONE:
	default:
		return "";
	}
}

/* see uy_profile.h */
uy_profile
uy_profile_parse(const char *s)
{
	if (s == NULL || (s[0] != 'P' && s[0] != 'p') || s[1] < '1' || s[1] > '4' || s[2] != '\0') {
		return UY_PROFILE_NONE;
	}
	return (uy_profile)(UY_PROFILE_P1 + (s[1] - '1'));
}

/* The policy OID a profile requires; NULL for P1 and NONE. */
static const char *
profile_oid(uy_profile p)
{
	switch (p) {
	case UY_PROFILE_P2:
		return OID_P2;
	case UY_PROFILE_P3:
		return OID_P3;
	case UY_PROFILE_P4:
		return OID_P4;
	case UY_PROFILE_P1:
	case UY_PROFILE_NONE:
	default:
		return NULL;
	}
}

/* The profile whose policy OID is `oid`; NONE for any other OID. */
static uy_profile
profile_of_oid(const char *oid)
{
	for (uy_profile p = UY_PROFILE_P2; p <= UY_PROFILE_P4; p++) {
		if (strcmp(oid, profile_oid(p)) == 0) {
			return p;
		}
	}
	return UY_PROFILE_NONE;
}

/* ------------------------------------------------------------------ */
/* SignaturePolicyIdentifier (RFC 5126 §5.8.1), decoded with templates. */

/* OtherHashAlgAndValue ::= SEQUENCE { hashAlgorithm, hashValue OCTET STRING } */
typedef struct {
	X509_ALGOR *alg;
	ASN1_OCTET_STRING *value;
} prof_hash_av;

/* SigPolicyQualifierInfo ::= SEQUENCE { sigPolicyQualifierId, sigQualifier ANY } */
typedef struct {
	ASN1_OBJECT *id;
	ASN1_TYPE *qualifier;
} prof_spq_info;

DEFINE_STACK_OF(prof_spq_info)

/* SignaturePolicyId ::= SEQUENCE { sigPolicyId, sigPolicyHash, sigPolicyQualifiers OPTIONAL } */
typedef struct {
	ASN1_OBJECT *id;
	prof_hash_av *hash;
	STACK_OF(prof_spq_info) *qualifiers;
} prof_sig_policy_id;

ASN1_SEQUENCE(prof_hash_av) = {
	ASN1_SIMPLE(prof_hash_av, alg, X509_ALGOR),
	ASN1_SIMPLE(prof_hash_av, value, ASN1_OCTET_STRING)
} static_ASN1_SEQUENCE_END(prof_hash_av)

ASN1_SEQUENCE(prof_spq_info) = {
	ASN1_SIMPLE(prof_spq_info, id, ASN1_OBJECT),
	ASN1_SIMPLE(prof_spq_info, qualifier, ASN1_ANY)
} static_ASN1_SEQUENCE_END(prof_spq_info)

ASN1_SEQUENCE(prof_sig_policy_id) = {
	ASN1_SIMPLE(prof_sig_policy_id, id, ASN1_OBJECT),
	ASN1_SIMPLE(prof_sig_policy_id, hash, prof_hash_av),
	ASN1_SEQUENCE_OF_OPT(prof_sig_policy_id, qualifiers, prof_spq_info)
} static_ASN1_SEQUENCE_END(prof_sig_policy_id)

/* Dotted text of an OID into buf; 0 when it does not fit or fails. */
static int
prof_oid_text(char *buf, size_t cap, const ASN1_OBJECT *obj)
{
	int n = OBJ_obj2txt(buf, (int)cap, obj, 1);
	if (n <= 0 || (size_t)n >= cap) {
		buf[0] = '\0';
		return 0;
	}
	return 1;
}

/* 1 if the qualifier value has the type its id requires (RFC 5126 §5.8.1). */
static int
prof_qualifier_ok(uy_policy_id *out, const prof_spq_info *q)
{
	char oid[sizeof(out->oid)];

	if (q->id == NULL || q->qualifier == NULL || !prof_oid_text(oid, sizeof(oid), q->id)) {
		return 0;
	}
	if (strcmp(oid, OID_SPURI) == 0) {
		/* SPuri ::= IA5String */
		if (ASN1_TYPE_get(q->qualifier) != V_ASN1_IA5STRING) {
			return 0;
		}
		out->has_spuri = 1;
	} else if (strcmp(oid, OID_SPUNOTICE) == 0) {
		/* SPUserNotice ::= SEQUENCE { noticeRef OPTIONAL, explicitText OPTIONAL }:
		 * the shape of X.509's UserNotice, so OpenSSL's template decodes it. */
		if (ASN1_TYPE_get(q->qualifier) != V_ASN1_SEQUENCE) {
			return 0;
		}
		const ASN1_STRING *s = q->qualifier->value.sequence;
		const unsigned char *p = s->data;
		USERNOTICE *un = d2i_USERNOTICE(NULL, &p, s->length);
		int whole = un != NULL && p == s->data + s->length;
		USERNOTICE_free(un);
		if (!whole) {
			return 0;
		}
		out->has_user_notice = 1;
	}
	/* Other qualifiers are allowed and ignored (RFC 5126 §5.8.1). */
	return 1;
}

/* see uy_profile.h */
uy_err
uy_policy_id_parse(uy_policy_id *out, uy_span value_der)
{
	uy_err rc = UY_OK;
	prof_sig_policy_id *sp = NULL;
	unsigned char *re = NULL;

	UY_ASSERT_ARG(out != NULL);
	UY_ASSERT_ARG(value_der.ptr != NULL || value_der.len == 0);
	memset(out, 0, sizeof(*out));
	out->hash_nid = NID_undef;
	UY_ENSURE(value_der.len >= 2 && value_der.len <= PROF_MAX_POLICY_DER, UY_ERR_SYNTAX);

	/* signaturePolicyImplied NULL: exactly 05 00. */
	if (value_der.ptr[0] == V_ASN1_NULL) {
		UY_ENSURE(value_der.len == 2 && value_der.ptr[1] == 0, UY_ERR_SYNTAX);
		out->present = 1;
		out->implied = 1;
		return UY_OK;
	}
	UY_ENSURE(value_der.ptr[0] == (V_ASN1_SEQUENCE | V_ASN1_CONSTRUCTED), UY_ERR_SYNTAX);

	const unsigned char *p = value_der.ptr;
	sp = (prof_sig_policy_id *)ASN1_item_d2i(NULL, &p, (long)value_der.len,
	                                         ASN1_ITEM_rptr(prof_sig_policy_id));
	UY_ENSURE_OUT(sp != NULL && p == value_der.ptr + value_der.len, UY_ERR_SYNTAX);
	/* OpenSSL accepts BER: DER is the only encoding that re-encodes to itself. */
	int relen = ASN1_item_i2d((ASN1_VALUE *)sp, &re, ASN1_ITEM_rptr(prof_sig_policy_id));
	UY_ENSURE_OUT(relen > 0 && (size_t)relen == value_der.len &&
	                  memcmp(re, value_der.ptr, value_der.len) == 0,
	              UY_ERR_SYNTAX);

	UY_ENSURE_OUT(prof_oid_text(out->oid, sizeof(out->oid), sp->id), UY_ERR_SYNTAX);
	out->hash_nid = OBJ_obj2nid(sp->hash->alg->algorithm);
	int hlen = ASN1_STRING_length(sp->hash->value);
	UY_ENSURE_OUT(hlen >= 0 && (size_t)hlen <= sizeof(out->hash), UY_ERR_SYNTAX);
	if (hlen > 0) {
		memcpy(out->hash, ASN1_STRING_get0_data(sp->hash->value), (size_t)hlen);
	}
	out->hash_len = (size_t)hlen;
	int nq = sk_prof_spq_info_num(sp->qualifiers);	/* -1 when absent */
	for (int i = 0; i < nq; i++) {
		UY_ENSURE_OUT(prof_qualifier_ok(out, sk_prof_spq_info_value(sp->qualifiers, i)),
		              UY_ERR_SYNTAX);
	}
	out->present = 1;
done:
	if (rc != UY_OK) {
		ERR_clear_error();
		memset(out, 0, sizeof(*out));
		out->hash_nid = NID_undef;
	}
	OPENSSL_free(re);
	ASN1_item_free((ASN1_VALUE *)sp, ASN1_ITEM_rptr(prof_sig_policy_id));
	return rc;
}

/* ------------------------------------------------------------------ */
/* Profile rules. */

/* a - b, saturated: the facts come from the caller and may be anything. */
static int64_t
prof_sub_sat(int64_t a, int64_t b)
{
	if (b < 0 && a > INT64_MAX + b) {
		return INT64_MAX;
	}
	if (b > 0 && a < INT64_MIN + b) {
		return INT64_MIN;
	}
	return a - b;
}

/* UTC seconds as "YYYY-MM-DDThh:mm:ssZ" (H. Hinnant's civil_from_days). */
static void
prof_format_utc(char *buf, size_t cap, int64_t t)
{
	/* Outside years 0-9999 the text form means nothing: print the number. */
	if (t < -62167219200LL || t > 253402300799LL) {
		snprintf(buf, cap, "%lld s", (long long)t);
		return;
	}
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400;
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2 ? 1 : 0;
	snprintf(buf, cap, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", (long long)y,
	         (long long)m, (long long)d, (long long)(secs / 3600),
	         (long long)(secs / 60 % 60), (long long)(secs % 60));
}

/* First bytes of a hash in hex, "..." when cut: reasons stay one line. */
static void
prof_hex_prefix(char *buf, size_t cap, const uint8_t *h, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = len < 8 ? len : 8;
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && o + 3 < cap; i++) {
		buf[o++] = hex[h[i] >> 4];
		buf[o++] = hex[h[i] & 0xf];
	}
	if (len > n && o + 4 < cap) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	if (len == 0) {
		snprintf(buf, cap, "(empty)");
	}
}

/* Append one finding (bounded by the array) and fold a failure into *out. */
static void
prof_record(uy_verdict *out, uy_profile_findings *fs, const char *rule, uy_indication ind,
            uy_subindication sub, const char *reason, const char *clause)
{
	uy_profile_finding f;

	memset(&f, 0, sizeof(f));
	f.rule = rule;
	f.verdict = UY_VERDICT_UNSET;
	if (ind == UY_IND_PASSED) {
		f.passed = 1;
		/* A passed rule may still say something (which policy digest matched). */
		uy_verdict_set(&f.verdict, UY_IND_PASSED, UY_SUB_NONE, reason, NULL);
	} else {
		uy_verdict_set(&f.verdict, ind, sub, reason, clause);
		uy_verdict_set(out, ind, sub, reason, clause);
	}
	if (fs != NULL && fs->count < UY_PROFILE_MAX_FINDINGS) {
		fs->findings[fs->count++] = f;
	}
}

#define PROF_PASS(rule, reason) \
	prof_record(out, findings, (rule), UY_IND_PASSED, UY_SUB_NONE, (reason), NULL)
#define PROF_FAIL(rule, sub, reason, clause) \
	prof_record(out, findings, (rule), UY_IND_INDETERMINATE, (sub), (reason), (clause))

/* cades::profile::policy (spec §2.1, §2.3). */
static void
prof_rule_policy(uy_verdict *out, uy_profile_findings *findings, uy_profile prof,
                 const uy_policy_id *pol, const uy_profile_options *opts)
{
	static const char rule[] = "cades::profile::policy";
	char msg[UY_VERDICT_REASON_MAX];
	const char *name = uy_profile_name(prof);

	if (prof == UY_PROFILE_P1) {
		if (!pol->present) {
			PROF_PASS(rule, NULL);
		} else {
			snprintf(msg, sizeof(msg), "P1 carries no signature-policy-identifier, found %s",
			         pol->implied ? "signaturePolicyImplied" : pol->oid);
			PROF_FAIL(rule, UY_SUB_POLICY_PROCESSING_ERROR, msg, CL_POLICY);
		}
		return;
	}
	const char *want = profile_oid(prof);
	if (!pol->present) {
		snprintf(msg, sizeof(msg), "no signature-policy-identifier; %s requires policy %s",
		         name, want);
		PROF_FAIL(rule, UY_SUB_POLICY_PROCESSING_ERROR, msg, CL_POLICY);
		return;
	}
	if (pol->implied) {
		snprintf(msg, sizeof(msg), "signaturePolicyImplied; %s requires policy %s", name,
		         want);
		PROF_FAIL(rule, UY_SUB_POLICY_PROCESSING_ERROR, msg, CL_POLICY);
		return;
	}
	if (strcmp(pol->oid, want) != 0) {
		uy_profile other = profile_of_oid(pol->oid);
		if (other != UY_PROFILE_NONE) {
			snprintf(msg, sizeof(msg), "policy OID %s is %s's; %s requires %s", pol->oid,
			         uy_profile_name(other), name, want);
		} else {
			snprintf(msg, sizeof(msg), "policy OID %s is not a BTK profile's; %s requires %s",
			         pol->oid, name, want);
		}
		PROF_FAIL(rule, UY_SUB_POLICY_PROCESSING_ERROR, msg, CL_POLICY);
		return;
	}
	if (pol->hash_nid != NID_sha256) {
		/* MA3's own wording, so evaluators recognise it. */
		snprintf(msg, sizeof(msg), "Policy digest algorithm is not SHA-256 (%s)",
		         pol->hash_nid != NID_undef ? OBJ_nid2sn(pol->hash_nid) : "unknown");
		PROF_FAIL(rule, UY_SUB_POLICY_PROCESSING_ERROR, msg, CL_POLICY);
		return;
	}
	if (pol->hash_len == sizeof(deployed_hash) &&
	    memcmp(pol->hash, deployed_hash, sizeof(deployed_hash)) == 0) {
		PROF_PASS(rule, NULL);
		return;
	}
	const uint8_t *xml = prof == UY_PROFILE_P2 ? xml_hash_p2
	                   : prof == UY_PROFILE_P3 ? xml_hash_p3 : xml_hash_p4;
	if (opts->accept_xml_policy_digest && pol->hash_len == 32 &&
	    memcmp(pol->hash, xml, 32) == 0) {
		snprintf(msg, sizeof(msg),
		         "sigPolicyHash is the %s CAdES XML policy digest (text-literal reading)",
		         name);
		PROF_PASS(rule, msg);
		return;
	}
	char hex[24];
	prof_hex_prefix(hex, sizeof(hex), pol->hash, pol->hash_len);
	snprintf(msg, sizeof(msg), "sigPolicyHash %s is not the deployed %s value FF39BD29...08117A%s",
	         hex, name, opts->accept_xml_policy_digest ? " nor its XML policy digest" : "");
	PROF_FAIL(rule, UY_SUB_POLICY_PROCESSING_ERROR, msg, CL_POLICY);
}

/* cades::profile::time-stamp-delay (spec §2.4): both times are known here. */
static void
prof_rule_delay(uy_verdict *out, uy_profile_findings *findings, uy_profile prof,
                const uy_profile_facts *f)
{
	static const char rule[] = "cades::profile::time-stamp-delay";
	char msg[UY_VERDICT_REASON_MAX];
	int64_t d = prof_sub_sat(f->sig_ts_time, f->signing_time);

	if (d >= -DELAY_BEFORE && d <= DELAY_AFTER) {
		PROF_PASS(rule, NULL);
		return;
	}
	if (d > 0) {
		snprintf(msg, sizeof(msg), "genTime is %lld s after signing-time; %s allows [-%d, +%d]",
		         (long long)d, uy_profile_name(prof), DELAY_BEFORE, DELAY_AFTER);
	} else {
		/* d < -300, so -d cannot overflow unless saturated; print it as is. */
		snprintf(msg, sizeof(msg), "genTime is %lld s before signing-time; %s allows [-%d, +%d]",
		         d == INT64_MIN ? (long long)INT64_MAX : (long long)-d, uy_profile_name(prof),
		         DELAY_BEFORE, DELAY_AFTER);
	}
	PROF_FAIL(rule, UY_SUB_SIG_CONSTRAINTS_FAILURE, msg, CL_DELAY);
}

/* cades::profile::level (spec §2.2): P3/P4 are ES-X-L. */
static void
prof_rule_level(uy_verdict *out, uy_profile_findings *findings, uy_profile prof,
                const uy_profile_facts *f)
{
	static const char rule[] = "cades::profile::level";
	char missing[128];
	char msg[UY_VERDICT_REASON_MAX];
	size_t o = 0;
	const struct {
		int have;
		const char *name;
	} attrs[] = {
		{f->has_cert_refs, "complete-certificate-refs"},
		{f->has_rev_refs, "complete-revocation-refs"},
		{f->has_cert_values, "certificate-values"},
		{f->has_rev_values, "revocation-values"},
	};

	missing[0] = '\0';
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		if (!attrs[i].have) {
			int n = snprintf(missing + o, sizeof(missing) - o, "%s%s", o > 0 ? ", " : "",
			                 attrs[i].name);
			if (n > 0 && (size_t)n < sizeof(missing) - o) {
				o += (size_t)n;
			}
		}
	}
	if (o == 0) {
		PROF_PASS(rule, NULL);
		return;
	}
	snprintf(msg, sizeof(msg), "%s requires CAdES-X-Long; missing %s", uy_profile_name(prof),
	         missing);
	PROF_FAIL(rule, UY_SUB_SIG_CONSTRAINTS_FAILURE, msg, CL_TABLO2);
}

/* cades::profile::revocation-source (spec §2.6): P3 a CRL, P4 an OCSP response. */
static void
prof_rule_revocation(uy_verdict *out, uy_profile_findings *findings, uy_profile prof,
                     const uy_profile_facts *f)
{
	static const char rule[] = "cades::profile::revocation-source";
	static const char *const src[] = {"no revocation data", "a CRL", "an OCSP response"};
	char msg[UY_VERDICT_REASON_MAX];
	int want = prof == UY_PROFILE_P3 ? 1 : 2;
	int have = f->signer_revocation >= 0 && f->signer_revocation <= 2 ? f->signer_revocation : 0;

	if (have == want) {
		PROF_PASS(rule, NULL);
		return;
	}
	snprintf(msg, sizeof(msg), "signer status established with %s; %s requires %s", src[have],
	         uy_profile_name(prof), src[want]);
	PROF_FAIL(rule, UY_SUB_SIG_CONSTRAINTS_FAILURE, msg, CL_REVOCATION);
}

/* cades::profile::grace (spec §2.5); sets *state. */
static void
prof_rule_grace(uy_verdict *out, uy_profile_findings *findings, uy_grace *state,
                const uy_profile_facts *f, const uy_profile_options *opts)
{
	static const char rule[] = "cades::profile::grace";
	char msg[UY_VERDICT_REASON_MAX];
	char when[48];	/* the longest form the format can give: 44 bytes */
	/* Saturated: a hostile genTime near INT64_MAX is simply never final. */
	int64_t final_at = f->sig_ts_time > INT64_MAX - opts->grace_seconds
	                       ? INT64_MAX
	                       : f->sig_ts_time + opts->grace_seconds;

	if (opts->ignore_grace || f->validation_time >= final_at) {
		*state = UY_GRACE_MATURE;
		PROF_PASS(rule, NULL);
		return;
	}
	*state = UY_GRACE_PREMATURE;
	prof_format_utc(when, sizeof(when), final_at);
	snprintf(msg, sizeof(msg),
	         "grace period of %lld s after the signature-time-stamp: not final until %s",
	         (long long)opts->grace_seconds, when);
	PROF_FAIL(rule, UY_SUB_TRY_LATER, msg, CL_GRACE);
}

/* see uy_profile.h */
uy_err
uy_profile_check(uy_verdict *out, uy_profile_findings *findings, uy_profile *effective,
                 uy_grace *grace, const uy_profile_facts *f, const uy_profile_options *opts)
{
	static const uy_profile_options defaults = UY_PROFILE_OPTIONS_INIT;
	char msg[UY_VERDICT_REASON_MAX];
	uy_grace state = UY_GRACE_NOT_APPLICABLE;

	UY_ASSERT_ARG(out != NULL && f != NULL);
	UY_ASSERT_ARG(opts == NULL || opts->version == UY_PROFILE_OPTIONS_VERSION);
	UY_ASSERT_ARG(opts == NULL || opts->grace_seconds >= 0);
	UY_ASSERT_ARG((int)f->claimed >= (int)UY_PROFILE_NONE && (int)f->claimed <= (int)UY_PROFILE_P4);
	if (opts == NULL) {
		opts = &defaults;
	}
	*out = UY_VERDICT_UNSET;
	if (findings != NULL) {
		memset(findings, 0, sizeof(*findings));
	}

	/* The profile judged: the claim, else the policy's, else P1. A policy
	 * naming no BTK profile is judged as P1, whose policy rule refuses it. */
	uy_profile prof = f->claimed;
	if (prof == UY_PROFILE_NONE) {
		prof = f->policy.present && !f->policy.implied ? profile_of_oid(f->policy.oid)
		                                               : UY_PROFILE_NONE;
		if (prof == UY_PROFILE_NONE) {
			prof = UY_PROFILE_P1;
		}
	}
	const char *name = uy_profile_name(prof);
	int timed = prof != UY_PROFILE_P1;

	/* *= spec signatures §2.1-§2.3 (Rehber §8 Tablo 1) */
	prof_rule_policy(out, findings, prof, &f->policy, opts);

	/* *= spec signatures §2.4
	 *# The same checker requires, for every Turkish profile, signing-time
	 *# and signing-certificate-v2. */
	if (f->signing_time_present) {
		PROF_PASS("cades::profile::signing-time", NULL);
	} else {
		snprintf(msg, sizeof(msg), "no signing-time attribute; %s requires one", name);
		PROF_FAIL("cades::profile::signing-time", UY_SUB_SIG_CONSTRAINTS_FAILURE, msg,
		          CL_TABLO2);
	}
	if (f->ess_version == 2) {
		PROF_PASS("cades::profile::signing-certificate-v2", NULL);
	} else {
		snprintf(msg, sizeof(msg), "%s; %s requires signing-certificate-v2 alone",
		         f->ess_version == 1   ? "signing-certificate v1 instead of v2"
		         : f->ess_version == 3 ? "both signing-certificate v1 and v2"
		                               : "no signing-certificate-v2 attribute",
		         name);
		PROF_FAIL("cades::profile::signing-certificate-v2", UY_SUB_SIG_CONSTRAINTS_FAILURE,
		          msg, CL_TABLO2);
	}

	if (timed) {
		int ts_ok = f->sig_ts_count > 0 && f->sig_ts_valid;
		if (ts_ok) {
			PROF_PASS("cades::profile::signature-time-stamp", NULL);
		} else {
			snprintf(msg, sizeof(msg), "%s; %s requires a valid one",
			         f->sig_ts_count == 0 ? "no signature-time-stamp"
			                              : "the signature-time-stamp is not valid",
			         name);
			PROF_FAIL("cades::profile::signature-time-stamp",
			          UY_SUB_SIG_CONSTRAINTS_FAILURE, msg, CL_TABLO2);
		}
		/* Judged only when both times are known; the rules above say why not. */
		if (ts_ok && f->signing_time_present) {
			prof_rule_delay(out, findings, prof, f);
		}
		if (prof == UY_PROFILE_P3 || prof == UY_PROFILE_P4) {
			prof_rule_level(out, findings, prof, f);
			prof_rule_revocation(out, findings, prof, f);
		}
		if ((prof == UY_PROFILE_P2 || prof == UY_PROFILE_P3) && ts_ok) {
			prof_rule_grace(out, findings, &state, f, opts);
		}
	}

	uy_verdict_set(out, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
	if (effective != NULL) {
		*effective = prof;
	}
	if (grace != NULL) {
		*grace = state;
	}
	return UY_OK;
}

/* ------------------------------------------------------------------ */
/* Dated algorithm table (spec §2.7). */

/* Last second of 2019-12-31 UTC: SHA-224's end. */
#define SHA224_NOT_AFTER 1577836799LL

/* see uy_profile.h */
uy_err
uy_algorithms_check(uy_verdict *out, int *warning, int digest_nid, EVP_PKEY *key, int64_t when)
{
	char msg[UY_VERDICT_REASON_MAX];
	int warn = 0;

	UY_ASSERT_ARG(out != NULL);
	*out = UY_VERDICT_UNSET;
	if (warning != NULL) {
		*warning = 0;
	}
	UY_ASSERT_ARG(key != NULL);

	switch (digest_nid) {
	case NID_sha256:
	case NID_sha384:
	case NID_sha512:
	case NID_sha3_256:
	case NID_sha3_384:
	case NID_sha3_512:
		break;
	case NID_sha224:
		if (when > SHA224_NOT_AFTER) {
			uy_verdict_set(out, UY_IND_INDETERMINATE, UY_SUB_CRYPTO_CONSTRAINTS_FAILURE,
			               "digest SHA-224 not accepted after 2019-12-31", CL_ALGO);
		}
		break;
	case NID_sha1:
		/* Kamu SM's suite lists SHA-1 signatures valid (spec §2.7, §8 A). */
		warn = 1;
		break;
	default:
		snprintf(msg, sizeof(msg), "digest %s is not in the BTK algorithm table",
		         digest_nid != NID_undef && OBJ_nid2sn(digest_nid) != NULL
		             ? OBJ_nid2sn(digest_nid)
		             : "unknown");
		uy_verdict_set(out, UY_IND_INDETERMINATE, UY_SUB_CRYPTO_CONSTRAINTS_FAILURE, msg,
		               CL_ALGO);
		break;
	}

	int bits = EVP_PKEY_get_bits(key);
	int min = 0;
	const char *kind = NULL;
	switch (EVP_PKEY_get_base_id(key)) {
	case EVP_PKEY_RSA:
	case EVP_PKEY_RSA_PSS:
		min = 2048;
		kind = "RSA";
		break;
	case EVP_PKEY_EC:
		min = 256;
		kind = "EC";
		break;
	case EVP_PKEY_DSA:
		min = 3072;
		kind = "DSA";
		break;
	default:
		break;
	}
	if (kind == NULL) {
		snprintf(msg, sizeof(msg), "key type %s is not in the BTK algorithm table",
		         EVP_PKEY_get0_type_name(key) != NULL ? EVP_PKEY_get0_type_name(key)
		                                              : "unknown");
		uy_verdict_set(out, UY_IND_INDETERMINATE, UY_SUB_CRYPTO_CONSTRAINTS_FAILURE, msg,
		               CL_ALGO);
	} else if (bits < min) {
		snprintf(msg, sizeof(msg), "%s key of %d bits; at least %d required", kind, bits, min);
		uy_verdict_set(out, UY_IND_INDETERMINATE, UY_SUB_CRYPTO_CONSTRAINTS_FAILURE, msg,
		               CL_ALGO);
	}
	uy_verdict_set(out, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
	/* A warning only means something on a pass. */
	if (warning != NULL) {
		*warning = warn && !uy_verdict_is_failure(out);
	}
	return UY_OK;
}
