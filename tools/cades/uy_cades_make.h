/*
 * uy_cades_make.h - the CAdES producer of uyum's vector tools (issue 3, item 2).
 *
 * Makes CMS SignedData signatures in the forms the Turkish profiles P1-P4 and
 * the Kamu SM scenario catalogue need: BES, EPES (P2/P3/P4 policy), T (with an
 * in-process RFC 3161 TSA), X-Long (TS 101 733 refs and values) and A
 * (archive-time-stamp v2 or v3), attached or detached, plus named defects.
 * It is a producer, not a validator: it never judges what it writes.
 *
 * Conventions (as uyum.h): pointers are non-NULL unless stated; lengths are
 * in bytes; times are UTC seconds since 1970 and always explicit (no wall
 * clock); OpenSSL objects passed in are borrowed; byte outputs are owned by
 * the caller and released with uy_free(); on failure every out-pointer is
 * NULL/0. UY_ERR_USAGE (a caller bug) is not listed per function.
 *
 * Approach: the SignerInfo is made with OpenSSL's CMS API (CMS_sign with
 * CMS_PARTIAL, CMS_add1_signer with the signer certificate's PUBLIC key and
 * CMS_PARTIAL|CMS_NOSMIMECAP, so nothing is signed and no attribute is added
 * by OpenSSL). uyum then adds every signed attribute itself, encodes
 * signedAttrs as the DER SET OF that RFC 5652 §5.4 signs, hands those bytes
 * to the signer callback, and stores the returned value with
 * CMS_SignerInfo_get0_signature(). The private key never has to be in the
 * process, so a smart card or PKCS#11 token fits behind uy_signer.sign.
 * Structures OpenSSL 3.0 lacks are ASN1_SEQUENCE templates (cades_asn1.c).
 */
#ifndef UYUM_TOOLS_UY_CADES_MAKE_H
#define UYUM_TOOLS_UY_CADES_MAKE_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_err.h"

/* ---- signer interface ---------------------------------------------------- */

/** Signature scheme of a signer; decides SignerInfo.signatureAlgorithm. */
typedef enum {
	UY_SIG_RSA_PKCS1 = 0, /* rsaEncryption, RSASSA-PKCS1-v1_5: deterministic */
	UY_SIG_RSA_PSS = 1,   /* id-RSASSA-PSS, MGF1 with the same hash, salt = hash length */
	UY_SIG_ECDSA = 2      /* ecdsa-with-SHA<n>, DER Ecdsa-Sig-Value */
} uy_sig_scheme;

/**
 * Sign callback of a uy_signer.
 *
 * @param payload  the signer's payload (a key handle, a card session, ...).
 * @param md       the digest algorithm of the SignerInfo; borrowed. The
 *                 callback hashes tbs with it (a card that signs hashes
 *                 computes the hash itself first).
 * @param tbs      the bytes to sign: DER of the signed attributes (SET OF).
 * @param len      bytes in tbs.
 * @param[out] sig      owned signature value (uy_alloc) in the scheme's
 *                      format; NULL on failure.
 * @param[out] sig_len  bytes in *sig; 0 on failure.
 * @return UY_OK, or any uy_err (UY_ERR_CRYPTO for a device or library
 *         failure); the producer passes it through.
 */
typedef uy_err (*uy_signer_sign_fn)(void *payload, const EVP_MD *md, const uint8_t *tbs,
    size_t len, uint8_t **sig, size_t *sig_len);

/**
 * A signer: its certificate, an optional chain and a sign callback. A plain
 * value: the caller fills it in (or uses uy_signer_init_pkey) and keeps
 * everything it points to alive while it is used.
 */
typedef struct uy_signer {
	X509 *cert;             /* signing certificate; borrowed */
	STACK_OF(X509) *chain;  /* CA certificates put in SignedData.certificates; may be NULL */
	uy_sig_scheme scheme;   /* how sign() signs */
	uy_signer_sign_fn sign; /* the signature operation */
	void *payload;          /* handed to sign(); borrowed */
} uy_signer;

