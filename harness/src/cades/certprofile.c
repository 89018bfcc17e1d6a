/*
 * certprofile.c - certificate profiles of signers (uy_profile.h): NES of a
 * natural person, e-Mühür of a legal entity, and the encryption certificate
 * that must never sign (spec signatures §3).
 *
 * The certificate's facts are read once (keyUsage, qcStatements,
 * certificatePolicies, subject), then each rule is a short judgement over
 * them, so a malformed extension simply makes the rules needing it fail.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/asn1t.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "uyum/uy_profile.h"

#define CL_ENC "Başbakanlık Genelgesi 2017/21 §3; spec signatures §3.3, §3.4"
#define CL_NES_KU "MA3 QualifiedCertificateChecker; ETSI EN 319 412-2 §4.3.2; spec §3.1"
#define CL_NES_QC "ETSI EN 319 412-5 §4.2.1; BTK NES profile; spec signatures §3.1"
#define CL_NES_NOTICE "MA3 QualifiedCertificateChecker; RFC 5280 §4.2.1.4; spec §3.1"
#define CL_NES_TCKN "BTK NES profile (serialNumber = TCKN); spec signatures §3.1"
#define CL_SEAL_ENTITY "Elektronik Mühür Yönetmeliği (RG 31953); Genelge 2017/21 §1; spec §3.2"
#define CL_SEAL_KU "ETSI EN 319 412-3 §4.2; MA3 QualifiedCertificateChecker; spec §3.2"
#define CL_SEAL_ENC "Başbakanlık Genelgesi 2017/21 §2; spec signatures §3.4"
#define CL_EU412_TYPE "ETSI EN 319 412-5 §4.2.3; spec signatures §3.5"
#define CL_EU412_SEM "ETSI EN 319 412-1 §5.1; spec signatures §3.5"

/* Statement and identifier OIDs (spec §3.1, §3.2, §4.1). */
#define OID_QC_COMPLIANCE "0.4.0.1862.1.1"
#define OID_QC_TYPE "0.4.0.1862.1.6"
#define OID_QCT_ESIGN "0.4.0.1862.1.6.1"
#define OID_QCT_ESEAL "0.4.0.1862.1.6.2"
#define OID_BTK_NES "2.16.792.1.61.0.1.5070.1.1"	/* nitelikli (kurumsal) */
#define OID_BTK_SEAL_USE "2.16.792.1.61.0.1.5070.1.3"	/* with .1.1: kurumsal mühür */
#define OID_BTK_NQ "2.16.792.1.61.0.1.5070.2.1"		/* nitelikli */
#define OID_BTK_NQ_USE "2.16.792.1.61.0.1.5070.2.2"	/* with .2.1: nitelikli mühür */
#define OID_QCS_SYNTAX_V2 "1.3.6.1.5.5.7.11.2"
#define OID_SEM_NATURAL "0.4.0.194121.1.1"
#define OID_SEM_LEGAL "0.4.0.194121.1.2"

/* Statements looked at per certificate; more is a decoding failure. */
#define CP_MAX_STATEMENTS 64
/* Longest OID text compared. */
#define CP_OID_MAX 80

/* ------------------------------------------------------------------ */
/* qcStatements (RFC 3739 §3.2.6), decoded with templates. */

/* QCStatement ::= SEQUENCE { statementId OID, statementInfo ANY OPTIONAL } */
typedef struct {
	ASN1_OBJECT *id;
	ASN1_TYPE *info;
} cp_qc_statement;

DEFINE_STACK_OF(cp_qc_statement)
typedef STACK_OF(cp_qc_statement) cp_qc_statements;
typedef STACK_OF(ASN1_OBJECT) cp_oid_list;

/* SemanticsInformation ::= SEQUENCE { semanticsIdentifier OID OPTIONAL,
 *     nameRegistrationAuthorities SEQUENCE OF GeneralName OPTIONAL } */
typedef struct {
	ASN1_OBJECT *id;
	STACK_OF(GENERAL_NAME) *authorities;
} cp_semantics;

