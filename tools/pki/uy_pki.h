/*
 * uy_pki.h - uyum's test PKI: build it from a declarative description and load it back by role.
 *
 * TEST ONLY. Everything this module makes (keys, certificates, CRLs, OCSP responses) is public test
 * material shaped like Kamu SM's profiles; it protects nothing and must never be trusted outside
 * uyum's own vectors.
 *
 * The description (vectors/pki/pki.xml, namespace UY_PKI_NS, format in tools/pki/README.md) names
 * roles (certificates with their keys), CRLs and OCSP responses. Every time in it is explicit: the
 * module never reads the clock (OCSP_basic_sign's "now" is overwritten, see README). With the same
 * keys, every RSA PKCS#1 v1.5 signed file is byte-identical from one build to the next; files signed
 * with ECDSA are not (the manifest says which).
 *
 * Output folder layout (all names are role or object names from the description):
 *   <role>.cert.pem       the certificate (PEM)
 *   <crl>.crl.der         a CRL (DER)
 *   <ocsp>.ocsp.der       a complete OCSPResponse (DER, responseStatus successful)
 *   manifest.tsv          one line per file: kind, name, file, SHA-256, byte-stable (yes/no)
 * Keys are read from, or on first use written to, the keys folder: <role>.key.pem (PKCS#8 PEM).
 *
 * Conventions of uyum.h apply; OpenSSL objects returned by uy_pki_* accessors are borrowed from
 * the uy_pki object and live until uy_pki_free().
 */
#ifndef UYUM_UY_PKI_H
#define UYUM_UY_PKI_H

#include <stddef.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>

#include "uyum/uy_err.h"

/** Namespace of the description's elements. */
#define UY_PKI_NS "urn:uyum:pki:1"

/* Largest description accepted (bytes). */
#define UY_PKI_MAX_SPEC ((size_t)1 << 20)
/* Most roles, CRLs and OCSP responses (each) in one description. */
#define UY_PKI_MAX_OBJECTS 256u
/* Longest issuer chain (roles) from an end entity to its root. */
#define UY_PKI_MAX_DEPTH 8u

/* Build flag: never create a key; a missing <role>.key.pem is an error (tests, CI). */
#define UY_PKI_KEYS_EXISTING 1u

/* Role profiles (the "profile" attribute). */
typedef enum {
	UY_PKI_PROFILE_ROOT = 0,
	UY_PKI_PROFILE_CA = 1,
	UY_PKI_PROFILE_NES = 2,
	UY_PKI_PROFILE_SEAL = 3,
	UY_PKI_PROFILE_ENC = 4,
	UY_PKI_PROFILE_TSA = 5,
	UY_PKI_PROFILE_OCSP = 6
} uy_pki_profile;

/** A test PKI in memory: the description plus, once built or loaded, its objects. Opaque. */
typedef struct uy_pki uy_pki;

/**
 * Build the whole PKI of a description and write it to a folder.
 *
 * Keys: keys_dir/<role>.key.pem is used when present; otherwise a new key of the role's type is
 * generated and written there (unless UY_PKI_KEYS_EXISTING). Existing files in out_dir with the
 * same names are replaced.
 *
 * @param[out] out  the built PKI (uy_pki_free), with every object loaded; NULL on error. May be
 *                  NULL when the caller only wants the files.
 * @param spec_path the description (XML, UTF-8, at most UY_PKI_MAX_SPEC bytes); borrowed.
 * @param keys_dir  folder of the role keys; must exist; borrowed.
 * @param out_dir   output folder; must exist; borrowed.
 * @param flags     0 or UY_PKI_KEYS_EXISTING.
 * @return UY_ERR_IO        a file cannot be read or written, or a key is missing with
 *                          UY_PKI_KEYS_EXISTING
 * @return UY_ERR_XML       the description is not well-formed XML
 * @return UY_ERR_XML_DOCTYPE the description has a DOCTYPE
 * @return UY_ERR_MANIFEST  the description is invalid (unknown role, bad time, bad TCKN, cycle...;
 *                          uy_error_last() says where)
 * @return UY_ERR_LIMIT     more than UY_PKI_MAX_OBJECTS objects or UY_PKI_MAX_DEPTH levels
 * @return UY_ERR_CRYPTO    OpenSSL failed (key generation, signing, encoding)
 * @return UY_ERR_NOMEM     out of memory
 * @standard RFC 5280 §4 (certificates), §5 (CRLs); RFC 6960 §4.2 (OCSP responses); ETSI EN 319
 *           412-5 §4 (QC statements); signatures-and-certificates.md §3, §9
 */
UY_MUST_USE uy_err uy_pki_build(uy_pki **out, const char *spec_path, const char *keys_dir,
                                const char *out_dir, unsigned flags);