/**
 * Set up a software signer over an EVP_PKEY.
 *
 * @param[out] s  caller-allocated signer, overwritten.
 * @param cert    signing certificate; borrowed, must match key.
 * @param chain   CA certificates for SignedData.certificates; may be NULL; borrowed.
 * @param key     private key (RSA for UY_SIG_RSA_PKCS1/PSS, EC for UY_SIG_ECDSA);
 *                borrowed, must outlive the signer.
 * @param scheme  signature scheme.
 * @return UY_ERR_CRYPTO  the key does not match the certificate or the scheme
 * @standard RFC 5652 §5.5; RFC 4056 (PSS in CMS); RFC 5753 (ECDSA in CMS)
 */
UY_MUST_USE uy_err uy_signer_init_pkey(uy_signer *s, X509 *cert, STACK_OF(X509) *chain,
    EVP_PKEY *key, uy_sig_scheme scheme);

/* ---- in-process RFC 3161 time-stamping authority -------------------------- */

/* Kamu SM's TSA policy (spec §4.5), the default of uy_tsa.policy_oid. */
#define UY_TSA_POLICY_KAMUSM "2.16.792.1.2.1.1.5.7.3.1"

/**
 * An in-process TSA built on OpenSSL's TS_RESP_CTX. Plain value, filled in by
 * the caller; serial is advanced by every token.
 */
typedef struct uy_tsa {
	X509 *cert;               /* TSA certificate (critical EKU timeStamping); borrowed */
	EVP_PKEY *key;            /* its private key; borrowed */
	STACK_OF(X509) *certs;    /* extra certificates put in each token; may be NULL */
	const char *policy_oid;   /* TSTInfo.policy, dotted; NULL: UY_TSA_POLICY_KAMUSM */
	const EVP_MD *md;         /* token signature and ESSCertIDv2 hash; NULL: SHA-256 */
	uint64_t serial;          /* serialNumber of the next token (then incremented) */
	unsigned accuracy_seconds; /* TSTInfo.accuracy; both 0: no accuracy field */
	unsigned accuracy_millis;
} uy_tsa;

/**
 * Issue a time-stamp token over a message imprint, at a fixed genTime.
 *
 * The token is TS_RESP_create_response()'s, with one fix-up for determinism:
 * OpenSSL's PKCS7 signer adds a wall-clock signing-time to the token, so that
 * attribute is replaced by genTime and the token SignerInfo is re-signed
 * (PKCS7_SIGNER_INFO_sign). With an RSA TSA key the token is byte-identical
 * for identical inputs. No nonce; certReq is true.
 *
 * @param[out] out      owned DER ContentInfo (SignedData, id-ct-TSTInfo).
 * @param[out] out_len  bytes in *out.
 * @param tsa       the TSA; its serial is incremented on success.
 * @param md        hash algorithm of the imprint; borrowed.
 * @param digest    messageImprint.hashedMessage.
 * @param digest_len bytes in digest (EVP_MD_get_size(md)).
 * @param gen_time  TSTInfo.genTime, UTC seconds (whole seconds).
 * @return UY_ERR_NOMEM   out of memory
 * @return UY_ERR_CRYPTO  OpenSSL refused (e.g. TSA certificate without the
 *                        critical timeStamping EKU) or the TSA rejected the request
 * @standard RFC 3161 §2.4.2; RFC 5816 (ESSCertIDv2)
 */
UY_MUST_USE uy_err uy_tsa_stamp(uint8_t **out, size_t *out_len, uy_tsa *tsa, const EVP_MD *md,
    const uint8_t *digest, size_t digest_len, int64_t gen_time);

/* ---- the producer --------------------------------------------------------- */

/** How far the signature is built; each level includes the ones before. */
typedef enum {
	UY_CADES_BES = 0,   /* content-type, message-digest, signing-certificate(-v2), signing-time */
	UY_CADES_EPES = 1,  /* BES + signature-policy-identifier (needs a policy) */
	UY_CADES_T = 2,     /* + signature-time-stamp (.14), needs tsa */
	UY_CADES_XLONG = 3, /* + complete-certificate/revocation-refs and -values (.21-.24) */
	UY_CADES_A = 4      /* + archive-time-stamp v2 (.48) or v3 (0.4.0.1733.2.4) */
} uy_cades_level;