ASN1_SEQUENCE(cp_qc_statement) = {
	ASN1_SIMPLE(cp_qc_statement, id, ASN1_OBJECT),
	ASN1_OPT(cp_qc_statement, info, ASN1_ANY)
} static_ASN1_SEQUENCE_END(cp_qc_statement)

ASN1_ITEM_TEMPLATE(cp_qc_statements) =
	ASN1_EX_TEMPLATE_TYPE(ASN1_TFLG_SEQUENCE_OF, 0, statements, cp_qc_statement)
static_ASN1_ITEM_TEMPLATE_END(cp_qc_statements)

/* QcType ::= SEQUENCE OF OBJECT IDENTIFIER (EN 319 412-5 §4.2.3) */
ASN1_ITEM_TEMPLATE(cp_oid_list) =
	ASN1_EX_TEMPLATE_TYPE(ASN1_TFLG_SEQUENCE_OF, 0, oids, ASN1_OBJECT)
static_ASN1_ITEM_TEMPLATE_END(cp_oid_list)

ASN1_SEQUENCE(cp_semantics) = {
	ASN1_OPT(cp_semantics, id, ASN1_OBJECT),
	ASN1_SEQUENCE_OF_OPT(cp_semantics, authorities, GENERAL_NAME)
} static_ASN1_SEQUENCE_END(cp_semantics)

/* What the rules look at, read once. */
typedef struct {
	int ku_present;
	uint32_t ku;
	int qc_state;		/* 0 absent, 1 decoded, -1 malformed or repeated */
	int qc_compliance, btk_nes, btk_seal_use, btk_nq, btk_nq_use;
	int qct_esign, qct_eseal;
	int sem_natural, sem_legal;
	int pol_state;		/* 0 absent, 1 decoded, -1 malformed or repeated */
	int notice_text;	/* a UserNotice with non-blank explicitText */
	int serial_count;	/* subject serialNumber attributes */
	char serial[64];	/* the first, printable ASCII ('?' otherwise) */
	size_t serial_len;	/* its length in bytes (may exceed the copy) */
	int serial_clean;	/* all bytes printable ASCII and copied whole */
	int person_names;	/* givenName or surname present */
	int org_identifier;	/* organizationIdentifier present */
} cp_facts;

/* 1 if `obj` is the dotted OID `want`. */
static int
cp_oid_is(const ASN1_OBJECT *obj, const char *want)
{
	char buf[CP_OID_MAX];
	int n = OBJ_obj2txt(buf, (int)sizeof(buf), obj, 1);
	return n > 0 && (size_t)n < sizeof(buf) && strcmp(buf, want) == 0;
}

/* Decode an ANY holding a SEQUENCE with `it`, whole; NULL if it does not. */
static ASN1_VALUE *
cp_decode_any(const ASN1_TYPE *t, const ASN1_ITEM *it)
{
	if (t == NULL || ASN1_TYPE_get(t) != V_ASN1_SEQUENCE) {
		return NULL;
	}
	/* For SEQUENCE, OpenSSL keeps the whole TLV in value.sequence. */
	const ASN1_STRING *s = t->value.sequence;
	const unsigned char *p = s->data;
	ASN1_VALUE *v = ASN1_item_d2i(NULL, &p, s->length, it);
	if (v != NULL && p != s->data + s->length) {
		ASN1_item_free(v, it);
		v = NULL;
	}
	return v;
}

