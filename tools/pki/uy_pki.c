/* uy_pki: uyum's test PKI generator and loader; see uy_pki.h. TEST ONLY material. */
#include "uy_pki.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>
#include <openssl/asn1.h>
#include <openssl/asn1t.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/safestack.h>
#include <openssl/x509v3.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_buf.h"
#include "uyum/uy_xml.h"

/* Longest role/CRL/OCSP name: names become file names, so they are [a-z0-9-] only. */
#define PKI_MAX_NAME 64u
/* Largest file read back by uy_pki_load(). */
#define PKI_MAX_FILE ((size_t)1 << 20)
/* Longest text value (subject attribute, notice, URL). */
#define PKI_MAX_TEXT 512u

/*
 * QCStatements ::= SEQUENCE OF QCStatement
 * QCStatement ::= SEQUENCE { statementId OBJECT IDENTIFIER, statementInfo ANY DEFINED BY
 *                            statementId OPTIONAL }            (RFC 3739 §3.2.6)
 * OpenSSL 3.0 has no codec for it (signatures-and-certificates.md §6).
 */
typedef struct {
	ASN1_OBJECT *id;
	ASN1_TYPE *info;
} UY_PKI_QCS;
DECLARE_ASN1_ITEM(UY_PKI_QCS)
DECLARE_ASN1_ITEM(UY_PKI_QCSTATEMENTS)
DEFINE_STACK_OF(UY_PKI_QCS)

ASN1_SEQUENCE(UY_PKI_QCS) = {
	ASN1_SIMPLE(UY_PKI_QCS, id, ASN1_OBJECT),
	ASN1_OPT(UY_PKI_QCS, info, ASN1_ANY)
} ASN1_SEQUENCE_END(UY_PKI_QCS)

ASN1_ITEM_TEMPLATE(UY_PKI_QCSTATEMENTS) =
	ASN1_EX_TEMPLATE_TYPE(ASN1_TFLG_SEQUENCE_OF, 0, QCStatements, UY_PKI_QCS)
ASN1_ITEM_TEMPLATE_END(UY_PKI_QCSTATEMENTS)

/* OIDs OpenSSL 3.0 does not know (signatures-and-certificates.md §4.1, §3.1, §3.2). */
#define PKI_OID_QC_COMPLIANCE "0.4.0.1862.1.1"
#define PKI_OID_BTK_QC "2.16.792.1.61.0.1.5070.1.1"
#define PKI_OID_BTK_SEAL "2.16.792.1.61.0.1.5070.1.3"

static const struct {
	const char *oid;
	const char *sn;
	const char *ln;
} pki_oids[] = {
	{ PKI_OID_QC_COMPLIANCE, "qcs-QcCompliance", "ETSI QcCompliance" },
	{ PKI_OID_BTK_QC, "btk-qc-5070-1-1", "BTK qualified certificate statement (5070 1.1)" },
	{ PKI_OID_BTK_SEAL, "btk-qc-5070-1-3", "BTK institutional seal statement (5070 1.3)" },
};

/* Defect tokens (README "Defects"); the bits are this module's own. */
enum {
	PKI_D_EXPIRED = 1u << 0,
	PKI_D_NOT_YET_VALID = 1u << 1,
	PKI_D_REVOKED_BEFORE = 1u << 2,
	PKI_D_REVOKED_AFTER = 1u << 3,
	PKI_D_NO_NONREPUDIATION = 1u << 4,
	PKI_D_NO_ETSI_QC = 1u << 5,
	PKI_D_NO_BTK_QC = 1u << 6,
	PKI_D_NO_NOTICE_TEXT = 1u << 7,
	PKI_D_NATURAL_PERSON = 1u << 8,
	PKI_D_USED_FOR_SIGNING = 1u << 9,
	PKI_D_KEY_ENCIPHERMENT = 1u << 10,
	PKI_D_SHA1 = 1u << 11,
	PKI_D_RSA1024 = 1u << 12,
	PKI_D_BAD_SIGNATURE = 1u << 13,
	PKI_D_WRONG_ISSUER = 1u << 14,
	PKI_D_FORGED = 1u << 15,
	PKI_D_OTHER_CERTIFICATE = 1u << 16,
	PKI_D_RESPONDER_EXPIRED = 1u << 17,
	PKI_D_RESPONDER_REVOKED = 1u << 18
};

static const struct {
	const char *name;
	unsigned bit;
} pki_defects[] = {
	{ "expired", PKI_D_EXPIRED },
	{ "not-yet-valid", PKI_D_NOT_YET_VALID },
	{ "revoked-before", PKI_D_REVOKED_BEFORE },
	{ "revoked-after", PKI_D_REVOKED_AFTER },
	{ "no-nonrepudiation", PKI_D_NO_NONREPUDIATION },
	{ "no-etsi-qc", PKI_D_NO_ETSI_QC },
	{ "no-btk-qc", PKI_D_NO_BTK_QC },
	{ "no-notice-text", PKI_D_NO_NOTICE_TEXT },
	{ "natural-person", PKI_D_NATURAL_PERSON },
	{ "used-for-signing", PKI_D_USED_FOR_SIGNING },
	{ "key-encipherment", PKI_D_KEY_ENCIPHERMENT },
	{ "sha1", PKI_D_SHA1 },
	{ "rsa1024", PKI_D_RSA1024 },
	{ "bad-signature", PKI_D_BAD_SIGNATURE },
	{ "wrong-issuer", PKI_D_WRONG_ISSUER },
	{ "forged", PKI_D_FORGED },
	{ "other-certificate", PKI_D_OTHER_CERTIFICATE },
	{ "responder-expired", PKI_D_RESPONDER_EXPIRED },
	{ "responder-revoked", PKI_D_RESPONDER_REVOKED },
};

static const struct {
	const char *name;
	uy_pki_profile profile;
} pki_profiles[] = {
	{ "root", UY_PKI_PROFILE_ROOT }, { "ca", UY_PKI_PROFILE_CA },
	{ "nes", UY_PKI_PROFILE_NES },   { "seal", UY_PKI_PROFILE_SEAL },
	{ "enc", UY_PKI_PROFILE_ENC },   { "tsa", UY_PKI_PROFILE_TSA },
	{ "ocsp", UY_PKI_PROFILE_OCSP },
};

/* CRLReason (RFC 5280 §5.3.1). */
static const struct {
	const char *name;
	int code;
} pki_reasons[] = {
	{ "unspecified", 0 }, { "keyCompromise", 1 }, { "cACompromise", 2 },
	{ "affiliationChanged", 3 }, { "superseded", 4 }, { "cessationOfOperation", 5 },
};

/* A time of the description: seconds and the GeneralizedTime text "YYYYMMDDHHMMSSZ". */
typedef struct {
	time_t t;
	char gt[16];
} pki_time;

typedef enum { PKI_TODO = 0, PKI_BUILDING = 1, PKI_DONE = 2 } pki_state;

typedef struct {
	char *name;
	char *issuer;
	char *issuer_name_of;
	char *key_type;
	char *serial;
	char *md;
	char *crl_url;
	char *ocsp_url;
	uy_pki_profile profile;
	pki_time nb;
	pki_time na;
	unsigned defects;
	X509_NAME *subject;
	X509 *cert;
	EVP_PKEY *key;
	pki_state state;
} pki_role;

typedef struct {
	char *role;
	pki_time when;
	int reason; /* -1: no reason code */
} pki_revoked;

typedef struct {
	char *name;
	char *issuer;
	char *number;
	char *md;
	pki_time this_update;
	pki_time next_update;
	unsigned defects;
	pki_revoked *revoked;
	size_t nrevoked;
	X509_CRL *crl;
} pki_crl;

typedef struct {
	char *name;
	char *responder;
	char *target;
	char *md;
	int status; /* V_OCSP_CERTSTATUS_* */
	pki_time revoked_at;
	int reason;
	pki_time produced_at;
	pki_time this_update;
	pki_time next_update;
	unsigned defects;
	OCSP_RESPONSE *resp;
} pki_ocsp;

struct uy_pki {
	pki_time validation_time;
	pki_time signing_time;
	char *policy_oid;
	char *cps;
	char *notice;
	char *qc_text;
	pki_role *roles;
	size_t nroles;
	pki_crl *crls;
	size_t ncrls;
	pki_ocsp *ocsps;
	size_t nocsps;
};

/* ---------- small helpers ---------- */

/* Put OpenSSL's first queued error into uy_error_last() and drain the queue. */
static uy_err
pki_ossl(const char *what, const char *name)
{
	unsigned long e = ERR_peek_error();
	char buf[256] = "";

	if (e != 0) {
		ERR_error_string_n(e, buf, sizeof(buf));
	}
	ERR_clear_error();
	return UY_ERROR(UY_ERR_CRYPTO, "%s (%s): %s", what, name != NULL ? name : "-", buf);
}

static uy_err
pki_bad(const xmlNode *n, const char *what, const char *value)
{
	return UY_ERROR(UY_ERR_MANIFEST, "pki description line %ld: %s%s%s", uy_xml_line(n), what,
	    value != NULL ? ": " : "", value != NULL ? value : "");
}

static int
pki_name_ok(const char *s)
{
	size_t n = 0;

	if (s == NULL || s[0] == '\0' || s[0] == '-') {
		return 0;
	}
	for (n = 0; s[n] != '\0'; n++) {
		char c = s[n];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
			return 0;
		}
	}
	return n <= PKI_MAX_NAME;
}

static unsigned
pki_digit(char c)
{
	return (unsigned)(c - '0');
}