/** Signature policy of an EPES or higher signature. */
typedef enum {
	UY_CADES_POLICY_NONE = 0, /* P1: no signature-policy-identifier */
	UY_CADES_POLICY_P2 = 2,   /* 2.16.792.1.61.0.1.5070.3.1.1 */
	UY_CADES_POLICY_P3 = 3,   /* 2.16.792.1.61.0.1.5070.3.2.1 */
	UY_CADES_POLICY_P4 = 4    /* 2.16.792.1.61.0.1.5070.3.3.1 */
} uy_cades_policy;

#define UY_CADES_OID_P2 "2.16.792.1.61.0.1.5070.3.1.1"
#define UY_CADES_OID_P3 "2.16.792.1.61.0.1.5070.3.2.1"
#define UY_CADES_OID_P4 "2.16.792.1.61.0.1.5070.3.3.1"
/* The deployed policy hash (SHA-256 of the Rehber PDF), spec §2.3. */
#define UY_CADES_POLICY_HASH_HEX \
	"FF39BD29463383F69B2052AC47439E06CE7C3B8646E888B6E5AE3E46BA08117A"

/** Revocation data used for one certificate (for X-Long). */
typedef struct {
	const uy_span *crls;    /* DER CertificateList each; may be NULL when crl_count is 0 */
	size_t crl_count;
	const uy_span *ocsps;   /* DER OCSPResponse (successful, basic) each */
	size_t ocsp_count;
} uy_cades_revinfo;

/* Defects (uy_cades_options.defects), for the scenario catalogue §8. */
#define UY_CADES_DEFECT_MESSAGE_DIGEST 0x01u /* flip a bit of the message-digest value */
#define UY_CADES_DEFECT_ESS_HASH 0x02u       /* flip a bit of the ESSCertID(v2) certHash */
#define UY_CADES_DEFECT_SIGNATURE 0x04u      /* flip a bit of SignerInfo.signature */
#define UY_CADES_DEFECT_TST_IMPRINT 0x08u    /* signature-time-stamp over a wrong imprint */
#define UY_CADES_DEFECT_ATS_IMPRINT 0x10u    /* archive-time-stamp over a wrong imprint */
#define UY_CADES_DEFECT_TST_SIGNATURE 0x20u  /* signature-time-stamp token signature broken */
#define UY_CADES_DEFECT_CTS_IMPRINT 0x40u    /* CAdES-C time-stamp over a wrong imprint */
#define UY_CADES_DEFECT_CTS_SIGNATURE 0x80u  /* CAdES-C time-stamp token signature broken */
#define UY_CADES_DEFECT_CONTENT_TS_IMPRINT 0x100u /* content-time-stamp over a wrong imprint */
#define UY_CADES_DEFECT_REFS_TS_IMPRINT 0x200u    /* time-stamped-certs-crls-refs over a wrong
                                                     imprint */
#define UY_CADES_DEFECT_ATS_SIGNATURE 0x400u /* (first) archive-time-stamp token signature broken */

/*
 * One entry of the X-Long attributes to drop or corrupt (uy_cades_options.xl_entry), for the
 * catalogue families I (refs) and J (values), spec §8. xl_index names the entry: ref_certs[i]
 * for certificates, revinfo[i] (0 = the signer) for revocation data, whose first CRL or OCSP
 * response is the one affected.
 */
typedef enum {
	UY_CADES_XL_NONE = 0,       /* no defect */
	UY_CADES_XL_CERT_REF = 1,   /* its OtherCertID in complete-certificate-refs (.21) */
	UY_CADES_XL_CERT_VALUE = 2, /* the certificate in certificate-values (.23) */
	UY_CADES_XL_CRL_REF = 3,    /* the CrlValidatedID in complete-revocation-refs (.22) */
	UY_CADES_XL_OCSP_REF = 4,   /* the OcspResponsesID in complete-revocation-refs (.22) */
	UY_CADES_XL_CRL_VALUE = 5,  /* the CRL in revocation-values (.24) */
	UY_CADES_XL_OCSP_VALUE = 6  /* the BasicOCSPResponse in revocation-values (.24) */
} uy_cades_xl_entry;