/* One statement into the facts. 0 if its statementInfo is malformed. */
static int
cp_read_statement(cp_facts *cf, const cp_qc_statement *st)
{
	if (cp_oid_is(st->id, OID_QC_COMPLIANCE)) {
		cf->qc_compliance = 1;
	} else if (cp_oid_is(st->id, OID_BTK_NES)) {
		cf->btk_nes = 1;
	} else if (cp_oid_is(st->id, OID_BTK_SEAL_USE)) {
		cf->btk_seal_use = 1;
	} else if (cp_oid_is(st->id, OID_BTK_NQ)) {
		cf->btk_nq = 1;
	} else if (cp_oid_is(st->id, OID_BTK_NQ_USE)) {
		cf->btk_nq_use = 1;
	} else if (cp_oid_is(st->id, OID_QC_TYPE)) {
		cp_oid_list *types = (cp_oid_list *)cp_decode_any(st->info,
		                                                  ASN1_ITEM_rptr(cp_oid_list));
		if (types == NULL) {
			return 0;
		}
		for (int i = 0; i < sk_ASN1_OBJECT_num(types) && i < CP_MAX_STATEMENTS; i++) {
			const ASN1_OBJECT *o = sk_ASN1_OBJECT_value(types, i);
			cf->qct_esign |= cp_oid_is(o, OID_QCT_ESIGN);
			cf->qct_eseal |= cp_oid_is(o, OID_QCT_ESEAL);
		}
		ASN1_item_free((ASN1_VALUE *)types, ASN1_ITEM_rptr(cp_oid_list));
	} else if (cp_oid_is(st->id, OID_QCS_SYNTAX_V2)) {
		/* statementInfo is optional here (RFC 3739 §3.2.6.1). */
		if (st->info != NULL) {
			cp_semantics *sem = (cp_semantics *)cp_decode_any(
			    st->info, ASN1_ITEM_rptr(cp_semantics));
			if (sem == NULL) {
				return 0;
			}
			if (sem->id != NULL) {
				cf->sem_natural |= cp_oid_is(sem->id, OID_SEM_NATURAL);
				cf->sem_legal |= cp_oid_is(sem->id, OID_SEM_LEGAL);
			}
			ASN1_item_free((ASN1_VALUE *)sem, ASN1_ITEM_rptr(cp_semantics));
		}
	}
	return 1;
}

/* qcStatements into the facts: qc_state 0 absent, 1 read, -1 malformed. */
static void
cp_read_qc(cp_facts *cf, X509 *cert)
{
	int pos = X509_get_ext_by_NID(cert, NID_qcStatements, -1);
	if (pos < 0) {
		return;
	}
	cf->qc_state = -1;
	/* RFC 5280 §4.2: an extension appears at most once. */
	if (X509_get_ext_by_NID(cert, NID_qcStatements, pos) >= 0) {
		return;
	}
	const ASN1_OCTET_STRING *data = X509_EXTENSION_get_data(X509_get_ext(cert, pos));
	if (data == NULL) {
		return;
	}
	const unsigned char *p = ASN1_STRING_get0_data(data);
	long len = ASN1_STRING_length(data);
	cp_qc_statements *sts = (cp_qc_statements *)ASN1_item_d2i(
	    NULL, &p, len, ASN1_ITEM_rptr(cp_qc_statements));
	if (sts == NULL || p != ASN1_STRING_get0_data(data) + len ||
	    sk_cp_qc_statement_num(sts) > CP_MAX_STATEMENTS) {
		ASN1_item_free((ASN1_VALUE *)sts, ASN1_ITEM_rptr(cp_qc_statements));
		return;
	}
	int ok = 1;
	for (int i = 0; i < sk_cp_qc_statement_num(sts) && ok; i++) {
		ok = cp_read_statement(cf, sk_cp_qc_statement_value(sts, i));
	}
	ASN1_item_free((ASN1_VALUE *)sts, ASN1_ITEM_rptr(cp_qc_statements));
	if (!ok) {
		/* Keep nothing half-read: the statements are judged as malformed. */
		cf->qc_compliance = cf->btk_nes = cf->btk_seal_use = cf->btk_nq = 0;
		cf->btk_nq_use = cf->qct_esign = cf->qct_eseal = 0;
		cf->sem_natural = cf->sem_legal = 0;
		return;
	}
	cf->qc_state = 1;
}

/* 1 if a DisplayText has a byte other than blanks. */
static int
cp_text_nonblank(const ASN1_STRING *s)
{
	const unsigned char *d = s != NULL ? ASN1_STRING_get0_data(s) : NULL;
	int n = s != NULL ? ASN1_STRING_length(s) : 0;
	for (int i = 0; d != NULL && i < n; i++) {
		if (d[i] != ' ' && d[i] != '\t' && d[i] != '\r' && d[i] != '\n' && d[i] != 0) {
			return 1;
		}
	}
	return 0;
}

