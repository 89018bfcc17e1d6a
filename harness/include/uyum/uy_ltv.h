/*
 * uy_ltv.h - the bytes of a CAdES signature that long-term validation
 * works on: the SignerInfo's fields and unsigned attributes as encoded, the
 * imprints that time-stamps cover (signature-time-stamp, CAdES-C
 * time-stamp, archive-time-stamp v2 in both readings, v3), and the
 * ES-C / ES-X-L attributes complete-certificate-refs,
 * complete-revocation-refs, certificate-values and revocation-values
 * (RFC 5126 §6.2, §6.3, §6.4, §5.5 ; ETSI TS 101 733; ETSI EN 319 122-1
 * §5.5; spec signatures §4.3, §4.4).
 *
 * Everything here reads the original DER bytes with a bounded TLV walk
 * (no OpenSSL internals), so hashes are over exactly what was signed.
 * Spans in the structures below point INTO the caller's buffer: they are
 * valid as long as that buffer is.
 */
#ifndef UYUM_UY_LTV_H
#define UYUM_UY_LTV_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_err.h"
#include "uyum/uy_path.h"
#include "uyum/uy_verdict.h"

/** Unsigned attributes kept per SignerInfo; more is UY_ERR_LIMIT. */
#define UY_LTV_MAX_ATTRS 64u
/** Entries kept per refs/values list; more is UY_ERR_LIMIT. */
#define UY_LTV_MAX_ITEMS 64u

/** One attribute as encoded. */
typedef struct {
	uy_span tlv;		/* the whole Attribute SEQUENCE TLV */
	uy_span type_tlv;	/* attrType OBJECT IDENTIFIER TLV */
	uy_span values_tlv;	/* attrValues SET TLV */
	int nid;		/* OBJ_obj2nid of attrType (uyum registers the CAdES
				 * OIDs OpenSSL lacks: see uy_ltv_nid()); NID_undef if unknown */
	size_t value_count;	/* elements in attrValues */
	uy_span first_value;	/* TLV of the first element (empty if none) */
} uy_ltv_attr;

/** One SignerInfo of a SignedData, as encoded. */
typedef struct {
	uy_span cms;			/* the whole ContentInfo */
	uy_span encap_content_info;	/* SignedData.encapContentInfo TLV */
	uy_span econtent;		/* eContent OCTET STRING contents; ptr NULL iff
					 * detached (attached empty content: ptr set, len 0) */
	uy_span econtent_type_tlv;	/* eContentType OID TLV */
	uy_span certificates_tlv;	/* [0] IMPLICIT TLV, empty if absent */
	uy_span crls_tlv;		/* [1] IMPLICIT TLV, empty if absent */
	uy_span signer_info;		/* the SignerInfo SEQUENCE TLV */
	/* SignerInfo fields as encoded (TLVs). */
	uy_span version_tlv, sid_tlv, digest_alg_tlv, signed_attrs_tlv, sig_alg_tlv, signature_tlv;
	uy_span unsigned_attrs_tlv;	/* [1] TLV, empty if absent */
	uy_span signature_value;	/* contents octets of signature */
	size_t unsigned_count;
	uy_ltv_attr unsigned_attrs[UY_LTV_MAX_ATTRS];	/* in encoded order */
} uy_ltv_signer;

/**
 * NID of a CAdES OID, registering those OpenSSL 3.0 lacks on first use
 * (archive-time-stamp-v2 1.2.840.113549.1.9.16.2.48, archive-time-stamp-v3
 * 0.4.0.1733.2.4, ats-hash-index-v3 0.4.0.19122.1.5, ats-hash-index
 * 0.4.0.1733.2.5, id-ri-ocsp-response 1.3.6.1.5.5.7.16.2, the QC
 * statement OIDs of spec §4.1, mime-type, signer-attributes-v2, the BTK
 * NES QC statement). Thread-safe (registration runs once). Any other OID is
 * only looked up.
 *
 * @param dotted an OID in dotted form; borrowed; NULL gives NID_undef.
 * @return its NID, or NID_undef if OpenSSL does not know it and it is not
 *         one of ours (or could not be registered).
 */
int uy_ltv_nid(const char *dotted);