#define UY_CADES_OPTIONS_VERSION 1u

/**
 * Options of uy_cades_make(). Start from UY_CADES_OPTIONS_INIT: BES,
 * attached, SHA-256, no signing-time (set has_signing_time), v2
 * signing-certificate with issuerSerial, chain embedded, no policy.
 */
typedef struct {
	unsigned version;            /* UY_CADES_OPTIONS_VERSION */
	uy_cades_level level;
	int detached;                /* 1: eContent absent (CMS_DETACHED) */
	const EVP_MD *md;            /* digest of the SignerInfo; NULL: SHA-256 */
	int include_chain;           /* 1: signer->chain into SignedData.certificates */

	int has_signing_time;        /* 0: no signing-time attribute (a P2-P4 defect) */
	int64_t signing_time;        /* signing-time, UTC seconds */

	unsigned ess_version;        /* 2: signing-certificate-v2; 1: v1 with SHA-1 (defect in P2-P4) */
	const EVP_MD *ess_md;        /* v2 hash; NULL: SHA-256 (then hashAlgorithm is omitted) */
	int ess_issuer_serial;       /* 1: ESSCertID(v2) carries issuerSerial */

	uy_cades_policy policy;      /* required from EPES on */
	const char *policy_oid;      /* NULL: the profile's OID; else this dotted OID (defect) */
	const uint8_t *policy_hash;  /* NULL: the deployed FF39...117A; else these bytes (defect) */
	size_t policy_hash_len;
	const char *user_notice;     /* NULL: no qualifier; else SPUserNotice explicitText (UTF-8) */

	uy_tsa *tsa;                 /* from T on: signs the time-stamps; borrowed, mutated */
	int64_t tst_time;            /* genTime of the signature-time-stamp */

	const uy_span *ref_certs;    /* X-Long: DER certificates of the path other than the signer
	                                (sub-CA, root) then OCSP responders; in refs and values order */
	size_t ref_cert_count;
	const uy_cades_revinfo *revinfo; /* [0]: the signer, then one per ref_certs entry;
	                                    may be shorter */
	size_t revinfo_count;
	const EVP_MD *ref_md;        /* hash in OtherHash; NULL: SHA-256 (SHA-1 gives sha1Hash) */
	int ref_issuer_serial;       /* 1: OtherCertID carries issuerSerial */
	int ocsp_ref_basic;          /* 1: ocspRepHash over BasicOCSPResponse; 0: over OCSPResponse */

	unsigned ats_version;        /* A: 2 (TS 101 733 §6.4.1 clause-6 form) or 3 (EN 319 122-1) */
	int64_t ats_time;            /* genTime of the archive-time-stamp */

	uy_cades_xl_entry xl_entry;  /* X-Long entry to drop or corrupt; UY_CADES_XL_NONE: none */
	size_t xl_index;             /* which one: index into ref_certs or revinfo */
	int xl_corrupt;              /* 0: drop the entry; 1: keep it with one bit of its hash
	                                flipped (refs only: CERT_REF, CRL_REF, OCSP_REF) */

	unsigned defects;            /* UY_CADES_DEFECT_* bits */
	int defects_before_signing;  /* 1: corrupt attributes before signing, so the signature
	                                still verifies; 0: after signing (default) */

	int c_timestamp;             /* X-Long and A: 1 adds the CAdES-C time-stamp (.25) */
	uy_tsa *c_tsa;               /* its TSA; NULL: tsa. Borrowed, mutated (serial) */
	int64_t c_ts_time;           /* its genTime */

	int content_timestamp;       /* 1: the signed attribute content-time-stamp (.20), made by
	                                tsa before signing; any level, needs tsa */
	int64_t content_ts_time;     /* its genTime; 0: signing_time - 120 s */
	int refs_timestamp;          /* X-Long and A: 1 adds time-stamped-certs-crls-refs (.26),
	                                by tsa ("CAdES-X Type 2") */
	int64_t refs_ts_time;        /* its genTime; 0: signing_time + 300 s */

	uy_tsa *a_tsa;               /* A: the (first) archive-time-stamp's TSA; NULL: tsa.
	                                Borrowed, mutated (serial) */
	const EVP_MD *ats_md;        /* A: the (first) archive-time-stamp's imprint hash AND its
	                                token's signature and ESSCertID hash (a copy of the TSA with
	                                this md signs); NULL: imprint with md, token as the TSA signs */
	int64_t ats2_time;           /* A: 0: one archive-time-stamp; else a second one, by tsa at
	                                this genTime (after ats_time), covering the first */
} uy_cades_options;