/* certificatePolicies: a UserNotice qualifier with explicitText (RFC 5280 §4.2.1.4). */
static void
cp_read_policies(cp_facts *cf, X509 *cert)
{
	int crit = 0;
	CERTIFICATEPOLICIES *pols = X509_get_ext_d2i(cert, NID_certificate_policies, &crit, NULL);
	if (pols == NULL) {
		/* -1: absent; -2: repeated; otherwise it did not decode. */
		cf->pol_state = crit == -1 ? 0 : -1;
		return;
	}
	cf->pol_state = 1;
	for (int i = 0; i < sk_POLICYINFO_num(pols); i++) {
		const POLICYINFO *pi = sk_POLICYINFO_value(pols, i);
		for (int j = 0; pi != NULL && j < sk_POLICYQUALINFO_num(pi->qualifiers); j++) {
			const POLICYQUALINFO *q = sk_POLICYQUALINFO_value(pi->qualifiers, j);
			if (q != NULL && OBJ_obj2nid(q->pqualid) == NID_id_qt_unotice &&
			    q->d.usernotice != NULL && cp_text_nonblank(q->d.usernotice->exptext)) {
				cf->notice_text = 1;
			}
		}
	}
	CERTIFICATEPOLICIES_free(pols);
}

/* Subject attributes: serialNumber, givenName/surname, organizationIdentifier. */
static void
cp_read_subject(cp_facts *cf, X509 *cert)
{
	const X509_NAME *subj = X509_get_subject_name(cert);
	int pos = -1;

	while ((pos = X509_NAME_get_index_by_NID(subj, NID_serialNumber, pos)) >= 0) {
		if (cf->serial_count++ > 0) {
			continue;
		}
		const ASN1_STRING *s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subj, pos));
		const unsigned char *d = ASN1_STRING_get0_data(s);
		int n = ASN1_STRING_length(s);
		size_t len = n > 0 ? (size_t)n : 0;
		size_t k = 0;
		cf->serial_len = len;
		cf->serial_clean = len < sizeof(cf->serial);
		for (; k < len && k + 1 < sizeof(cf->serial); k++) {
			int printable = d[k] >= 0x20 && d[k] < 0x7f;
			cf->serial[k] = printable ? (char)d[k] : '?';
			cf->serial_clean &= printable;
		}
		cf->serial[k] = '\0';
	}
	cf->person_names = X509_NAME_get_index_by_NID(subj, NID_givenName, -1) >= 0 ||
	                   X509_NAME_get_index_by_NID(subj, NID_surname, -1) >= 0;
	cf->org_identifier = X509_NAME_get_index_by_NID(subj, NID_organizationIdentifier, -1) >= 0;
}

static void
cp_read(cp_facts *cf, X509 *cert)
{
	memset(cf, 0, sizeof(*cf));
	/* Caches the extensions; X509_get_key_usage gives 0 when they are invalid. */
	cf->ku_present = (X509_get_extension_flags(cert) & EXFLAG_KUSAGE) != 0;
	cf->ku = cf->ku_present ? X509_get_key_usage(cert) : 0;
	cp_read_qc(cf, cert);
	cp_read_policies(cf, cert);
	cp_read_subject(cf, cert);
	ERR_clear_error();
}

/* The TCKN inside the serialNumber: bare, or "PNOTR-" + TCKN under eu_412. */
static const char *
cp_tckn_part(const cp_facts *cf, int eu412, size_t *len)
{
	*len = 0;
	if (cf->serial_count == 0 || !cf->serial_clean) {
		return NULL;
	}
	if (eu412 && cf->serial_len > 6 && memcmp(cf->serial, "PNOTR-", 6) == 0) {
		*len = cf->serial_len - 6;
		return cf->serial + 6;
	}
	*len = cf->serial_len;
	return cf->serial;
}