/**
 * Locate SignerInfo number `index` (DER order) of a DER ContentInfo holding
 * SignedData, and its unsigned attributes. The whole of `cms` is walked
 * first: one TLV, definite minimal lengths, every length within the bytes
 * left, nesting at most UY_CADES_MAX_DER_DEPTH.
 *
 * @param[out] out   filled; spans point into `cms`. Zeroed on error.
 * @param cms        DER ContentInfo; borrowed, must outlive `out`.
 * @param index      0-based SignerInfo number.
 * @return UY_OK          found
 * @return UY_ERR_SYNTAX  not DER (truncated, trailing bytes, indefinite or
 *                        non-minimal length, too deep), not SignedData, or no
 *                        SignerInfo `index`
 * @return UY_ERR_LIMIT   more than UY_LTV_MAX_ATTRS unsigned attributes, or
 *                        cms longer than UY_MAX_SIGNATURE_PART
 * @standard RFC 5652 §5.1, §5.3
 */
UY_MUST_USE uy_err uy_ltv_parse_signer(uy_ltv_signer *out, uy_span cms, size_t index);

/**
 * Wrap a countersignature (a SignerInfo held in a countersignature
 * attribute value) in a synthetic DER ContentInfo / SignedData without
 * eContent (detached, eContentType id-data) whose certificates are the
 * parent's SignedData.certificates, so that it can be validated like any
 * detached signature over the parent's signature value octets:
 * uy_cades_check_signature() with opts.countersignature = 1 and detached
 * content = parent->signature_value. digestAlgorithms holds the
 * countersignature's digestAlgorithm; the version follows RFC 5652 §5.1.
 *
 * @param[out] out          initialised by the call; the DER ContentInfo. The
 *                          caller frees it with uy_buf_dispose(); empty on error.
 * @param parent            the parent signer (its certificates_tlv is copied).
 * @param countersignature  the SignerInfo TLV (a countersignature value);
 *                          borrowed.
 * @return UY_ERR_NOMEM   out of memory
 * @return UY_ERR_LIMIT   the result would exceed UY_MAX_SIGNATURE_PART
 * @return UY_ERR_SYNTAX  countersignature is not one DER SignerInfo TLV
 * @standard RFC 5652 §11.4
 */
UY_MUST_USE uy_err uy_ltv_wrap_countersignature(uy_buf *out, const uy_ltv_signer *parent,
                                                uy_span countersignature);

/**
 * The CAdES-C time-stamp (id-aa-ets-escTimeStamp, .16.2.25) imprint: md over
 * the signature value octets, then, for signature-time-stamp (.14),
 * complete-certificate-refs (.21) and complete-revocation-refs (.22) in this
 * order and each attribute in encoded order, its attrType TLV and attrValues
 * TLV. RFC 5126 §6.3.5. Absent attributes are skipped: the caller checks
 * that they are there.
 *
 * @param[out] out      EVP_MAX_MD_SIZE bytes, caller-allocated.
 * @param[out] out_len  bytes written; 0 on error.
 * @param s    a signer from uy_ltv_parse_signer(); borrowed.
 * @param md   the token's messageImprint hash algorithm.
 * @return UY_ERR_CRYPTO  digest failure; UY_ERR_NOMEM out of memory
 * @standard RFC 5126 §6.3.5; ETSI TS 101 733 §6.3.5
 */
UY_MUST_USE uy_err uy_ltv_c_ts_imprint(uint8_t *out, size_t *out_len, const uy_ltv_signer *s,
                                       const EVP_MD *md);

/**
 * The archive-time-stamp v2 (.16.2.48) imprint in one of its two readings
 * (spec signatures §4.4), over the unsigned attributes whose include[i] is
 * non-zero (the caller excludes the ATS itself and later archive
 * time-stamps).
 *
 * annex_k = 0, TS 101 733 §6.4.1 (as MA3 writes it): encapContentInfo TLV ‖
 * the detached content (if any) ‖ certificates TLV ‖ crls TLV ‖ the
 * SignerInfo SEQUENCE contents with its unsigned attributes reduced to the
 * included ones (re-encoded [1] with DER lengths).
 * annex_k = 1, Annex K: encapContentInfo TLV if attached, else only the
 * detached content ‖ certificates TLV ‖ crls TLV ‖ each SignerInfo field TLV
 * ‖ each included unsigned attribute TLV (no [1] wrapper).
 * With no attribute included, the clause-6 reading has no [1] at all.
 * The corpus producer (tools/cades) and MA3 write the clause-6 reading.
 *
 * @param[out] out      EVP_MAX_MD_SIZE bytes, caller-allocated.
 * @param[out] out_len  bytes written; 0 on error.
 * @param detached the external content for a detached signature; NULL or
 *                 empty when attached (ignored when s has eContent).
 * @param include  s->unsigned_count flags; borrowed; may be NULL when
 *                 s->unsigned_count is 0.
 * @param md       the token's messageImprint hash algorithm.
 * @return UY_ERR_CRYPTO digest failure; UY_ERR_NOMEM out of memory
 * @standard ETSI TS 101 733 V1.8.1 §6.4.1 and Annex K; spec §4.4
 */