#define UY_CADES_OPTIONS_INIT \
	{ .version = UY_CADES_OPTIONS_VERSION, .level = UY_CADES_BES, .include_chain = 1, \
	  .ess_version = 2, .ess_issuer_serial = 1, .ats_version = 2 }

/**
 * Make a CAdES signature over content.
 *
 * Signed attributes: content-type (id-data), message-digest,
 * signing-certificate-v2 (or v1), signing-time (if has_signing_time) and
 * signature-policy-identifier (whenever policy is not NONE, so a BES with a
 * policy is the "P1 carries a policy" defect) and, with content_timestamp, the
 * content-time-stamp (.20): a token by tsa at content_ts_time over the hash,
 * with opts->md, of the content (eContent, or the detached content), made
 * before the signature so that the signature covers it. Unsigned attributes, added in
 * this order: signature-time-stamp (.14; imprint = hash, with opts->md, of
 * the contents octets of SignerInfo.signature), complete-certificate-refs
 * (.21), complete-revocation-refs (.22), certificate-values (.23),
 * revocation-values (.24), with c_timestamp the CAdES-C time-stamp (.25; imprint
 * uy_cades_c_ts_digest(), by c_tsa or tsa at c_ts_time), with refs_timestamp the
 * time-stamped-certs-crls-refs (.26; imprint uy_cades_refs_ts_digest(), by tsa at
 * refs_ts_time), then the archive-time-stamp (which therefore covers the .25 and
 * .26): by a_tsa (NULL: tsa) at ats_time, imprint and token hash ats_md (NULL: md, and the
 * TSA's own md), and with ats2_time a second one by tsa at ats2_time whose imprint covers the
 * first (TS 101 733 §6.4.1: every unsigned attribute before it, earlier archive-time-stamps
 * included). Both sets are DER
 * SET OF, so the encoding sorts them by their bytes.
 *
 * SignedData.certificates holds the signer certificate and, with
 * include_chain, signer->chain. The SignerInfo uses issuerAndSerialNumber.
 * An archive-time-stamp v3 carries its ats-hash-index-v3 (0.4.0.19122.1.5)
 * as an unsigned attribute of the token's SignerInfo; for v2 the imprint is
 * uy_cades_ats_v2_digest() of the signature just before the ATS is added.
 *
 * @param[out] out      owned DER ContentInfo (SignedData).
 * @param[out] out_len  bytes in *out.
 * @param signer   the signer; borrowed.
 * @param content  the signed content; attached unless opts->detached. May be
 *                 empty (ptr NULL, len 0).
 * @param opts     options; borrowed (opts->tsa is mutated: serials advance).
 * @return UY_ERR_NOMEM   out of memory
 * X-Long entry defects (xl_entry): a dropped reference is left out of its list
 * (a CrlOcspRef that loses its only CRL or OCSP reference stays, empty, so the
 * positions of the others do not move); a dropped value is left out of
 * certificate-values or revocation-values (a revocation value is dropped
 * wherever the same bytes appear); a corrupted reference has the last bit of
 * its OtherHash value flipped. The entry must exist: xl_index below
 * ref_cert_count (certificates) or revinfo_count with a CRL or OCSP response
 * there (revocation data), else UY_ERR_USAGE; xl_corrupt on a value is
 * UY_ERR_USAGE too. c_timestamp or refs_timestamp below X-Long is UY_ERR_USAGE, so is
 * content_timestamp without tsa; ats2_time not after ats_time is UY_ERR_USAGE.
 * Token defects: UY_CADES_DEFECT_TST_SIGNATURE / _CTS_SIGNATURE / _ATS_SIGNATURE flip the
 * middle byte of the signature value inside the signature-time-stamp / CAdES-C time-stamp /
 * first archive-time-stamp token (catalogue TSA2; _ATS_IMPRINT too hits the first one only),
 * _CTS_IMPRINT makes the CAdES-C token over a wrong imprint (TSA1), _CONTENT_TS_IMPRINT and
 * _REFS_TS_IMPRINT the content-time-stamp and time-stamped-certs-crls-refs tokens (the first
 * imprint octet flipped); the rest of the token is as issued, and the signature over a
 * corrupt content-time-stamp still verifies (the token is corrupt before signing).
 *
 * @return UY_ERR_CRYPTO  OpenSSL failed, an input DER (certificate, CRL, OCSP
 *                        response) does not parse, or the signer failed
 * @return any code the signer callback returns
 * @standard ETSI TS 101 733 V2.2.1 §5-6 (RFC 5126 §5.7.3-5.7.4, §5.11.4, §6.3.5-6.3.6);
 *           ETSI EN 319 122-1 §5.2.8, §5.5.2-5.5.3; RFC 5035; RFC 3161; BTK Rehber §8.5 Tablo 2
 */