/* A TCKN-shaped serialNumber: 11 ASCII digits, checksum aside (a person's). */
static int
cp_has_tckn_shape(const cp_facts *cf, int eu412)
{
	size_t len = 0;
	const char *t = cp_tckn_part(cf, eu412, &len);
	if (t == NULL || len != 11) {
		return 0;
	}
	for (size_t i = 0; i < len; i++) {
		if (t[i] < '0' || t[i] > '9') {
			return 0;
		}
	}
	return 1;
}

/* see uy_profile.h */
int
uy_tckn_valid(const char *s, size_t len)
{
	int d[11];

	if (s == NULL || len != 11) {
		return 0;
	}
	for (size_t i = 0; i < 11; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
		d[i] = s[i] - '0';
	}
	if (d[0] == 0) {
		return 0;
	}
	int odd = d[0] + d[2] + d[4] + d[6] + d[8];
	int even = d[1] + d[3] + d[5] + d[7];
	/* ((odd * 7 - even) mod 10), kept non-negative. */
	if (((odd * 7 - even) % 10 + 10) % 10 != d[9]) {
		return 0;
	}
	int sum = 0;
	for (int i = 0; i < 10; i++) {
		sum += d[i];
	}
	return sum % 10 == d[10];
}

/* ------------------------------------------------------------------ */
/* Rules. */

static void
cp_record(uy_verdict *out, uy_profile_findings *fs, const char *rule, int passed, int warning,
          const char *reason, const char *clause)
{
	uy_profile_finding f;

	memset(&f, 0, sizeof(f));
	f.rule = rule;
	f.passed = passed;
	f.warning = !passed && warning;
	f.verdict = UY_VERDICT_UNSET;
	if (passed || warning) {
		/* A warning keeps PASSED; its reason says what was seen. */
		uy_verdict_set(&f.verdict, UY_IND_PASSED, UY_SUB_NONE, passed ? NULL : reason, NULL);
	} else {
		uy_verdict_set(&f.verdict, UY_IND_INDETERMINATE, UY_SUB_CHAIN_CONSTRAINTS_FAILURE,
		               reason, clause);
		uy_verdict_set(out, UY_IND_INDETERMINATE, UY_SUB_CHAIN_CONSTRAINTS_FAILURE, reason,
		               clause);
	}
	if (fs != NULL && fs->count < UY_PROFILE_MAX_FINDINGS) {
		fs->findings[fs->count++] = f;
	}
}

#define CP_PASS(rule) cp_record(out, findings, (rule), 1, 0, NULL, NULL)
#define CP_FAIL(rule, reason, clause) cp_record(out, findings, (rule), 0, 0, (reason), (clause))
#define CP_ENC_BITS (KU_KEY_ENCIPHERMENT | KU_DATA_ENCIPHERMENT | KU_KEY_AGREEMENT)
#define CP_SIGN_BITS (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)

/* keyUsage nonRepudiation, shared by NES and seal (EN 319 412-2/-3). */
static void
cp_rule_nonrep(uy_verdict *out, uy_profile_findings *findings, const cp_facts *cf,
               const char *rule, const char *clause)
{
	if (cf->ku_present && (cf->ku & KU_NON_REPUDIATION)) {
		CP_PASS(rule);
	} else {
		CP_FAIL(rule, cf->ku_present ? "keyUsage lacks nonRepudiation"
		                             : "no keyUsage extension (nonRepudiation required)",
		        clause);
	}
}