static int
pki_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int64_t
pki_days(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2 ? 1 : 0;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned mp = m > 2 ? m - 3 : m + 9;
	unsigned doy = (153 * mp + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* see uy_pki.h */
uy_err
uy_pki_parse_time(time_t *out, const char *s)
{
	static const unsigned mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	/* "YYYY-MM-DDTHH:MM:SSZ": digit positions and separators. */
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";

	UY_ASSERT_ARG(out != NULL);
	*out = 0;
	UY_ENSURE(s != NULL && strlen(s) == sizeof(shape) - 1, UY_ERR_SYNTAX);
	for (size_t i = 0; i < sizeof(shape) - 1; i++) {
		if (shape[i] == 'd') {
			UY_ENSURE(pki_is_digit(s[i]), UY_ERR_SYNTAX);
		} else {
			UY_ENSURE(s[i] == shape[i], UY_ERR_SYNTAX);
		}
	}
	unsigned y = pki_digit(s[0]) * 1000 + pki_digit(s[1]) * 100 + pki_digit(s[2]) * 10 +
	    pki_digit(s[3]);
	unsigned mo = pki_digit(s[5]) * 10 + pki_digit(s[6]);
	unsigned d = pki_digit(s[8]) * 10 + pki_digit(s[9]);
	unsigned h = pki_digit(s[11]) * 10 + pki_digit(s[12]);
	unsigned mi = pki_digit(s[14]) * 10 + pki_digit(s[15]);
	unsigned se = pki_digit(s[17]) * 10 + pki_digit(s[18]);
	UY_ENSURE(y >= 1950 && mo >= 1 && mo <= 12 && d >= 1, UY_ERR_SYNTAX);
	unsigned leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	UY_ENSURE(d <= mdays[mo - 1] + (mo == 2 ? leap : 0), UY_ERR_SYNTAX);
	UY_ENSURE(h <= 23 && mi <= 59 && se <= 59, UY_ERR_SYNTAX);
	*out = (time_t)(pki_days(y, mo, d) * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + se);
	return UY_OK;
}

/* see uy_pki.h */
int
uy_pki_tckn_valid(const char *s)
{
	unsigned d[11];

	if (s == NULL || strlen(s) != 11) {
		return 0;
	}
	for (size_t i = 0; i < 11; i++) {
		if (!pki_is_digit(s[i])) {
			return 0;
		}
		d[i] = pki_digit(s[i]);
	}
	if (d[0] == 0) {
		return 0;
	}
	unsigned odd = d[0] + d[2] + d[4] + d[6] + d[8];
	unsigned even = d[1] + d[3] + d[5] + d[7];
	unsigned d10 = (odd * 7 + 100 - even) % 10; /* +100 keeps it unsigned; 100 % 10 == 0 */
	unsigned sum = 0;
	for (size_t i = 0; i < 10; i++) {
		sum += d[i];
	}
	return d[9] == d10 && d[10] == sum % 10;
}

/* Required attribute; on absence a manifest error. */
static uy_err
pki_attr(char **out, const xmlNode *n, const char *name, int required)
{
	*out = uy_xml_attr(n, name);
	if (*out == NULL && required) {
		return pki_bad(n, "missing attribute", name);
	}
	if (*out != NULL && strlen(*out) > PKI_MAX_TEXT) {
		return pki_bad(n, "attribute too long", name);
	}
	return UY_OK;
}

static uy_err
pki_attr_time(pki_time *out, const xmlNode *n, const char *name, int required)
{
	char *s = NULL;
	uy_err rc = UY_OK;

	memset(out, 0, sizeof(*out));
	UY_TRY_OUT(pki_attr(&s, n, name, required));
	if (s == NULL) {
		goto done;
	}
	if (uy_pki_parse_time(&out->t, s) != UY_OK) {
		rc = pki_bad(n, "bad time (want YYYY-MM-DDTHH:MM:SSZ)", s);
		goto done;
	}
	/* "2027-06-01T12:00:00Z" -> "20270601120000Z" */
	size_t k = 0;
	for (size_t i = 0; s[i] != '\0' && k < sizeof(out->gt) - 1; i++) {
		if (pki_is_digit(s[i]) || s[i] == 'Z') {
			out->gt[k++] = s[i];
		}
	}
	out->gt[k] = '\0';
done:
	uy_free(s);
	return rc;
}

static uy_err
pki_attr_defects(unsigned *out, const xmlNode *n)
{
	char *s = NULL;
	uy_err rc = UY_OK;

	*out = 0;
	UY_TRY_OUT(pki_attr(&s, n, "defects", 0));
	if (s == NULL) {
		goto done;
	}
	/* Space-separated tokens, each from pki_defects. */
	for (size_t i = 0; s[i] != '\0';) {
		while (s[i] == ' ') {
			i++;
		}
		size_t j = i;
		while (s[j] != '\0' && s[j] != ' ') {
			j++;
		}
		if (j == i) {
			break;
		}
		int found = 0;
		for (size_t k = 0; k < sizeof(pki_defects) / sizeof(pki_defects[0]); k++) {
			if (strlen(pki_defects[k].name) == j - i &&
			    memcmp(pki_defects[k].name, s + i, j - i) == 0) {
				*out |= pki_defects[k].bit;
				found = 1;
			}
		}
		if (!found) {
			rc = pki_bad(n, "unknown defect token in", s);
			goto done;
		}
		i = j;
	}
done:
	uy_free(s);
	return rc;
}

static uy_err
pki_attr_reason(int *out, const xmlNode *n)
{
	char *s = NULL;
	uy_err rc = UY_OK;

	*out = -1;
	UY_TRY_OUT(pki_attr(&s, n, "reason", 0));
	if (s == NULL) {
		goto done;
	}
	for (size_t k = 0; k < sizeof(pki_reasons) / sizeof(pki_reasons[0]); k++) {
		if (strcmp(pki_reasons[k].name, s) == 0) {
			*out = pki_reasons[k].code;
		}
	}
	if (*out < 0) {
		rc = pki_bad(n, "unknown CRL reason", s);
	}
done:
	uy_free(s);
	return rc;
}

static uy_err
pki_attr_name(char **out, const xmlNode *n, const char *attr)
{
	UY_TRY(pki_attr(out, n, attr, 1));
	if (!pki_name_ok(*out)) {
		return pki_bad(n, "names are 1-64 of [a-z0-9-]", *out);
	}
	return UY_OK;
}

static pki_role *
pki_find_role(const uy_pki *p, const char *name)
{
	for (size_t i = 0; p != NULL && name != NULL && i < p->nroles; i++) {
		if (strcmp(p->roles[i].name, name) == 0) {
			return &p->roles[i];
		}
	}
	return NULL;
}

static pki_crl *
pki_find_crl(const uy_pki *p, const char *name)
{
	for (size_t i = 0; p != NULL && name != NULL && i < p->ncrls; i++) {
		if (strcmp(p->crls[i].name, name) == 0) {
			return &p->crls[i];
		}
	}
	return NULL;
}

static pki_ocsp *
pki_find_ocsp(const uy_pki *p, const char *name)
{
	for (size_t i = 0; p != NULL && name != NULL && i < p->nocsps; i++) {
		if (strcmp(p->ocsps[i].name, name) == 0) {
			return &p->ocsps[i];
		}
	}
	return NULL;
}

/* Grow an array of structs by one zeroed element. */
static uy_err
pki_grow(void **arr, size_t *n, size_t elem)
{
	size_t bytes = 0;

	UY_ENSURE(*n < UY_PKI_MAX_OBJECTS, UY_ERROR(UY_ERR_LIMIT, "more than %u objects of a kind",
	    UY_PKI_MAX_OBJECTS));
	UY_TRY(uy_size_mul(*n + 1, elem, &bytes));
	void *p = uy_realloc(*arr, bytes);
	UY_ENSURE(p != NULL, UY_ERR_NOMEM);
	memset((char *)p + *n * elem, 0, elem);
	*arr = p;
	(*n)++;
	return UY_OK;
}

static uy_err
pki_read_file(const char *path, uint8_t **out, size_t *len_out)
{
	uy_err rc = UY_OK;
	FILE *f = NULL;
	uy_buf b;
	uint8_t chunk[8192];

	*out = NULL;
	*len_out = 0;
	uy_buf_init(&b, PKI_MAX_FILE, 0);
	f = fopen(path, "rb");
	if (f == NULL) {
		rc = UY_ERROR(UY_ERR_IO, "cannot open %s", path);
		goto done;
	}
	for (;;) {
		size_t n = fread(chunk, 1, sizeof(chunk), f);
		if (n > 0) {
			UY_TRY_OUT(uy_buf_append(&b, chunk, n));
		}
		if (n < sizeof(chunk)) {
			break;
		}
	}
	if (ferror(f)) {
		rc = UY_ERROR(UY_ERR_IO, "cannot read %s", path);
		goto done;
	}
	*out = uy_buf_take(&b, len_out);
	if (*out == NULL) {
		/* empty file: hand back an empty owned string */
		*out = uy_alloc(1);
		UY_ENSURE_OUT(*out != NULL, UY_ERR_NOMEM);
	}
done:
	if (f != NULL) {
		fclose(f);
	}
	uy_buf_dispose(&b);
	return rc;
}

static uy_err
pki_write_file(const char *path, const uint8_t *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	UY_ENSURE(f != NULL, UY_ERROR(UY_ERR_IO, "cannot create %s", path));
	size_t n = fwrite(data, 1, len, f);
	int closed = fclose(f);
	UY_ENSURE(n == len && closed == 0, UY_ERROR(UY_ERR_IO, "cannot write %s", path));
	return UY_OK;
}

/* ---------- description ---------- */

static uy_err
pki_parse_subject(X509_NAME **out, const xmlNode *role)
{
	uy_err rc = UY_OK;
	X509_NAME *name = NULL;
	char *type = NULL;
	char *value = NULL;
	xmlNodePtr subj = uy_xml_child(role, UY_PKI_NS, "subject");

	*out = NULL;
	UY_ENSURE_OUT(subj != NULL, pki_bad(role, "role without <subject>", NULL));
	name = X509_NAME_new();
	UY_ENSURE_OUT(name != NULL, UY_ERR_NOMEM);
	for (xmlNodePtr a = uy_xml_child(subj, UY_PKI_NS, "attr"); a != NULL;
	     a = uy_xml_next(a, UY_PKI_NS, "attr")) {
		UY_TRY_OUT(pki_attr(&type, a, "type", 1));
		value = uy_xml_text(a);
		UY_ENSURE_OUT(value != NULL, UY_ERR_NOMEM);
		UY_ENSURE_OUT(value[0] != '\0' && strlen(value) <= PKI_MAX_TEXT,
		    pki_bad(a, "empty or too long subject attribute", type));
		/* MBSTRING_UTF8: OpenSSL picks PrintableString for C and serialNumber, UTF8String
		 * for the others (RFC 5280 §4.1.2.6 DirectoryString). */
		if (X509_NAME_add_entry_by_txt(name, type, MBSTRING_UTF8, (const unsigned char *)value,
		        -1, -1, 0) != 1) {
			ERR_clear_error();
			rc = pki_bad(a, "unknown or invalid subject attribute", type);
			goto done;
		}
		uy_free(type);
		type = NULL;
		uy_free(value);
		value = NULL;
	}
	UY_ENSURE_OUT(X509_NAME_entry_count(name) > 0, pki_bad(subj, "empty subject", NULL));
	*out = name;
	name = NULL; /* now owned by caller */
done:
	X509_NAME_free(name);
	uy_free(type);
	uy_free(value);
	return rc;
}

/* serialNumber attribute of a name, as an owned UTF-8 string, or NULL. */
static char *
pki_name_serial(const X509_NAME *name)
{
	int i = X509_NAME_get_index_by_NID(name, NID_serialNumber, -1);
	unsigned char *utf8 = NULL;

	if (i < 0) {
		return NULL;
	}
	const ASN1_STRING *s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
	int n = ASN1_STRING_to_UTF8(&utf8, s);
	if (n < 0) {
		ERR_clear_error();
		return NULL;
	}
	char *copy = uy_strndup((const char *)utf8, (size_t)n);
	OPENSSL_free(utf8);
	return copy;
}

static uy_err
pki_parse_role(uy_pki *p, const xmlNode *n)
{
	uy_err rc = UY_OK;
	char *profile = NULL;
	char *serial_number = NULL;

	UY_TRY(pki_grow((void **)&p->roles, &p->nroles, sizeof(pki_role)));
	pki_role *r = &p->roles[p->nroles - 1];
	UY_TRY_OUT(pki_attr_name(&r->name, n, "name"));
	UY_ENSURE_OUT(pki_find_role(p, r->name) == r, pki_bad(n, "duplicate role", r->name));
	UY_TRY_OUT(pki_attr_name(&r->issuer, n, "issuer"));
	UY_TRY_OUT(pki_attr(&profile, n, "profile", 1));
	int found = 0;
	for (size_t k = 0; k < sizeof(pki_profiles) / sizeof(pki_profiles[0]); k++) {
		if (strcmp(pki_profiles[k].name, profile) == 0) {
			r->profile = pki_profiles[k].profile;
			found = 1;
		}
	}
	UY_ENSURE_OUT(found, pki_bad(n, "unknown profile", profile));
	UY_TRY_OUT(pki_attr(&r->key_type, n, "key", 1));
	UY_ENSURE_OUT(strcmp(r->key_type, "rsa1024") == 0 || strcmp(r->key_type, "rsa2048") == 0 ||
	        strcmp(r->key_type, "rsa4096") == 0 || strcmp(r->key_type, "ec-p256") == 0 ||
	        strcmp(r->key_type, "ec-p384") == 0,
	    pki_bad(n, "unknown key type", r->key_type));
	UY_TRY_OUT(pki_attr(&r->serial, n, "serial", 1));
	size_t slen = strlen(r->serial);
	UY_ENSURE_OUT(slen >= 1 && slen <= 40, pki_bad(n, "serial is 1-40 hex digits", r->serial));
	for (size_t i = 0; i < slen; i++) {
		char c = r->serial[i];
		UY_ENSURE_OUT(pki_is_digit(c) || (c >= 'A' && c <= 'F'),
		    pki_bad(n, "serial is upper-case hex", r->serial));
	}
	UY_TRY_OUT(pki_attr(&r->md, n, "md", 1));
	UY_ENSURE_OUT(strcmp(r->md, "sha1") == 0 || strcmp(r->md, "sha256") == 0 ||
	        strcmp(r->md, "sha384") == 0 || strcmp(r->md, "sha512") == 0,
	    pki_bad(n, "md is sha1, sha256, sha384 or sha512", r->md));
	UY_TRY_OUT(pki_attr_time(&r->nb, n, "not-before", 1));
	UY_TRY_OUT(pki_attr_time(&r->na, n, "not-after", 1));
	UY_ENSURE_OUT(r->nb.t < r->na.t, pki_bad(n, "not-before is not before not-after", NULL));
	UY_TRY_OUT(pki_attr_defects(&r->defects, n));
	UY_TRY_OUT(pki_attr(&r->issuer_name_of, n, "issuer-name-of", 0));
	UY_ENSURE_OUT((r->issuer_name_of != NULL) == ((r->defects & PKI_D_WRONG_ISSUER) != 0),
	    pki_bad(n, "issuer-name-of goes with defect wrong-issuer", r->name));
	UY_TRY_OUT(pki_attr(&r->crl_url, n, "crl-url", 0));
	UY_TRY_OUT(pki_attr(&r->ocsp_url, n, "ocsp-url", 0));
	UY_TRY_OUT(pki_parse_subject(&r->subject, n));
	/* A person's NES carries a TCKN with valid check digits (spec §3.1); so does the
	 * e-Mühür wrongly issued to a natural person. */
	if (r->profile == UY_PKI_PROFILE_NES || (r->defects & PKI_D_NATURAL_PERSON) != 0) {
		serial_number = pki_name_serial(r->subject);
		UY_ENSURE_OUT(uy_pki_tckn_valid(serial_number),
		    pki_bad(n, "serialNumber is not a valid TCKN", serial_number));
	}
done:
	uy_free(profile);
	uy_free(serial_number);
	return rc;
}

static uy_err
pki_parse_crl(uy_pki *p, const xmlNode *n)
{
	UY_TRY(pki_grow((void **)&p->crls, &p->ncrls, sizeof(pki_crl)));
	pki_crl *c = &p->crls[p->ncrls - 1];
	UY_TRY(pki_attr_name(&c->name, n, "name"));
	UY_ENSURE(pki_find_crl(p, c->name) == c, pki_bad(n, "duplicate CRL", c->name));
	UY_TRY(pki_attr_name(&c->issuer, n, "issuer"));
	UY_TRY(pki_attr(&c->number, n, "number", 1));
	UY_TRY(pki_attr(&c->md, n, "md", 1));
	UY_ENSURE(strcmp(c->md, "sha256") == 0 || strcmp(c->md, "sha384") == 0 ||
	        strcmp(c->md, "sha1") == 0,
	    pki_bad(n, "md is sha1, sha256 or sha384", c->md));
	UY_TRY(pki_attr_time(&c->this_update, n, "this-update", 1));
	UY_TRY(pki_attr_time(&c->next_update, n, "next-update", 1));
	UY_TRY(pki_attr_defects(&c->defects, n));
	for (xmlNodePtr r = uy_xml_child(n, UY_PKI_NS, "revoked"); r != NULL;
	     r = uy_xml_next(r, UY_PKI_NS, "revoked")) {
		UY_TRY(pki_grow((void **)&c->revoked, &c->nrevoked, sizeof(pki_revoked)));
		pki_revoked *v = &c->revoked[c->nrevoked - 1];
		UY_TRY(pki_attr_name(&v->role, r, "role"));
		UY_TRY(pki_attr_time(&v->when, r, "time", 1));
		UY_TRY(pki_attr_reason(&v->reason, r));
	}
	return UY_OK;
}

static uy_err
pki_parse_ocsp(uy_pki *p, const xmlNode *n)
{
	char *status = NULL;
	uy_err rc = UY_OK;

	UY_TRY(pki_grow((void **)&p->ocsps, &p->nocsps, sizeof(pki_ocsp)));
	pki_ocsp *o = &p->ocsps[p->nocsps - 1];
	UY_TRY_OUT(pki_attr_name(&o->name, n, "name"));
	UY_ENSURE_OUT(pki_find_ocsp(p, o->name) == o, pki_bad(n, "duplicate OCSP response", o->name));
	UY_TRY_OUT(pki_attr_name(&o->responder, n, "responder"));
	UY_TRY_OUT(pki_attr_name(&o->target, n, "target"));
	UY_TRY_OUT(pki_attr(&o->md, n, "md", 1));
	UY_ENSURE_OUT(strcmp(o->md, "sha256") == 0 || strcmp(o->md, "sha384") == 0,
	    pki_bad(n, "md is sha256 or sha384", o->md));
	UY_TRY_OUT(pki_attr(&status, n, "status", 1));
	if (strcmp(status, "good") == 0) {
		o->status = V_OCSP_CERTSTATUS_GOOD;
	} else if (strcmp(status, "revoked") == 0) {
		o->status = V_OCSP_CERTSTATUS_REVOKED;
	} else if (strcmp(status, "unknown") == 0) {
		o->status = V_OCSP_CERTSTATUS_UNKNOWN;
	} else {
		rc = pki_bad(n, "status is good, revoked or unknown", status);
		goto done;
	}
	UY_TRY_OUT(pki_attr_time(&o->revoked_at, n, "revocation-time",
	    o->status == V_OCSP_CERTSTATUS_REVOKED));
	UY_TRY_OUT(pki_attr_reason(&o->reason, n));
	UY_TRY_OUT(pki_attr_time(&o->produced_at, n, "produced-at", 1));
	UY_TRY_OUT(pki_attr_time(&o->this_update, n, "this-update", 1));
	UY_TRY_OUT(pki_attr_time(&o->next_update, n, "next-update", 1));
	UY_TRY_OUT(pki_attr_defects(&o->defects, n));
done:
	uy_free(status);
	return rc;
}

/* Every reference names an object of the description. */
static uy_err
pki_check_refs(const uy_pki *p)
{
	for (size_t i = 0; i < p->nroles; i++) {
		const pki_role *r = &p->roles[i];
		UY_ENSURE(pki_find_role(p, r->issuer) != NULL,
		    UY_ERROR(UY_ERR_MANIFEST, "role %s: unknown issuer %s", r->name, r->issuer));
		UY_ENSURE(r->issuer_name_of == NULL || pki_find_role(p, r->issuer_name_of) != NULL,
		    UY_ERROR(UY_ERR_MANIFEST, "role %s: unknown issuer-name-of role", r->name));
		int self = strcmp(r->issuer, r->name) == 0;
		UY_ENSURE(self == (r->profile == UY_PKI_PROFILE_ROOT),
		    UY_ERROR(UY_ERR_MANIFEST, "role %s: only roots issue themselves", r->name));
	}
	for (size_t i = 0; i < p->ncrls; i++) {
		const pki_crl *c = &p->crls[i];
		UY_ENSURE(pki_find_role(p, c->issuer) != NULL,
		    UY_ERROR(UY_ERR_MANIFEST, "CRL %s: unknown issuer %s", c->name, c->issuer));
		for (size_t k = 0; k < c->nrevoked; k++) {
			const pki_role *v = pki_find_role(p, c->revoked[k].role);
			UY_ENSURE(v != NULL && strcmp(v->issuer, c->issuer) == 0,
			    UY_ERROR(UY_ERR_MANIFEST, "CRL %s: %s is not a role issued by %s", c->name,
			        c->revoked[k].role, c->issuer));
		}
	}
	for (size_t i = 0; i < p->nocsps; i++) {
		const pki_ocsp *o = &p->ocsps[i];
		const pki_role *resp = pki_find_role(p, o->responder);
		const pki_role *t = pki_find_role(p, o->target);
		UY_ENSURE(resp != NULL && t != NULL,
		    UY_ERROR(UY_ERR_MANIFEST, "OCSP %s: unknown responder or target", o->name));
	}
	return UY_OK;
}

static uy_err
pki_parse(uy_pki **out, const char *spec_path)
{
	uy_err rc = UY_OK;
	uint8_t *bytes = NULL;
	size_t len = 0;
	xmlDocPtr doc = NULL;
	uy_xml_error xerr;
	uy_pki *p = NULL;

	*out = NULL;
	UY_TRY_OUT(pki_read_file(spec_path, &bytes, &len));
	UY_ENSURE_OUT(len <= UY_PKI_MAX_SPEC, UY_ERROR(UY_ERR_LIMIT, "%s is too large", spec_path));
	memset(&xerr, 0, sizeof(xerr));
	rc = uy_xml_parse(&doc, &xerr, (uy_span){ bytes, len });
	if (rc != UY_OK) {
		(void)UY_ERROR(rc, "%s line %ld: %s", spec_path, xerr.line, xerr.msg);
		goto done;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	UY_ENSURE_OUT(root != NULL && uy_xml_is(root, UY_PKI_NS, "pki"),
	    UY_ERROR(UY_ERR_MANIFEST, "%s: root is not {%s}pki", spec_path, UY_PKI_NS));
	p = uy_alloc(sizeof(*p));
	UY_ENSURE_OUT(p != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(pki_attr_time(&p->validation_time, root, "validation-time", 1));
	UY_TRY_OUT(pki_attr_time(&p->signing_time, root, "signing-time", 1));
	for (xmlNodePtr n = uy_xml_first_element(root); n != NULL; n = uy_xml_next(n, NULL, NULL)) {
		if (uy_xml_is(n, UY_PKI_NS, "role")) {
			UY_TRY_OUT(pki_parse_role(p, n));
		} else if (uy_xml_is(n, UY_PKI_NS, "crl")) {
			UY_TRY_OUT(pki_parse_crl(p, n));
		} else if (uy_xml_is(n, UY_PKI_NS, "ocsp")) {
			UY_TRY_OUT(pki_parse_ocsp(p, n));
		} else if (uy_xml_is(n, UY_PKI_NS, "policy")) {
			UY_ENSURE_OUT(p->policy_oid == NULL, pki_bad(n, "second <policy>", NULL));
			UY_TRY_OUT(pki_attr(&p->policy_oid, n, "oid", 1));
			UY_TRY_OUT(pki_attr(&p->cps, n, "cps", 1));
			UY_TRY_OUT(pki_attr(&p->notice, n, "notice", 1));
			UY_TRY_OUT(pki_attr(&p->qc_text, n, "qc-text", 1));
		} else if (!uy_xml_is(n, UY_PKI_NS, "description")) {
			rc = pki_bad(n, "unknown element", (const char *)n->name);
			goto done;
		}
	}
	UY_ENSURE_OUT(p->policy_oid != NULL, UY_ERROR(UY_ERR_MANIFEST, "no <policy> element"));
	UY_TRY_OUT(pki_check_refs(p));
	*out = p;
	p = NULL; /* now owned by caller */
done:
	uy_pki_free(p);
	xmlFreeDoc(doc);
	uy_free(bytes);
	return rc;
}

/* ---------- keys ---------- */

static int
pki_key_matches(EVP_PKEY *k, const char *type)
{
	char group[64] = "";

	if (strncmp(type, "rsa", 3) == 0) {
		int bits = strcmp(type, "rsa1024") == 0 ? 1024 : strcmp(type, "rsa2048") == 0 ? 2048 : 4096;
		return EVP_PKEY_is_a(k, "RSA") && EVP_PKEY_get_bits(k) == bits;
	}
	if (!EVP_PKEY_is_a(k, "EC") ||
	    EVP_PKEY_get_group_name(k, group, sizeof(group), NULL) != 1) {
		ERR_clear_error();
		return 0;
	}
	if (strcmp(type, "ec-p256") == 0) {
		return strcmp(group, "prime256v1") == 0 || strcmp(group, "P-256") == 0;
	}
	return strcmp(group, "secp384r1") == 0 || strcmp(group, "P-384") == 0;
}

static uy_err
pki_key(EVP_PKEY **out, const char *keys_dir, const pki_role *r, unsigned flags, int may_create)
{
	uy_err rc = UY_OK;
	char *path = NULL;
	BIO *bio = NULL;
	EVP_PKEY *k = NULL;

	*out = NULL;
	path = uy_asprintf("%s/%s.key.pem", keys_dir, r->name);
	UY_ENSURE_OUT(path != NULL, UY_ERR_NOMEM);
	bio = BIO_new_file(path, "r");
	if (bio != NULL) {
		k = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
		UY_ENSURE_OUT(k != NULL, pki_ossl("cannot read key", path));
		UY_ENSURE_OUT(pki_key_matches(k, r->key_type),
		    UY_ERROR(UY_ERR_MANIFEST, "%s is not a %s key", path, r->key_type));
	} else {
		/* First run: make the key and keep it (keys are committed, README). */
		ERR_clear_error();
		UY_ENSURE_OUT(may_create && (flags & UY_PKI_KEYS_EXISTING) == 0,
		    UY_ERROR(UY_ERR_IO, "missing key %s", path));
		if (strncmp(r->key_type, "rsa", 3) == 0) {
			size_t bits = strcmp(r->key_type, "rsa1024") == 0 ? 1024
			    : strcmp(r->key_type, "rsa2048") == 0      ? 2048
			                                                : 4096;
			k = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", bits);
		} else {
			k = EVP_PKEY_Q_keygen(NULL, NULL, "EC",
			    strcmp(r->key_type, "ec-p256") == 0 ? "P-256" : "P-384");
		}
		UY_ENSURE_OUT(k != NULL, pki_ossl("key generation", r->name));
		bio = BIO_new_file(path, "w");
		UY_ENSURE_OUT(bio != NULL, UY_ERROR(UY_ERR_IO, "cannot create %s", path));
		UY_ENSURE_OUT(PEM_write_bio_PrivateKey(bio, k, NULL, NULL, 0, NULL, NULL) == 1,
		    pki_ossl("cannot write key", path));
	}
	*out = k;
	k = NULL; /* now owned by caller */
done:
	EVP_PKEY_free(k);
	BIO_free(bio);
	uy_free(path);
	return rc;
}

/* ---------- certificates ---------- */

static uy_err
pki_add_ext_conf(X509 *x, X509V3_CTX *v3, int nid, const char *value, const char *role)
{
	X509_EXTENSION *e = X509V3_EXT_nconf_nid(NULL, v3, nid, value);

	UY_ENSURE(e != NULL, pki_ossl("extension", role));
	int ok = X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	UY_ENSURE(ok == 1, pki_ossl("add extension", role));
	return UY_OK;
}

static void
pki_register_oids(void)
{
	for (size_t i = 0; i < sizeof(pki_oids) / sizeof(pki_oids[0]); i++) {
		if (OBJ_txt2nid(pki_oids[i].oid) == NID_undef) {
			(void)OBJ_create(pki_oids[i].oid, pki_oids[i].sn, pki_oids[i].ln);
		}
	}
	ERR_clear_error();
}

/* certificatePolicies: the test policy with a CPS URI and a UserNotice (spec §3.1, §9). */
static uy_err
pki_add_policies(X509 *x, const uy_pki *p, const pki_role *r)
{
	uy_err rc = UY_OK;
	CERTIFICATEPOLICIES *pols = sk_POLICYINFO_new_null();
	POLICYINFO *pi = POLICYINFO_new();
	POLICYQUALINFO *cps = POLICYQUALINFO_new();
	POLICYQUALINFO *un = POLICYQUALINFO_new();

	UY_ENSURE_OUT(pols != NULL && pi != NULL && cps != NULL && un != NULL, UY_ERR_NOMEM);
	pi->policyid = OBJ_txt2obj(p->policy_oid, 1);
	UY_ENSURE_OUT(pi->policyid != NULL,
	    UY_ERROR(UY_ERR_MANIFEST, "bad policy OID %s", p->policy_oid));
	pi->qualifiers = sk_POLICYQUALINFO_new_null();
	UY_ENSURE_OUT(pi->qualifiers != NULL, UY_ERR_NOMEM);
	cps->pqualid = OBJ_nid2obj(NID_id_qt_cps);
	cps->d.cpsuri = ASN1_IA5STRING_new();
	UY_ENSURE_OUT(cps->d.cpsuri != NULL &&
	        ASN1_STRING_set(cps->d.cpsuri, p->cps, (int)strlen(p->cps)) == 1,
	    UY_ERR_NOMEM);
	UY_ENSURE_OUT(sk_POLICYQUALINFO_push(pi->qualifiers, cps) > 0, UY_ERR_NOMEM);
	cps = NULL; /* now owned by pi */
	un->pqualid = OBJ_nid2obj(NID_id_qt_unotice);
	un->d.usernotice = USERNOTICE_new();
	UY_ENSURE_OUT(un->d.usernotice != NULL, UY_ERR_NOMEM);
	/* Defect no-notice-text: the UserNotice is there, its explicitText is not. */
	if ((r->defects & PKI_D_NO_NOTICE_TEXT) == 0) {
		ASN1_UTF8STRING *t = ASN1_UTF8STRING_new();
		UY_ENSURE_OUT(t != NULL, UY_ERR_NOMEM);
		un->d.usernotice->exptext = t;
		UY_ENSURE_OUT(ASN1_STRING_set(t, p->notice, (int)strlen(p->notice)) == 1, UY_ERR_NOMEM);
	}
	UY_ENSURE_OUT(sk_POLICYQUALINFO_push(pi->qualifiers, un) > 0, UY_ERR_NOMEM);
	un = NULL; /* now owned by pi */
	UY_ENSURE_OUT(sk_POLICYINFO_push(pols, pi) > 0, UY_ERR_NOMEM);
	pi = NULL; /* now owned by pols */
	UY_ENSURE_OUT(X509_add1_ext_i2d(x, NID_certificate_policies, pols, 0, X509V3_ADD_APPEND) == 1,
	    pki_ossl("certificatePolicies", r->name));
done:
	POLICYQUALINFO_free(cps);
	POLICYQUALINFO_free(un);
	POLICYINFO_free(pi);
	CERTIFICATEPOLICIES_free(pols);
	return rc;
}

static void
pki_qcs_free(UY_PKI_QCS *q)
{
	ASN1_item_free((ASN1_VALUE *)q, ASN1_ITEM_rptr(UY_PKI_QCS));
}

static uy_err
pki_qcs_push(STACK_OF(UY_PKI_QCS) *sk, const char *oid, const char *utf8_text)
{
	uy_err rc = UY_OK;
	UY_PKI_QCS *q = (UY_PKI_QCS *)ASN1_item_new(ASN1_ITEM_rptr(UY_PKI_QCS));
	ASN1_UTF8STRING *s = NULL;

	UY_ENSURE_OUT(q != NULL, UY_ERR_NOMEM);
	ASN1_OBJECT_free(q->id);
	q->id = OBJ_txt2obj(oid, 1);
	UY_ENSURE_OUT(q->id != NULL, UY_ERR_INTERNAL);
	if (utf8_text != NULL) {
		s = ASN1_UTF8STRING_new();
		UY_ENSURE_OUT(s != NULL && ASN1_STRING_set(s, utf8_text, (int)strlen(utf8_text)) == 1,
		    UY_ERR_NOMEM);
		q->info = ASN1_TYPE_new();
		UY_ENSURE_OUT(q->info != NULL, UY_ERR_NOMEM);
		ASN1_TYPE_set(q->info, V_ASN1_UTF8STRING, s);
		s = NULL; /* now owned by q->info */
	}
	UY_ENSURE_OUT(sk_UY_PKI_QCS_push(sk, q) > 0, UY_ERR_NOMEM);
	q = NULL; /* now owned by sk */
done:
	ASN1_UTF8STRING_free(s);
	ASN1_item_free((ASN1_VALUE *)q, ASN1_ITEM_rptr(UY_PKI_QCS));
	return rc;
}

/* qcStatements (RFC 3739 §3.2.6): NES = QcCompliance + BTK 5070.1.1 with its text (spec §3.1);
 * e-Mühür = BTK 5070.1.1 + 5070.1.3 (spec §3.2, MA3 "kurumsal mühür"). */
static uy_err
pki_add_qc(X509 *x, const uy_pki *p, const pki_role *r)
{
	uy_err rc = UY_OK;
	STACK_OF(UY_PKI_QCS) *sk = sk_UY_PKI_QCS_new_null();
	unsigned char *der = NULL;
	ASN1_OCTET_STRING *os = NULL;
	X509_EXTENSION *e = NULL;

	UY_ENSURE_OUT(sk != NULL, UY_ERR_NOMEM);
	if (r->profile == UY_PKI_PROFILE_NES && (r->defects & PKI_D_NO_ETSI_QC) == 0) {
		UY_TRY_OUT(pki_qcs_push(sk, PKI_OID_QC_COMPLIANCE, NULL));
	}
	if ((r->defects & PKI_D_NO_BTK_QC) == 0) {
		UY_TRY_OUT(pki_qcs_push(sk, PKI_OID_BTK_QC, p->qc_text));
	}
	if (r->profile == UY_PKI_PROFILE_SEAL) {
		UY_TRY_OUT(pki_qcs_push(sk, PKI_OID_BTK_SEAL, NULL));
	}
	if (sk_UY_PKI_QCS_num(sk) == 0) {
		goto done;
	}
	int len = ASN1_item_i2d((ASN1_VALUE *)sk, &der, ASN1_ITEM_rptr(UY_PKI_QCSTATEMENTS));
	UY_ENSURE_OUT(len > 0, pki_ossl("qcStatements encoding", r->name));
	os = ASN1_OCTET_STRING_new();
	UY_ENSURE_OUT(os != NULL && ASN1_OCTET_STRING_set(os, der, len) == 1, UY_ERR_NOMEM);
	e = X509_EXTENSION_create_by_NID(NULL, NID_qcStatements, 0, os);
	UY_ENSURE_OUT(e != NULL && X509_add_ext(x, e, -1) == 1, pki_ossl("qcStatements", r->name));
done:
	X509_EXTENSION_free(e);
	ASN1_OCTET_STRING_free(os);
	OPENSSL_free(der);
	sk_UY_PKI_QCS_pop_free(sk, pki_qcs_free);
	return rc;
}

static const EVP_MD *
pki_md(const char *name)
{
	if (strcmp(name, "sha1") == 0) {
		return EVP_sha1();
	}
	if (strcmp(name, "sha384") == 0) {
		return EVP_sha384();
	}
	if (strcmp(name, "sha512") == 0) {
		return EVP_sha512();
	}
	return EVP_sha256();
}

static uy_err
pki_set_time(ASN1_TIME **t, const pki_time *pt)
{
	*t = ASN1_TIME_new();
	UY_ENSURE(*t != NULL, UY_ERR_NOMEM);
	/* UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
	UY_ENSURE(ASN1_TIME_set_string_X509(*t, pt->gt) == 1, pki_ossl("time", pt->gt));
	return UY_OK;
}

/* Flip the last bit of a DER structure whose last element is the signature BIT STRING
 * (Certificate, CertificateList: RFC 5280 §4.1, §5.1). */
static void
pki_flip_last(unsigned char *der, int len)
{
	der[len - 1] ^= 0x01;
}

static uy_err
pki_make_cert(uy_pki *p, pki_role *r)
{
	uy_err rc = UY_OK;
	X509 *x = NULL;
	BIGNUM *bn = NULL;
	ASN1_INTEGER *serial = NULL;
	ASN1_TIME *nb = NULL;
	ASN1_TIME *na = NULL;
	unsigned char *der = NULL;
	char *value = NULL;
	X509V3_CTX v3;
	pki_role *iss = pki_find_role(p, r->issuer);
	int root = iss == r;

	x = X509_new();
	UY_ENSURE_OUT(x != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(X509_set_version(x, X509_VERSION_3) == 1, pki_ossl("version", r->name));
	UY_ENSURE_OUT(BN_hex2bn(&bn, r->serial) > 0, pki_ossl("serial", r->name));
	serial = BN_to_ASN1_INTEGER(bn, NULL);
	UY_ENSURE_OUT(serial != NULL && X509_set_serialNumber(x, serial) == 1,
	    pki_ossl("serial", r->name));
	const X509_NAME *issuer_name = root ? r->subject : X509_get_subject_name(iss->cert);
	if (r->issuer_name_of != NULL) {
		const pki_role *other = pki_find_role(p, r->issuer_name_of);
		issuer_name = other->subject;
	}
	UY_ENSURE_OUT(X509_set_issuer_name(x, issuer_name) == 1, pki_ossl("issuer", r->name));
	UY_ENSURE_OUT(X509_set_subject_name(x, r->subject) == 1, pki_ossl("subject", r->name));
	UY_TRY_OUT(pki_set_time(&nb, &r->nb));
	UY_TRY_OUT(pki_set_time(&na, &r->na));
	UY_ENSURE_OUT(X509_set1_notBefore(x, nb) == 1 && X509_set1_notAfter(x, na) == 1,
	    pki_ossl("validity", r->name));
	UY_ENSURE_OUT(X509_set_pubkey(x, r->key) == 1, pki_ossl("public key", r->name));

	X509V3_set_ctx(&v3, root ? x : iss->cert, x, NULL, NULL, 0);
	const char *bc = "critical,CA:FALSE";
	const char *ku = "critical,digitalSignature";
	const char *eku = NULL;
	switch (r->profile) {
	case UY_PKI_PROFILE_ROOT:
		bc = "critical,CA:TRUE";
		ku = "critical,keyCertSign,cRLSign";
		break;
	case UY_PKI_PROFILE_CA:
		bc = "critical,CA:TRUE,pathlen:0";
		ku = "critical,keyCertSign,cRLSign";
		break;
	case UY_PKI_PROFILE_NES:
		ku = (r->defects & PKI_D_NO_NONREPUDIATION) != 0 ? "critical,digitalSignature"
		                                                  : "critical,digitalSignature,nonRepudiation";
		break;
	case UY_PKI_PROFILE_SEAL:
		ku = (r->defects & PKI_D_KEY_ENCIPHERMENT) != 0
		    ? "critical,digitalSignature,nonRepudiation,keyEncipherment"
		    : "critical,digitalSignature,nonRepudiation";
		break;
	case UY_PKI_PROFILE_ENC:
		/* spec §3.3: keyEncipherment for RSA, keyAgreement for EC */
		ku = EVP_PKEY_is_a(r->key, "EC") ? "critical,keyAgreement" : "critical,keyEncipherment";
		break;
	case UY_PKI_PROFILE_TSA:
		eku = "critical,timeStamping"; /* RFC 3161 §2.3: the only EKU, critical */
		break;
	case UY_PKI_PROFILE_OCSP:
		eku = "OCSPSigning"; /* RFC 6960 §4.2.2.2 */
		break;
	default:
		rc = UY_ERR_INTERNAL;
		goto done;
	}
	UY_TRY_OUT(pki_add_ext_conf(x, &v3, NID_basic_constraints, bc, r->name));
	UY_TRY_OUT(pki_add_ext_conf(x, &v3, NID_key_usage, ku, r->name));
	if (eku != NULL) {
		UY_TRY_OUT(pki_add_ext_conf(x, &v3, NID_ext_key_usage, eku, r->name));
	}
	UY_TRY_OUT(pki_add_ext_conf(x, &v3, NID_subject_key_identifier, "hash", r->name));
	if (!root) {
		UY_TRY_OUT(pki_add_ext_conf(x, &v3, NID_authority_key_identifier, "keyid:always",
		    r->name));
	}
	if (r->profile == UY_PKI_PROFILE_NES || r->profile == UY_PKI_PROFILE_SEAL) {
		UY_TRY_OUT(pki_add_policies(x, p, r));
		UY_TRY_OUT(pki_add_qc(x, p, r));
	}
	if (!root && iss->crl_url != NULL) {
		value = uy_asprintf("URI:%s", iss->crl_url);
		UY_ENSURE_OUT(value != NULL, UY_ERR_NOMEM);
		UY_TRY_OUT(pki_add_ext_conf(x, &v3, NID_crl_distribution_points, value, r->name));
		uy_free(value);
		value = NULL;
	}
	if (!root && iss->ocsp_url != NULL && r->profile != UY_PKI_PROFILE_CA &&
	    r->profile != UY_PKI_PROFILE_OCSP) {
		value = uy_asprintf("OCSP;URI:%s", iss->ocsp_url);
		UY_ENSURE_OUT(value != NULL, UY_ERR_NOMEM);
		UY_TRY_OUT(pki_add_ext_conf(x, &v3, NID_info_access, value, r->name));
	}
	if (r->profile == UY_PKI_PROFILE_OCSP) {
		/* id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1), value NULL */
		UY_TRY_OUT(pki_add_ext_conf(x, &v3, NID_id_pkix_OCSP_noCheck, "ignored", r->name));
	}

	/* Defect forged: the certificate claims its issuer (name, AKID) but is signed with the
	 * role's own key, so it fails under the real issuer. */
	EVP_PKEY *signer = (r->defects & PKI_D_FORGED) != 0 ? r->key : iss->key;
	UY_ENSURE_OUT(X509_sign(x, signer, pki_md(r->md)) > 0, pki_ossl("sign", r->name));
	if ((r->defects & PKI_D_BAD_SIGNATURE) != 0) {
		int len = i2d_X509(x, &der);
		UY_ENSURE_OUT(len > 0, pki_ossl("encode", r->name));
		pki_flip_last(der, len);
		const unsigned char *q = der;
		X509 *y = d2i_X509(NULL, &q, len);
		UY_ENSURE_OUT(y != NULL && q == der + len, pki_ossl("decode", r->name));
		X509_free(x);
		x = y;
	}
	r->cert = x;
	x = NULL; /* now owned by r */
done:
	uy_free(value);
	OPENSSL_free(der);
	ASN1_TIME_free(nb);
	ASN1_TIME_free(na);
	ASN1_INTEGER_free(serial);
	BN_free(bn);
	X509_free(x);
	return rc;
}

static uy_err
pki_build_role(uy_pki *p, pki_role *r, const char *keys_dir, unsigned flags, unsigned depth)
{
	UY_ENSURE(r->state != PKI_BUILDING,
	    UY_ERROR(UY_ERR_MANIFEST, "role %s: issuer cycle", r->name));
	if (r->state == PKI_DONE) {
		return UY_OK;
	}
	UY_ENSURE(depth < UY_PKI_MAX_DEPTH,
	    UY_ERROR(UY_ERR_LIMIT, "role %s: chain deeper than %u", r->name, UY_PKI_MAX_DEPTH));
	r->state = PKI_BUILDING;
	pki_role *iss = pki_find_role(p, r->issuer);
	if (iss != r) {
		UY_TRY(pki_build_role(p, iss, keys_dir, flags, depth + 1));
	}
	if (r->issuer_name_of != NULL) {
		UY_TRY(pki_build_role(p, pki_find_role(p, r->issuer_name_of), keys_dir, flags,
		    depth + 1));
	}
	UY_TRY(pki_key(&r->key, keys_dir, r, flags, 1));
	UY_TRY(pki_make_cert(p, r));
	r->state = PKI_DONE;
	return UY_OK;
}

/* ---------- CRLs and OCSP ---------- */

static uy_err
pki_make_crl(uy_pki *p, pki_crl *c)
{
	uy_err rc = UY_OK;
	X509_CRL *crl = NULL;
	ASN1_TIME *t1 = NULL;
	ASN1_TIME *t2 = NULL;
	ASN1_INTEGER *num = NULL;
	BIGNUM *bn = NULL;
	X509_REVOKED *rv = NULL;
	ASN1_TIME *rt = NULL;
	ASN1_ENUMERATED *reason = NULL;
	unsigned char *der = NULL;
	X509V3_CTX v3;
	X509_EXTENSION *e = NULL;
	const pki_role *iss = pki_find_role(p, c->issuer);

	crl = X509_CRL_new();
	UY_ENSURE_OUT(crl != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(X509_CRL_set_version(crl, X509_CRL_VERSION_2) == 1 &&
	        X509_CRL_set_issuer_name(crl, X509_get_subject_name(iss->cert)) == 1,
	    pki_ossl("CRL", c->name));
	UY_TRY_OUT(pki_set_time(&t1, &c->this_update));
	UY_TRY_OUT(pki_set_time(&t2, &c->next_update));
	UY_ENSURE_OUT(X509_CRL_set1_lastUpdate(crl, t1) == 1 && X509_CRL_set1_nextUpdate(crl, t2) == 1,
	    pki_ossl("CRL times", c->name));
	for (size_t i = 0; i < c->nrevoked; i++) {
		const pki_revoked *v = &c->revoked[i];
		const pki_role *vr = pki_find_role(p, v->role);
		rv = X509_REVOKED_new();
		UY_ENSURE_OUT(rv != NULL, UY_ERR_NOMEM);
		UY_TRY_OUT(pki_set_time(&rt, &v->when));
		UY_ENSURE_OUT(X509_REVOKED_set_serialNumber(rv,
		                  (ASN1_INTEGER *)X509_get0_serialNumber(vr->cert)) == 1 &&
		        X509_REVOKED_set_revocationDate(rv, rt) == 1,
		    pki_ossl("CRL entry", c->name));
		ASN1_TIME_free(rt);
		rt = NULL;
		if (v->reason >= 0) {
			reason = ASN1_ENUMERATED_new();
			UY_ENSURE_OUT(reason != NULL && ASN1_ENUMERATED_set(reason, v->reason) == 1,
			    UY_ERR_NOMEM);
			UY_ENSURE_OUT(X509_REVOKED_add1_ext_i2d(rv, NID_crl_reason, reason, 0, 0) == 1,
			    pki_ossl("CRL reason", c->name));
			ASN1_ENUMERATED_free(reason);
			reason = NULL;
		}
		UY_ENSURE_OUT(X509_CRL_add0_revoked(crl, rv) == 1, pki_ossl("CRL entry", c->name));
		rv = NULL; /* now owned by crl */
	}
	UY_ENSURE_OUT(X509_CRL_sort(crl) == 1, pki_ossl("CRL sort", c->name));
	int used = BN_dec2bn(&bn, c->number); /* digits read; must be all of them */
	UY_ENSURE_OUT(used > 0 && (size_t)used == strlen(c->number),
	    UY_ERROR(UY_ERR_MANIFEST, "CRL %s: number is not decimal", c->name));
	num = BN_to_ASN1_INTEGER(bn, NULL);
	UY_ENSURE_OUT(num != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(X509_CRL_add1_ext_i2d(crl, NID_crl_number, num, 0, 0) == 1,
	    pki_ossl("CRL number", c->name));
	X509V3_set_ctx(&v3, iss->cert, NULL, NULL, crl, 0);
	e = X509V3_EXT_nconf_nid(NULL, &v3, NID_authority_key_identifier, "keyid:always");
	UY_ENSURE_OUT(e != NULL && X509_CRL_add_ext(crl, e, -1) == 1, pki_ossl("CRL AKID", c->name));
	UY_ENSURE_OUT(X509_CRL_sign(crl, iss->key, pki_md(c->md)) > 0, pki_ossl("CRL sign", c->name));
	if ((c->defects & PKI_D_BAD_SIGNATURE) != 0) {
		int len = i2d_X509_CRL(crl, &der);
		UY_ENSURE_OUT(len > 0, pki_ossl("CRL encode", c->name));
		pki_flip_last(der, len);
		const unsigned char *q = der;
		X509_CRL *y = d2i_X509_CRL(NULL, &q, len);
		UY_ENSURE_OUT(y != NULL && q == der + len, pki_ossl("CRL decode", c->name));
		X509_CRL_free(crl);
		crl = y;
	}
	c->crl = crl;
	crl = NULL; /* now owned by c */
done:
	X509_EXTENSION_free(e);
	OPENSSL_free(der);
	ASN1_ENUMERATED_free(reason);
	ASN1_TIME_free(rt);
	X509_REVOKED_free(rv);
	ASN1_INTEGER_free(num);
	BN_free(bn);
	ASN1_TIME_free(t1);
	ASN1_TIME_free(t2);
	X509_CRL_free(crl);
	return rc;
}

static uy_err
pki_gentime(ASN1_GENERALIZEDTIME **out, const pki_time *pt)
{
	*out = ASN1_GENERALIZEDTIME_new();
	UY_ENSURE(*out != NULL, UY_ERR_NOMEM);
	UY_ENSURE(ASN1_GENERALIZEDTIME_set_string(*out, pt->gt) == 1, pki_ossl("time", pt->gt));
	return UY_OK;
}

/*
 * OCSP_basic_sign() always writes the current time into producedAt. Method: sign once with it
 * (which also sets the key-hash ResponderID and adds the responder certificate), overwrite
 * producedAt in the response's own tbsResponseData with the description's time, then sign
 * tbsResponseData again with ASN1_item_sign_ctx() into the same signatureAlgorithm and
 * signature fields, exactly as OCSP_BASICRESP_sign_ctx() does inside OpenSSL 3.0.
 */
static uy_err
pki_make_ocsp(uy_pki *p, pki_ocsp *o)
{
	uy_err rc = UY_OK;
	OCSP_BASICRESP *bs = NULL;
	OCSP_CERTID *id = NULL;
	ASN1_GENERALIZEDTIME *tu = NULL;
	ASN1_GENERALIZEDTIME *nu = NULL;
	ASN1_GENERALIZEDTIME *rt = NULL;
	EVP_MD_CTX *mc = NULL;
	const pki_role *resp = pki_find_role(p, o->responder);
	const pki_role *t = pki_find_role(p, o->target);
	const pki_role *ti = pki_find_role(p, t->issuer);

	bs = OCSP_BASICRESP_new();
	UY_ENSURE_OUT(bs != NULL, UY_ERR_NOMEM);
	/* SHA-256 CertIDs, as Kamu SM's responders (spec §6 pitfall 3). */
	id = OCSP_cert_to_id(EVP_sha256(), t->cert, ti->cert);
	UY_ENSURE_OUT(id != NULL, pki_ossl("CertID", o->name));
	UY_TRY_OUT(pki_gentime(&tu, &o->this_update));
	UY_TRY_OUT(pki_gentime(&nu, &o->next_update));
	if (o->status == V_OCSP_CERTSTATUS_REVOKED) {
		UY_TRY_OUT(pki_gentime(&rt, &o->revoked_at));
	}
	UY_ENSURE_OUT(OCSP_basic_add1_status(bs, id, o->status,
	                  o->reason >= 0 ? o->reason : OCSP_REVOKED_STATUS_NOSTATUS, rt, tu, nu) != NULL,
	    pki_ossl("OCSP status", o->name));
	UY_ENSURE_OUT(OCSP_basic_sign(bs, resp->cert, resp->key, pki_md(o->md), NULL,
	                  OCSP_RESPID_KEY) == 1,
	    pki_ossl("OCSP sign", o->name));
	/* The accessors return the response's own fields (const only by declaration). */
	ASN1_GENERALIZEDTIME *pa = (ASN1_GENERALIZEDTIME *)OCSP_resp_get0_produced_at(bs);
	UY_ENSURE_OUT(ASN1_GENERALIZEDTIME_set_string(pa, o->produced_at.gt) == 1,
	    pki_ossl("producedAt", o->name));
	mc = EVP_MD_CTX_new();
	UY_ENSURE_OUT(mc != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(EVP_DigestSignInit(mc, NULL, pki_md(o->md), NULL, resp->key) == 1,
	    pki_ossl("OCSP re-sign", o->name));
	ASN1_BIT_STRING *sig = (ASN1_BIT_STRING *)OCSP_resp_get0_signature(bs);
	UY_ENSURE_OUT(ASN1_item_sign_ctx(ASN1_ITEM_rptr(OCSP_RESPDATA),
	                  (X509_ALGOR *)OCSP_resp_get0_tbs_sigalg(bs), NULL, sig,
	                  (void *)OCSP_resp_get0_respdata(bs), mc) > 0,
	    pki_ossl("OCSP re-sign", o->name));
	if ((o->defects & PKI_D_BAD_SIGNATURE) != 0) {
		UY_ENSURE_OUT(sig->length > 0, UY_ERR_INTERNAL);
		sig->data[sig->length - 1] ^= 0x01;
	}
	o->resp = OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, bs);
	UY_ENSURE_OUT(o->resp != NULL, pki_ossl("OCSP response", o->name));
done:
	EVP_MD_CTX_free(mc);
	ASN1_GENERALIZEDTIME_free(tu);
	ASN1_GENERALIZEDTIME_free(nu);
	ASN1_GENERALIZEDTIME_free(rt);
	OCSP_CERTID_free(id);
	OCSP_BASICRESP_free(bs);
	return rc;
}

/* ---------- output ---------- */

typedef enum { PKI_OUT_CERT, PKI_OUT_CRL, PKI_OUT_OCSP } pki_out_kind;

/* Encode an object, write it as out_dir/<name><suffix>, add a manifest line. */
static uy_err
pki_write_obj(uy_buf *manifest, const char *out_dir, pki_out_kind kind, const char *name,
    const void *obj, int stable)
{
	static const char *const suffix[] = { ".cert.pem", ".crl.der", ".ocsp.der" };
	static const char *const kinds[] = { "certificate", "crl", "ocsp" };
	uy_err rc = UY_OK;
	BIO *mem = BIO_new(BIO_s_mem());
	char *path = NULL;
	char *data = NULL;
	unsigned char md[32];
	char hex[65];

	UY_ENSURE_OUT(mem != NULL, UY_ERR_NOMEM);
	int ok = 0;
	switch (kind) {
	case PKI_OUT_CERT:
		ok = PEM_write_bio_X509(mem, (X509 *)obj);
		break;
	case PKI_OUT_CRL:
		ok = i2d_X509_CRL_bio(mem, (X509_CRL *)obj);
		break;
	case PKI_OUT_OCSP:
		ok = i2d_OCSP_RESPONSE_bio(mem, (OCSP_RESPONSE *)obj);
		break;
	default:
		ok = 0;
		break;
	}
	UY_ENSURE_OUT(ok == 1, pki_ossl("encode", name));
	long n = BIO_get_mem_data(mem, &data);
	UY_ENSURE_OUT(n > 0, pki_ossl("encode", name));
	path = uy_asprintf("%s/%s%s", out_dir, name, suffix[kind]);
	UY_ENSURE_OUT(path != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(pki_write_file(path, (const uint8_t *)data, (size_t)n));
	UY_ENSURE_OUT(EVP_Digest(data, (size_t)n, md, NULL, EVP_sha256(), NULL) == 1,
	    pki_ossl("SHA-256", name));
	for (size_t i = 0; i < sizeof(md); i++) {
		static const char digits[] = "0123456789abcdef";
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
	UY_TRY_OUT(uy_buf_printf(manifest, "%s\t%s\t%s%s\t%s\t%s\n", kinds[kind], name, name,
	    suffix[kind], hex, stable ? "yes" : "no"));
done:
	uy_free(path);
	BIO_free(mem);
	return rc;
}

/* RSA PKCS#1 v1.5 signatures are deterministic; ECDSA ones are not. */
static int
pki_stable(const EVP_PKEY *signer)
{
	return EVP_PKEY_is_a(signer, "RSA");
}

static uy_err
pki_write_all(const uy_pki *p, const char *out_dir)
{
	uy_err rc = UY_OK;
	uy_buf m;
	uint8_t *text = NULL;
	size_t len = 0;
	char *path = NULL;

	uy_buf_init(&m, PKI_MAX_FILE, 0);
	UY_TRY_OUT(uy_buf_printf(&m,
	    "# uyum test PKI (TEST ONLY). validation-time %s signing-time %s\n"
	    "# kind\tname\tfile\tsha256\tbyte-stable\n",
	    p->validation_time.gt, p->signing_time.gt));
	for (size_t i = 0; i < p->nroles; i++) {
		const pki_role *r = &p->roles[i];
		const pki_role *iss = pki_find_role(p, r->issuer);
		EVP_PKEY *signer = (r->defects & PKI_D_FORGED) != 0 ? r->key : iss->key;
		UY_TRY_OUT(pki_write_obj(&m, out_dir, PKI_OUT_CERT, r->name, r->cert, pki_stable(signer)));
	}
	for (size_t i = 0; i < p->ncrls; i++) {
		const pki_crl *c = &p->crls[i];
		UY_TRY_OUT(pki_write_obj(&m, out_dir, PKI_OUT_CRL, c->name, c->crl,
		    pki_stable(pki_find_role(p, c->issuer)->key)));
	}
	for (size_t i = 0; i < p->nocsps; i++) {
		const pki_ocsp *o = &p->ocsps[i];
		UY_TRY_OUT(pki_write_obj(&m, out_dir, PKI_OUT_OCSP, o->name, o->resp,
		    pki_stable(pki_find_role(p, o->responder)->key)));
	}
	text = uy_buf_take(&m, &len);
	path = uy_asprintf("%s/manifest.tsv", out_dir);
	UY_ENSURE_OUT(path != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(pki_write_file(path, text, len));
done:
	uy_free(path);
	uy_free(text);
	uy_buf_dispose(&m);
	return rc;
}

/* see uy_pki.h */
uy_err
uy_pki_build(uy_pki **out, const char *spec_path, const char *keys_dir, const char *out_dir,
    unsigned flags)
{
	uy_err rc = UY_OK;
	uy_pki *p = NULL;

	UY_ASSERT_ARG(spec_path != NULL && keys_dir != NULL && out_dir != NULL);
	if (out != NULL) {
		*out = NULL;
	}
	UY_TRY_OUT(pki_parse(&p, spec_path));
	pki_register_oids();
	for (size_t i = 0; i < p->nroles; i++) {
		UY_TRY_OUT(pki_build_role(p, &p->roles[i], keys_dir, flags, 0));
	}
	for (size_t i = 0; i < p->ncrls; i++) {
		UY_TRY_OUT(pki_make_crl(p, &p->crls[i]));
	}
	for (size_t i = 0; i < p->nocsps; i++) {
		UY_TRY_OUT(pki_make_ocsp(p, &p->ocsps[i]));
	}
	UY_TRY_OUT(pki_write_all(p, out_dir));
	if (out != NULL) {
		*out = p;
		p = NULL; /* now owned by caller */
	}
done:
	uy_pki_free(p);
	return rc;
}

/* ---------- load ---------- */

static uy_err
pki_load_bytes(uint8_t **out, size_t *len, const char *out_dir, const char *name,
    const char *suffix)
{
	char *path = uy_asprintf("%s/%s%s", out_dir, name, suffix);

	UY_ENSURE(path != NULL, UY_ERR_NOMEM);
	uy_err rc = pki_read_file(path, out, len);
	uy_free(path);
	return rc;
}

/* see uy_pki.h */
uy_err
uy_pki_load(uy_pki **out, const char *spec_path, const char *keys_dir, const char *out_dir)
{
	uy_err rc = UY_OK;
	uy_pki *p = NULL;
	uint8_t *bytes = NULL;
	size_t len = 0;
	BIO *bio = NULL;

	UY_ASSERT_ARG(out != NULL && spec_path != NULL && keys_dir != NULL && out_dir != NULL);
	*out = NULL;
	UY_TRY_OUT(pki_parse(&p, spec_path));
	pki_register_oids();
	for (size_t i = 0; i < p->nroles; i++) {
		pki_role *r = &p->roles[i];
		UY_TRY_OUT(pki_key(&r->key, keys_dir, r, UY_PKI_KEYS_EXISTING, 0));
		UY_TRY_OUT(pki_load_bytes(&bytes, &len, out_dir, r->name, ".cert.pem"));
		UY_ENSURE_OUT(len <= INT_MAX, UY_ERR_LIMIT);
		bio = BIO_new_mem_buf(bytes, (int)len);
		UY_ENSURE_OUT(bio != NULL, UY_ERR_NOMEM);
		r->cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
		UY_ENSURE_OUT(r->cert != NULL, pki_ossl("not a PEM certificate", r->name));
		BIO_free(bio);
		bio = NULL;
		uy_free(bytes);
		bytes = NULL;
		r->state = PKI_DONE;
	}
	for (size_t i = 0; i < p->ncrls; i++) {
		pki_crl *c = &p->crls[i];
		UY_TRY_OUT(pki_load_bytes(&bytes, &len, out_dir, c->name, ".crl.der"));
		const unsigned char *q = bytes;
		c->crl = d2i_X509_CRL(NULL, &q, (long)len);
		UY_ENSURE_OUT(c->crl != NULL && q == bytes + len, pki_ossl("not a DER CRL", c->name));
		uy_free(bytes);
		bytes = NULL;
	}
	for (size_t i = 0; i < p->nocsps; i++) {
		pki_ocsp *o = &p->ocsps[i];
		UY_TRY_OUT(pki_load_bytes(&bytes, &len, out_dir, o->name, ".ocsp.der"));
		const unsigned char *q = bytes;
		o->resp = d2i_OCSP_RESPONSE(NULL, &q, (long)len);
		UY_ENSURE_OUT(o->resp != NULL && q == bytes + len,
		    pki_ossl("not a DER OCSP response", o->name));
		uy_free(bytes);
		bytes = NULL;
	}
	*out = p;
	p = NULL; /* now owned by caller */
done:
	BIO_free(bio);
	uy_free(bytes);
	uy_pki_free(p);
	return rc;
}

/* see uy_pki.h */
void
uy_pki_free(uy_pki *p)
{
	if (p == NULL) {
		return;
	}
	for (size_t i = 0; i < p->nroles; i++) {
		pki_role *r = &p->roles[i];
		uy_free(r->name);
		uy_free(r->issuer);
		uy_free(r->issuer_name_of);
		uy_free(r->key_type);
		uy_free(r->serial);
		uy_free(r->md);
		uy_free(r->crl_url);
		uy_free(r->ocsp_url);
		X509_NAME_free(r->subject);
		X509_free(r->cert);
		EVP_PKEY_free(r->key);
	}
	for (size_t i = 0; i < p->ncrls; i++) {
		pki_crl *c = &p->crls[i];
		uy_free(c->name);
		uy_free(c->issuer);
		uy_free(c->number);
		uy_free(c->md);
		for (size_t k = 0; k < c->nrevoked; k++) {
			uy_free(c->revoked[k].role);
		}
		uy_free(c->revoked);
		X509_CRL_free(c->crl);
	}
	for (size_t i = 0; i < p->nocsps; i++) {
		pki_ocsp *o = &p->ocsps[i];
		uy_free(o->name);
		uy_free(o->responder);
		uy_free(o->target);
		uy_free(o->md);
		OCSP_RESPONSE_free(o->resp);
	}
	uy_free(p->roles);
	uy_free(p->crls);
	uy_free(p->ocsps);
	uy_free(p->policy_oid);
	uy_free(p->cps);
	uy_free(p->notice);
	uy_free(p->qc_text);
	uy_free(p);
}

/* ---------- accessors ---------- */

/* see uy_pki.h */
time_t
uy_pki_validation_time(const uy_pki *p)
{
	return p->validation_time.t;
}

/* see uy_pki.h */
time_t
uy_pki_signing_time(const uy_pki *p)
{
	return p->signing_time.t;
}

/* see uy_pki.h */
size_t
uy_pki_role_count(const uy_pki *p)
{
	return p->nroles;
}

/* see uy_pki.h */
const char *
uy_pki_role_name(const uy_pki *p, size_t i)
{
	return i < p->nroles ? p->roles[i].name : NULL;
}

/* see uy_pki.h */
const char *
uy_pki_role_issuer(const uy_pki *p, const char *role)
{
	const pki_role *r = pki_find_role(p, role);

	return r != NULL ? r->issuer : NULL;
}

/* see uy_pki.h */
uy_err
uy_pki_role_profile(const uy_pki *p, const char *role, uy_pki_profile *out)
{
	const pki_role *r = pki_find_role(p, role);

	UY_ENSURE(r != NULL, UY_ERR_NOT_FOUND);
	*out = r->profile;
	return UY_OK;
}

/* see uy_pki.h */
int
uy_pki_role_has_defect(const uy_pki *p, const char *role, const char *defect)
{
	const pki_role *r = pki_find_role(p, role);

	for (size_t k = 0; r != NULL && k < sizeof(pki_defects) / sizeof(pki_defects[0]); k++) {
		if (strcmp(pki_defects[k].name, defect) == 0) {
			return (r->defects & pki_defects[k].bit) != 0;
		}
	}
	return 0;
}

/* see uy_pki.h */
X509 *
uy_pki_cert(const uy_pki *p, const char *role)
{
	const pki_role *r = pki_find_role(p, role);

	return r != NULL ? r->cert : NULL;
}

/* see uy_pki.h */
EVP_PKEY *
uy_pki_key(const uy_pki *p, const char *role)
{
	const pki_role *r = pki_find_role(p, role);

	return r != NULL ? r->key : NULL;
}

/* see uy_pki.h */
uy_err
uy_pki_chain(STACK_OF(X509) **out, const uy_pki *p, const char *role)
{
	uy_err rc = UY_OK;
	STACK_OF(X509) *sk = NULL;
	const pki_role *r = pki_find_role(p, role);

	UY_ASSERT_ARG(out != NULL);
	*out = NULL;
	UY_ENSURE_OUT(r != NULL, UY_ERR_NOT_FOUND);
	sk = sk_X509_new_null();
	UY_ENSURE_OUT(sk != NULL, UY_ERR_NOMEM);
	for (unsigned depth = 0; strcmp(r->issuer, r->name) != 0; depth++) {
		UY_ENSURE_OUT(depth < UY_PKI_MAX_DEPTH, UY_ERR_LIMIT);
		r = pki_find_role(p, r->issuer);
		UY_ENSURE_OUT(X509_add_cert(sk, r->cert, X509_ADD_FLAG_UP_REF) == 1, UY_ERR_NOMEM);
	}
	*out = sk;
	sk = NULL; /* now owned by caller */
done:
	sk_X509_pop_free(sk, X509_free);
	return rc;
}

/* see uy_pki.h */
size_t
uy_pki_crl_count(const uy_pki *p)
{
	return p->ncrls;
}

/* see uy_pki.h */
const char *
uy_pki_crl_name(const uy_pki *p, size_t i)
{
	return i < p->ncrls ? p->crls[i].name : NULL;
}

/* see uy_pki.h */
const char *
uy_pki_crl_issuer(const uy_pki *p, const char *crl)
{
	const pki_crl *c = pki_find_crl(p, crl);

	return c != NULL ? c->issuer : NULL;
}

/* see uy_pki.h */
X509_CRL *
uy_pki_crl(const uy_pki *p, const char *crl)
{
	const pki_crl *c = pki_find_crl(p, crl);

	return c != NULL ? c->crl : NULL;
}

/* see uy_pki.h */
size_t
uy_pki_ocsp_count(const uy_pki *p)
{
	return p->nocsps;
}

/* see uy_pki.h */
const char *
uy_pki_ocsp_name(const uy_pki *p, size_t i)
{
	return i < p->nocsps ? p->ocsps[i].name : NULL;
}

/* see uy_pki.h */
OCSP_RESPONSE *
uy_pki_ocsp(const uy_pki *p, const char *ocsp)
{
	const pki_ocsp *o = pki_find_ocsp(p, ocsp);

	return o != NULL ? o->resp : NULL;
}