UY_MUST_USE uy_err uy_cades_make(uint8_t **out, size_t *out_len, const uy_signer *signer,
    uy_span content, const uy_cades_options *opts);

/** How uy_cades_cosign adds its signer (catalogue family G). */
typedef enum {
	UY_CADES_PARALLEL = 0, /* another SignerInfo over the same content in signerInfos */
	UY_CADES_COUNTER = 1   /* a countersignature (1.2.840.113549.1.9.6) of the first SignerInfo */
} uy_cades_cosign_mode;

/**
 * Add a second signer to an existing CMS signature (several signers, catalogue family G).
 *
 * UY_CADES_PARALLEL: a new SignerInfo over content, made exactly as uy_cades_make makes one
 * (same attributes, time-stamp, refs and values, defects), in the same SignedData; its digest
 * algorithm joins digestAlgorithms. UY_CADES_COUNTER: a countersignature of the FIRST
 * SignerInfo of signerInfos as encoded (RFC 5652 §11.4): a SignerInfo whose message-digest is
 * the hash of the contents octets of that SignerInfo's signature and which has no
 * content-type attribute, with its own unsigned attributes up to opts->level, put as a
 * countersignature unsigned attribute of the first SignerInfo; content is not used (a
 * content-time-stamp of the countersignature is over that signature value too). In both
 * modes the signer certificate and, with include_chain, signer->chain join
 * SignedData.certificates, each certificate once. signerInfos and certificates are DER SET OF,
 * so their order is that of their encodings. Adding a signer changes what an
 * archive-time-stamp v2 of the existing signer covered.
 *
 * @param[out] out      owned DER ContentInfo (SignedData).
 * @param[out] out_len  bytes in *out.
 * @param cms      DER ContentInfo (SignedData) with at least one SignerInfo; borrowed.
 * @param signer   the added signer; borrowed.
 * @param content  PARALLEL: the content cms signs (its eContent, or the detached content).
 * @param mode     UY_CADES_PARALLEL or UY_CADES_COUNTER.
 * @param opts     the added signer's options, level at most UY_CADES_XLONG (opts->detached
 *                 is not used); borrowed (opts->tsa is mutated).
 * @return UY_ERR_SYNTAX  cms is not a DER SignedData with a SignerInfo
 * @return UY_ERR_NOMEM   out of memory
 * @return UY_ERR_LIMIT   the countersignature does not fit in an int length
 * @return UY_ERR_CRYPTO  as uy_cades_make
 * @return any code the signer callback returns
 * @standard RFC 5652 §5.1 (several SignerInfos), §11.4 (countersignature); ETSI TS 101 733
 *           §5.9 (parallel and serial signatures)
 */
UY_MUST_USE uy_err uy_cades_cosign(uint8_t **out, size_t *out_len, uy_span cms,
    const uy_signer *signer, uy_span content, uy_cades_cosign_mode mode,
    const uy_cades_options *opts);