UY_MUST_USE uy_err uy_ltv_ats_v2_imprint(uint8_t *out, size_t *out_len, const uy_ltv_signer *s,
                                         const uy_span *detached, const int *include, int annex_k,
                                         const EVP_MD *md);

/**
 * The archive-time-stamp v3 (0.4.0.1733.2.4) imprint (EN 319 122-1 §5.5.3)
 * and the check of its ATSHashIndexV3: md over eContentType TLV ‖ md(the
 * signed content) ‖ version, sid, digestAlgorithm, signedAttrs,
 * signatureAlgorithm, signature TLVs ‖ the DER ats-hash-index-v3 value
 * `hash_index` (from the unsigned attribute of the token's SignerInfo).
 * Every entry of the index must match an element of `s` present now,
 * hashed with hashIndAlgorithm (default SHA-256): a CertificateChoices TLV
 * of SignedData.certificates, a RevocationInfoChoice TLV of crls, or an
 * unsigned attribute value (attrType TLV ‖ one AttributeValue TLV), so that
 * nothing covered was removed. Every value of an unsigned attribute whose
 * include[i] is set (present before this time-stamp) must have an entry.
 * Certificates and CRLs without an entry are accepted: EN 319 122-1 lets
 * validation data be added to SignedData before a further archive
 * time-stamp, and they are not part of this imprint.
 *
 * @param[out] out      EVP_MAX_MD_SIZE bytes, caller-allocated; computed even
 *                      when the index is inconsistent.
 * @param[out] out_len  bytes written; 0 on error.
 * @param[out] index_ok 1 if the index is consistent, else 0 and `why` says
 *                      why (one line; an unknown hashIndAlgorithm is 0 too).
 * @param why      caller's buffer of why_cap bytes, "" when consistent; may be
 *                 NULL (then why_cap is ignored).
 * @param content  the signed content (eContent or the detached content).
 * @param hash_index the DER ATSHashIndexV3; borrowed.
 * @param include  s->unsigned_count flags; may be NULL when s has none.
 * @param md       the token's messageImprint hash algorithm.
 * @return UY_ERR_SYNTAX  hash_index is not a DER ATSHashIndexV3
 * @return UY_ERR_LIMIT   more than 256 certificates, CRLs or unsigned
 *                        attribute values to index, or an index list
 *                        longer than 1024 entries
 * @return UY_ERR_CRYPTO digest failure; UY_ERR_NOMEM out of memory
 * @standard ETSI EN 319 122-1 §5.5.2, §5.5.3
 */
UY_MUST_USE uy_err uy_ltv_ats_v3_imprint(uint8_t *out, size_t *out_len, int *index_ok,
                                         char *why, size_t why_cap, const uy_ltv_signer *s,
                                         uy_span content, uy_span hash_index, const int *include,
                                         const EVP_MD *md);

/** The ES-C / ES-X-L attributes of one SignerInfo, decoded. */
typedef struct {
	int has_cert_refs, has_rev_refs, has_cert_values, has_rev_values;
	/* complete-certificate-refs: OtherCertID entries. */
	size_t cert_ref_count;
	struct {
		int hash_nid;		/* SHA-1 for a bare OtherHashValue */
		uy_span hash;		/* the hash value octets */
		uy_span issuer_serial;	/* IssuerSerial TLV, empty if absent */
	} cert_refs[UY_LTV_MAX_ITEMS];
	/* complete-revocation-refs: one CrlOcspRef per certificate. */
	size_t rev_ref_count;
	struct {
		size_t crl_count;	/* CrlValidatedID entries */
		size_t ocsp_count;	/* OcspResponsesID entries */
		uy_span tlv;		/* the CrlOcspRef TLV */
	} rev_refs[UY_LTV_MAX_ITEMS];
	/* certificate-values: Certificate TLVs. */
	size_t cert_value_count;
	uy_span cert_values[UY_LTV_MAX_ITEMS];
	/* revocation-values: CRL TLVs and BasicOCSPResponse TLVs. */
	size_t crl_value_count;
	uy_span crl_values[UY_LTV_MAX_ITEMS];
	size_t ocsp_value_count;
	uy_span ocsp_values[UY_LTV_MAX_ITEMS];
} uy_ltv_xl;