/* The EN 319 412 rules of the eu_412 switch (spec §3.5). */
static void
cp_rules_eu412(uy_verdict *out, uy_profile_findings *findings, const cp_facts *cf, int person)
{
	if (person ? cf->qct_esign : cf->qct_eseal) {
		CP_PASS("cert::eu412::qc-type");
	} else {
		CP_FAIL("cert::eu412::qc-type",
		        person ? "no QcType statement with id-etsi-qct-esign 0.4.0.1862.1.6.1"
		               : "no QcType statement with id-etsi-qct-eseal 0.4.0.1862.1.6.2",
		        CL_EU412_TYPE);
	}
	int ok = person ? cf->sem_natural && cf->serial_count > 0 &&
	                      cf->serial_len > 3 && memcmp(cf->serial, "PNO", 3) == 0
	                : cf->sem_legal && cf->org_identifier;
	if (ok) {
		CP_PASS("cert::eu412::semantics-id");
	} else {
		CP_FAIL("cert::eu412::semantics-id",
		        person ? "no semantics identifier 0.4.0.194121.1.1 with a PNO serialNumber"
		               : "no semantics identifier 0.4.0.194121.1.2 with an "
		                 "organizationIdentifier",
		        CL_EU412_SEM);
	}
}

static void
cp_rules_person(uy_verdict *out, uy_profile_findings *findings, const cp_facts *cf, int eu412)
{
	char msg[UY_VERDICT_REASON_MAX];

	/* *= spec signatures §3.1
	 *# keyUsage has nonRepudiation; the expression holds; certificatePolicies
	 *# has a UserNotice (`1.3.6.1.5.5.7.2.2`) with text. */
	cp_rule_nonrep(out, findings, cf, "cert::nes::non-repudiation", CL_NES_KU);

	if (cf->qc_state == 0) {
		CP_FAIL("cert::nes::qc-statements", "no qcStatements extension", CL_NES_QC);
	} else if (cf->qc_state < 0) {
		CP_FAIL("cert::nes::qc-statements", "qcStatements extension malformed or repeated",
		        CL_NES_QC);
	} else if (!cf->qc_compliance) {
		CP_FAIL("cert::nes::qc-statements",
		        "qcStatements lack QcCompliance " OID_QC_COMPLIANCE, CL_NES_QC);
	} else if (!cf->btk_nes && !cf->btk_nq) {
		CP_FAIL("cert::nes::qc-statements",
		        "qcStatements lack the BTK statement " OID_BTK_NES " (or " OID_BTK_NQ ")",
		        CL_NES_QC);
	} else {
		CP_PASS("cert::nes::qc-statements");
	}

	if (cf->notice_text) {
		CP_PASS("cert::nes::user-notice");
	} else {
		CP_FAIL("cert::nes::user-notice",
		        cf->pol_state == 0  ? "no certificatePolicies extension"
		        : cf->pol_state < 0 ? "certificatePolicies extension malformed or repeated"
		                            : "certificatePolicies has no UserNotice with explicitText",
		        CL_NES_NOTICE);
	}

	size_t len = 0;
	const char *t = cp_tckn_part(cf, eu412, &len);
	if (cf->serial_count == 0) {
		CP_FAIL("cert::nes::tckn", "subject has no serialNumber (TCKN)", CL_NES_TCKN);
	} else if (cf->serial_count > 1) {
		CP_FAIL("cert::nes::tckn", "subject has more than one serialNumber", CL_NES_TCKN);
	} else if (!cp_has_tckn_shape(cf, eu412)) {
		snprintf(msg, sizeof(msg), "subject serialNumber \"%s\" is not an 11-digit TCKN",
		         cf->serial);
		CP_FAIL("cert::nes::tckn", msg, CL_NES_TCKN);
	} else if (!uy_tckn_valid(t, len)) {
		snprintf(msg, sizeof(msg), "subject serialNumber %s fails the TCKN checksum",
		         cf->serial);
		CP_FAIL("cert::nes::tckn", msg, CL_NES_TCKN);
	} else {
		CP_PASS("cert::nes::tckn");
	}
	if (eu412) {
		cp_rules_eu412(out, findings, cf, 1);
	}
}