/**
 * Load a PKI built earlier: the description, the keys and the files of out_dir.
 *
 * @param[out] out  the PKI (uy_pki_free); NULL on error.
 * @param spec_path the description it was built from; borrowed.
 * @param keys_dir  folder of the role keys; borrowed.
 * @param out_dir   folder written by uy_pki_build(); borrowed.
 * @return UY_ERR_IO        a file is missing or unreadable
 * @return UY_ERR_CRYPTO    a file is not a PEM certificate, PEM key, DER CRL or DER OCSP response
 * @return (and every error of the description listed at uy_pki_build())
 */
UY_MUST_USE uy_err uy_pki_load(uy_pki **out, const char *spec_path, const char *keys_dir,
                               const char *out_dir);

/** Release a PKI and all its objects; NULL is allowed. */
void uy_pki_free(uy_pki *p);

/** Intended validation time of the corpus (UTC seconds), from the description. */
time_t uy_pki_validation_time(const uy_pki *p);

/** Reference signing time of the corpus (UTC seconds): "before"/"after" defects are relative to it. */
time_t uy_pki_signing_time(const uy_pki *p);

/** Number of roles (certificates) in the description. */
size_t uy_pki_role_count(const uy_pki *p);

/** Name of role i (0-based, description order); borrowed; NULL when out of range. */
const char *uy_pki_role_name(const uy_pki *p, size_t i);

/** Name of the issuing role of a role (itself for a root); borrowed; NULL for an unknown role. */
const char *uy_pki_role_issuer(const uy_pki *p, const char *role);

/**
 * Profile of a role.
 *
 * @return 0 and *out set, or UY_ERR_NOT_FOUND for an unknown role.
 */
UY_MUST_USE uy_err uy_pki_role_profile(const uy_pki *p, const char *role, uy_pki_profile *out);

/**
 * Whether a role carries a defect token (e.g. "expired", "bad-signature"; list in README).
 *
 * @return 1 if it does, 0 if not or for an unknown role.
 */
int uy_pki_role_has_defect(const uy_pki *p, const char *role, const char *defect);

/** Certificate of a role; borrowed; NULL for an unknown role. */
X509 *uy_pki_cert(const uy_pki *p, const char *role);

/** Private key of a role (TEST ONLY); borrowed; NULL for an unknown role. */
EVP_PKEY *uy_pki_key(const uy_pki *p, const char *role);

/**
 * The issuer chain of a role, as the description states it: the role's issuer, its issuer, and so
 * on up to and including the root (empty for a root).
 *
 * @param[out] out new stack whose certificates are up-referenced (OSSL_STACK_OF_X509_free is
 *                 not in 3.0: sk_X509_pop_free(out, X509_free)); NULL on error.
 * @return UY_ERR_NOT_FOUND  unknown role
 * @return UY_ERR_NOMEM      out of memory
 */
UY_MUST_USE uy_err uy_pki_chain(STACK_OF(X509) **out, const uy_pki *p, const char *role);

/** Number of CRLs in the description. */
size_t uy_pki_crl_count(const uy_pki *p);

/** Name of CRL i; borrowed; NULL when out of range. */
const char *uy_pki_crl_name(const uy_pki *p, size_t i);

/** Issuing role of a CRL; borrowed; NULL for an unknown CRL. */
const char *uy_pki_crl_issuer(const uy_pki *p, const char *crl);

/** A CRL by name; borrowed; NULL for an unknown name. */
X509_CRL *uy_pki_crl(const uy_pki *p, const char *crl);

/** Number of OCSP responses in the description. */
size_t uy_pki_ocsp_count(const uy_pki *p);

/** Name of OCSP response i; borrowed; NULL when out of range. */
const char *uy_pki_ocsp_name(const uy_pki *p, size_t i);

/** An OCSP response (OCSPResponse) by name; borrowed; NULL for an unknown name. */
OCSP_RESPONSE *uy_pki_ocsp(const uy_pki *p, const char *ocsp);

/**
 * Parse a description time, "YYYY-MM-DDTHH:MM:SSZ" (UTC, no fraction).
 *
 * @param[out] out UTC seconds since 1970; 0 on error.
 * @param s        the text; borrowed.
 * @return UY_ERR_SYNTAX  not of that form, or not a calendar date
 */
UY_MUST_USE uy_err uy_pki_parse_time(time_t *out, const char *s);

/**
 * Whether a string is a TCKN with valid check digits: 11 digits, the first not 0,
 * d10 = ((d1+d3+d5+d7+d9)*7 - (d2+d4+d6+d8)) mod 10, d11 = (d1+...+d10) mod 10.
 *
 * @return 1 if valid, 0 otherwise (including NULL).
 * @standard T.C. Kimlik Numarası algorithm (NVİ)
 */
int uy_pki_tckn_valid(const char *s);

#endif /* UYUM_UY_PKI_H */