/**
 * Decode the four ES-C / ES-X-L attributes of a signer (each at most once,
 * one value). OtherHash is kept as given: a bare OtherHashValue is SHA-1,
 * an OtherHashAlgAndValue gives its algorithm (NID_undef when unknown: it
 * then matches nothing). `out` is zeroed first, and on error.
 *
 * @return UY_ERR_SYNTAX  an attribute present twice, with several values, or
 *                        not DER of its RFC 5126 type
 * @return UY_ERR_LIMIT   a list over UY_LTV_MAX_ITEMS (CrlValidatedIDs and
 *                        OcspResponsesIDs are counted over all CrlOcspRefs)
 * @standard RFC 5126 §6.2.1, §6.2.2, §6.3.3, §6.3.4
 */
UY_MUST_USE uy_err uy_ltv_parse_xl(uy_ltv_xl *out, const uy_ltv_signer *s);

/** The revocation data the signer's path was decided with, for uy_ltv_check_xl(). */
typedef struct {
	/* The path report and the exact inputs given to uy_path_validate(). */
	const uy_path_report *path;
	const uy_span *crls;
	size_t crl_count;
	const uy_span *ocsp;	/* OCSPResponse or BasicOCSPResponse DER */
	size_t ocsp_count;
} uy_ltv_used;

/**
 * Check the refs and values of an ES-X-L signer against each other and
 * against the path actually validated (force-strict-reference-use, spec
 * signatures §2.8, §4.3):
 * - every CA certificate of the path (depth >= 1, the anchor included) has
 *   an OtherCertID whose hash (and issuerSerial, if present) matches it;
 *   every OtherCertID matches a certificate of the path or of
 *   certificate-values (else a "certificate refs" failure);
 * - every OtherCertID's certificate is in certificate-values (else
 *   "certificate values");
 * - the revocation source that decided each certificate of the path is
 *   referenced in complete-revocation-refs (crlHash over the CRL DER;
 *   ocspRepHash over the BasicOCSPResponse or the whole OCSPResponse, or
 *   else ocspIdentifier responderID + producedAt), and every
 *   CrlValidatedID / OcspResponsesID matches a value in revocation-values
 *   (else "revocation refs" / "revocation values"). In which CrlOcspRef a
 *   reference sits is not checked (RFC 5126 orders them signer first, then
 *   as the OtherCertIDs; producers differ). A certificate whose status no
 *   source decided (path verdict TRY_LATER or worse) needs no reference.
 * The checks run in the order above; the first failure is reported.
 * Any failure: INDETERMINATE / CERTIFICATE_CHAIN_GENERAL_FAILURE (spec §5.2).
 *
 * @param[out] out   PASSED or the first failure; its reason names the list
 *                   (certificate refs, certificate values, revocation refs,
 *                   revocation values) and the entry.
 * @param[out] what  on failure, a static id of the list that failed:
 *                   "certificate-refs", "certificate-values",
 *                   "revocation-refs" or "revocation-values"; "" on PASSED.
 * @param xl      from uy_ltv_parse_xl(); borrowed.
 * @param used    the path report and its revocation inputs; borrowed. Every
 *                certs[i].cert of the report must be set.
 * @return UY_ERR_NOMEM out of memory; UY_ERR_CRYPTO digest failure
 * @return UY_ERR_USAGE a NULL argument, a report certificate without `cert`,
 *                      or a source_index beyond used->crl_count / ocsp_count
 * @standard RFC 5126 §6.2.1, §6.2.2, §6.3.3, §6.3.4; ETSI TS 101 733 §6.3
 */
UY_MUST_USE uy_err uy_ltv_check_xl(uy_verdict *out, const char **what, const uy_ltv_xl *xl,
                                   const uy_ltv_used *used);

#endif /* UYUM_UY_LTV_H */