/**
 * The archive-time-stamp-v2 imprint input (TS 101 733 V1.8.1 §6.4.1, clause-6
 * form as MA3 makes it) of the first SignerInfo of a CMS signature: DER of
 * encapContentInfo ‖ detached content ‖ [0] certificates ‖ [1] crls ‖ the
 * SignerInfo SEQUENCE contents without tag and length, hashed with md.
 *
 * @param[out] out      digest, EVP_MD_get_size(md) bytes; caller-allocated
 *                      EVP_MAX_MD_SIZE bytes.
 * @param[out] out_len  bytes written; 0 on failure.
 * @param cms       DER ContentInfo (SignedData) as it was before the
 *                  archive-time-stamp was added.
 * @param detached  the external content when eContent is absent; else {NULL, 0}.
 * @param md        hash algorithm; borrowed.
 * @return UY_ERR_SYNTAX  cms is not a DER SignedData with a SignerInfo
 * @return UY_ERR_NOMEM   out of memory
 * @return UY_ERR_CRYPTO  hashing failed
 * @standard ETSI TS 101 733 V1.8.1 §6.4.1
 */
UY_MUST_USE uy_err uy_cades_ats_v2_digest(uint8_t *out, size_t *out_len, uy_span cms,
    uy_span detached, const EVP_MD *md);

/**
 * The CAdES-C time-stamp (.25) imprint of the first SignerInfo of a CMS signature: the hash
 * with md of the contents octets of SignerInfo.signature ‖ for each of the unsigned attributes
 * signature-time-stamp (.14), complete-certificate-refs (.21) and complete-revocation-refs
 * (.22), in this order: DER attrType ‖ DER attrValues (the Attribute SEQUENCE without its tag
 * and length). Public so that a validator and the tests can recompute it.
 *
 * @param[out] out      digest, EVP_MD_get_size(md) bytes; caller-allocated
 *                      EVP_MAX_MD_SIZE bytes.
 * @param[out] out_len  bytes written; 0 on failure.
 * @param cms  DER ContentInfo (SignedData); the .25 and later attributes do not matter.
 * @param md   hash algorithm (the token's messageImprint algorithm); borrowed.
 * @return UY_ERR_SYNTAX  cms is not a DER SignedData with a SignerInfo, or one of the three
 *                        attributes is absent or present more than once
 * @return UY_ERR_NOMEM   out of memory
 * @return UY_ERR_CRYPTO  encoding or hashing failed
 * @standard RFC 5126 §6.3.5 (ETSI TS 101 733 §6.3.5); signatures-and-certificates.md §4.3
 */
UY_MUST_USE uy_err uy_cades_c_ts_digest(uint8_t *out, size_t *out_len, uy_span cms,
    const EVP_MD *md);

/**
 * The time-stamped-certs-crls-refs (.26, "CAdES-X Type 2") imprint of the first SignerInfo of
 * a CMS signature: the hash with md of, for complete-certificate-refs (.21) then
 * complete-revocation-refs (.22), DER attrType ‖ DER attrValues (the Attribute SEQUENCE
 * without its tag and length). Unlike uy_cades_c_ts_digest, neither the signature value nor
 * the signature-time-stamp is covered. Public so that a validator and the tests can
 * recompute it.
 *
 * @param[out] out      digest, EVP_MD_get_size(md) bytes; caller-allocated
 *                      EVP_MAX_MD_SIZE bytes.
 * @param[out] out_len  bytes written; 0 on failure.
 * @param cms  DER ContentInfo (SignedData); the .26 and later attributes do not matter.
 * @param md   hash algorithm (the token's messageImprint algorithm); borrowed.
 * @return UY_ERR_SYNTAX  cms is not a DER SignedData with a SignerInfo, or one of the two
 *                        attributes is absent or present more than once
 * @return UY_ERR_NOMEM   out of memory
 * @return UY_ERR_CRYPTO  encoding or hashing failed
 * @standard RFC 5126 §6.3.6 (ETSI TS 101 733 §6.3.6)
 */
UY_MUST_USE uy_err uy_cades_refs_ts_digest(uint8_t *out, size_t *out_len, uy_span cms,
    const EVP_MD *md);

#endif /* UYUM_TOOLS_UY_CADES_MAKE_H */