static void
cp_rules_seal(uy_verdict *out, uy_profile_findings *findings, const cp_facts *cf, int eu412)
{
	char msg[UY_VERDICT_REASON_MAX];

	/* *= spec signatures §3.4
	 *# encryption and e-seal certificates are issued **only to legal
	 *# entities** (tüzel kişilik), **never to natural persons** */
	if (cp_has_tckn_shape(cf, eu412)) {
		snprintf(msg, sizeof(msg),
		         "subject serialNumber %s is a TCKN: a natural person, not a legal entity",
		         cf->serial);
		CP_FAIL("cert::seal::legal-entity", msg, CL_SEAL_ENTITY);
	} else if (cf->person_names) {
		CP_FAIL("cert::seal::legal-entity",
		        "subject has givenName or surname: a natural person, not a legal entity",
		        CL_SEAL_ENTITY);
	} else if (cf->qc_state <= 0) {
		CP_FAIL("cert::seal::legal-entity",
		        cf->qc_state == 0 ? "no qcStatements extension (e-Mühür statements required)"
		                          : "qcStatements extension malformed or repeated",
		        CL_SEAL_ENTITY);
	} else if (!(cf->btk_nes && cf->btk_seal_use) && !(cf->btk_nq && cf->btk_nq_use) &&
	           !(cf->qc_compliance && cf->qct_eseal)) {
		CP_FAIL("cert::seal::legal-entity",
		        "qcStatements name no e-Mühür: need 5070.1.1+1.3, 5070.2.1+2.2 or "
		        "QcCompliance+QcType eseal",
		        CL_SEAL_ENTITY);
	} else {
		CP_PASS("cert::seal::legal-entity");
	}

	cp_rule_nonrep(out, findings, cf, "cert::seal::non-repudiation", CL_SEAL_KU);

	/* *= spec signatures §3.4
	 *# seal certificate with an encipherment or keyAgreement usage: warn */
	if (cf->ku_present && (cf->ku & CP_ENC_BITS) != 0) {
		cp_record(out, findings, "cert::seal::no-encryption", 0, 1,
		          "e-Mühür keyUsage allows keyEncipherment, dataEncipherment or "
		          "keyAgreement; a seal must not be used for encryption",
		          CL_SEAL_ENC);
	} else {
		CP_PASS("cert::seal::no-encryption");
	}
	if (eu412) {
		cp_rules_eu412(out, findings, cf, 0);
	}
}

/* see uy_profile.h */
uy_err
uy_certprofile_check(uy_verdict *out, uy_profile_findings *findings, X509 *cert,
                     uy_signer_role role, const uy_certprofile_options *opts)
{
	static const uy_certprofile_options defaults = UY_CERTPROFILE_OPTIONS_INIT;
	cp_facts cf;

	UY_ASSERT_ARG(out != NULL && cert != NULL);
	UY_ASSERT_ARG(opts == NULL || opts->version == UY_CERTPROFILE_OPTIONS_VERSION);
	UY_ASSERT_ARG(role == UY_SIGNER_ANY || role == UY_SIGNER_PERSON || role == UY_SIGNER_SEAL);
	if (opts == NULL) {
		opts = &defaults;
	}
	*out = UY_VERDICT_UNSET;
	if (findings != NULL) {
		memset(findings, 0, sizeof(*findings));
	}
	cp_read(&cf, cert);
	int eu412 = opts->eu_412 != 0;

	/* *= spec signatures §3.4
	 *# encryption certificates **MUST NOT be used for long-term encrypted
	 *# storage or for e-signing** */
	if (cf.ku_present && (cf.ku & CP_ENC_BITS) != 0 && (cf.ku & CP_SIGN_BITS) == 0) {
		CP_FAIL("cert::enc::no-signing",
		        "an encryption certificate (keyUsage for encipherment only) cannot sign or seal",
		        CL_ENC);
	} else {
		CP_PASS("cert::enc::no-signing");
	}

	if (role == UY_SIGNER_ANY) {
		role = cp_has_tckn_shape(&cf, eu412) ? UY_SIGNER_PERSON : UY_SIGNER_SEAL;
	}
	if (role == UY_SIGNER_PERSON) {
		cp_rules_person(out, findings, &cf, eu412);
	} else {
		cp_rules_seal(out, findings, &cf, eu412);
	}
	uy_verdict_set(out, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
	return UY_OK;
}
