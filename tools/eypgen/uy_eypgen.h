/*
 * uy_eypgen.h - the e-Yazışma package producer of uyum's vector tools (issue 3, item 3).
 *
 * Builds complete, signed 1.x and 2.x .eyp packages from inputs (a cover document, attachments
 * and a metadata description), and .eypg update packages around a produced .eyp, the way a
 * conforming EBYS does (../shared/spec/eyazisma-packages.md §3, §4, §7, §8, §10). Encrypted
 * packages (.eyps) are made from the result with uy_enc_make_eyps() (tools/enc).
 *
 * TEST TOOLING. It trusts its inputs and never judges what it writes; the checker judges.
 *
 * Conventions (as uyum.h): pointers are non-NULL unless stated; lengths in bytes; times are UTC
 * seconds since 1970 and always explicit (the module never reads the clock); OpenSSL objects
 * passed in are borrowed; byte outputs are owned by the caller (uy_free); on failure every
 * out-pointer is NULL/0. UY_ERR_USAGE (a caller bug) is not listed per function.
 *
 * Determinism: entries are written in a fixed order, with fixed methods and the description's
 * time as modification time. With RSA PKCS#1 v1.5 signers and an RSA TSA the package is
 * byte-identical from one run to the next; ECDSA and RSA-PSS signatures are randomised.
 */
#ifndef UYUM_TOOLS_UY_EYPGEN_H
#define UYUM_TOOLS_UY_EYPGEN_H

#include <stddef.h>
#include <stdint.h>

#include "uy_cades_make.h"
#include "uy_pki.h"
#include "uyum/uy_buf.h"
#include "uyum/uy_err.h"

/** Namespace of the metadata description (format: tools/eypgen/README.md). */
#define UY_EYPGEN_NS "urn:uyum:eypgen:1"

/* Largest description and largest input file accepted (bytes). */
#define UY_EYPGEN_MAX_DESC ((size_t)1 << 20)
#define UY_EYPGEN_MAX_INPUT ((size_t)64 << 20)
/* Most distribution entries and attachments in one description (each). */
#define UY_EYPGEN_MAX_ITEMS 32u

/** A loaded metadata description with its input files. Opaque. */
typedef struct uy_eypgen_desc uy_eypgen_desc;

/**
 * Load a metadata description and read the files it names (relative to the description's
 * folder).
 *
 * @param[out] out  the description (uy_eypgen_desc_free); NULL on error.
 * @param path      the XML file (UTF-8, namespace UY_EYPGEN_NS, at most UY_EYPGEN_MAX_DESC).
 * @return UY_ERR_IO          the description or an input file cannot be read
 * @return UY_ERR_LIMIT       a file is over its cap, or more than UY_EYPGEN_MAX_ITEMS entries
 * @return UY_ERR_XML         not well-formed; UY_ERR_XML_DOCTYPE: has a DOCTYPE
 * @return UY_ERR_MANIFEST    invalid: unknown element, missing attribute, a GUID that is not an
 *                            uppercase GUID, a TCKN without valid check digits, a KKK that is
 *                            not 8 digits, a bad time, a file name with '/' or whitespace
 *                            (uy_error_last() says which)
 * @return UY_ERR_NOMEM       out of memory
 * @standard eyazisma-packages.md §4.3, §6 (field rules the description must already meet)
 */
UY_MUST_USE uy_err uy_eypgen_desc_load(uy_eypgen_desc **out, const char *path);

/** Release a description; NULL is allowed. */
void uy_eypgen_desc_free(uy_eypgen_desc *d);

/** Generation of a description: 1 (1.x, Core 1.3) or 2 (2.x, Core 2.0). */
int uy_eypgen_desc_generation(const uy_eypgen_desc *d);

/** BelgeId of a description (uppercase GUID); borrowed. */
const char *uy_eypgen_desc_belge_id(const uy_eypgen_desc *d);

/** Creation time of a description (UTC seconds): Core created, entry mtimes, signing dates. */
int64_t uy_eypgen_desc_time(const uy_eypgen_desc *d);

/** One signature of a package: who signs and how. Both NULL: the signature is not made. */
typedef struct {
	const uy_signer *signer;       /* borrowed */
	const uy_cades_options *cades; /* borrowed; its tsa is mutated (serials advance) */
} uy_eypgen_sig;

/* Tampering after a correct build, for negative package vectors (uy_eypgen_options.tamper). */
#define UY_EYPGEN_TAMPER_PAKETOZETI_DIGEST 0x01u /* flip the Ustveri DigestValue in PaketOzeti
                                                   before it is signed and sealed */
#define UY_EYPGEN_TAMPER_NIHAIOZET_NO_CORE 0x02u /* NihaiOzet without the Core Reference */

#define UY_EYPGEN_OPTIONS_VERSION 1u

/** How to build a package. Start from UY_EYPGEN_OPTIONS_INIT. */
typedef struct {
	unsigned version;     /* UY_EYPGEN_OPTIONS_VERSION */
	uy_eypgen_sig paraf;  /* 2.x: ParafOzeti + ParafImzaCades; none: no initials (allowed) */
	uy_eypgen_sig imza;   /* required: ImzaCades over PaketOzeti */
	uy_eypgen_sig muhur;  /* required in 2.x; 1.x: none gives no NihaiOzet and no seal */
	unsigned tamper;      /* UY_EYPGEN_TAMPER_* bits; 0 for a valid package */
} uy_eypgen_options;

#define UY_EYPGEN_OPTIONS_INIT {.version = UY_EYPGEN_OPTIONS_VERSION}

/**
 * Build a signed .eyp from a description and write it (through libzip; the file is replaced).
 *
 * 2.x entries, in this order: [Content_Types].xml, _rels/.rels, Core (.psmdcp, name derived
 * from the BelgeId), UstYazi, Ekler, Ustveri (Ustveri-2/Tipler-2), ParafOzeti (+ .rels),
 * Paraflar/ParafImzaCades.imz, PaketOzeti (+ .rels), Imzalar/ImzaCades.imz, NihaiUstveri,
 * NihaiOzet (+ .rels), Muhur/MuhurCades.imz. 1.x: BelgeHedef after Ustveri, BelgeImza after
 * ImzaCades, no ParafOzeti/NihaiUstveri, seal under Muhurler/. Summaries: 2.x SHA-384 +
 * SHA-512 per Reference, 1.x SHA-256, over the raw part bytes; @Id = BelgeId; coverage as in
 * spec §7; each signature is uy_cades_make() over the exact summary bytes with the given
 * options (attached unless the options say detached). XML parts are UTF-8 with a BOM; the
 * content types, relationships and Core are Stored, the rest Deflated; every mtime is the
 * description's time (DOS time of its UTC fields).
 *
 * @param out_path  the .eyp to write.
 * @param d         the description; borrowed.
 * @param opts      options; borrowed.
 * @return UY_ERR_IO       out_path cannot be written
 * @return UY_ERR_CRYPTO   hashing or signing failed (uy_cades_make's errors pass through)
 * @return UY_ERR_NOMEM    out of memory
 * @standard eyazisma-packages.md §2.2, §2.3, §3.1-3.4, §4, §7, §8; ECMA-376-2
 */
UY_MUST_USE uy_err uy_eypgen_make(const char *out_path, const uy_eypgen_desc *d,
    const uy_eypgen_options *opts);

/** What an update package (.eypg, guide 2.1) says. All strings UTF-8, borrowed. */
typedef struct {
	const char *id;            /* Core identifier and NihaiOzet/@Id: a new uppercase GUID */
	int64_t created;           /* Core created and entry mtimes */
	const char *creator;       /* Core dc:creator, e.g. "<Adi>/<KKK>" */
	const char *subject;       /* Core dc:subject */
	const char *yeni_gizlilik; /* YeniGizlilikDerecesi, e.g. "YOK" */
	const char *tarih;         /* DegistirmeTarihi, e.g. "2027-03-15T00:00:00" */
	const char *aciklama;      /* Aciklama */
	const char *karar_no;      /* KomisyonKarariBelgeNo */
	const char *karar_id;      /* KomisyonKarariBelgeId (uppercase GUID) */
} uy_eypgen_update;

/**
 * Build a sealed .eypg around an existing package file.
 *
 * Entries: [Content_Types].xml, _rels/.rels, Core (2.1, RESMIYAZISMA/GUNCELLEME),
 * GuncellemeBilgisi (Tipler-2), OrijinalPaket/OrijinalPaket.eyp (the original bytes), NihaiOzet
 * (SHA-384 + SHA-512 over GuncellemeBilgisi, OrijinalPaket and Core; @Id = u->id) with its
 * .rels, Muhur/MuhurCades.imz.
 *
 * @param out_path   the .eypg to write.
 * @param orig_path  the original package (.eyp), at most UY_EYPGEN_MAX_INPUT bytes.
 * @param u          the update; borrowed.
 * @param muhur      the seal; required.
 * @return UY_ERR_IO, UY_ERR_LIMIT (orig too large), UY_ERR_CRYPTO, UY_ERR_NOMEM
 * @standard eyazisma-packages.md §10, §7 (coverage of .eypg)
 */
UY_MUST_USE uy_err uy_eypgen_make_eypg(const char *out_path, const char *orig_path,
    const uy_eypgen_update *u, const uy_eypgen_sig *muhur);

/* ---- signing kits: a uy_signer and CAdES options made from the test PKI ---------------- */

/* Most certificates in refs/values and revocation objects per certificate. */
#define UY_EYPGEN_KIT_MAX_REFS 8u
#define UY_EYPGEN_KIT_MAX_REV 4u

/** What a kit signs with (roles and object names of the test PKI, vectors/pki/README.md). */
typedef struct {
	const char *role;          /* signer role, e.g. "nes" */
	uy_sig_scheme scheme;      /* UY_SIG_RSA_PKCS1 for byte-stable output */
	uy_cades_level level;
	uy_cades_policy policy;
	const EVP_MD *md;          /* NULL: SHA-256 */
	int detached;
	int64_t signing_time;      /* always written unless no_signing_time */
	int no_signing_time;
	int64_t tst_time;          /* from T on */
	int64_t ats_time;          /* A */
	unsigned ats_version;      /* 0: 2 */
	const char *signer_ocsp;   /* OCSP response for the signer (X-Long), or NULL */
	const char *signer_crl;    /* CRL for the signer (X-Long), or NULL */
	const char *ca_crl;        /* CRL for the signer's issuing CA (X-Long), or NULL */
	unsigned cades_defects;    /* UY_CADES_DEFECT_* */
	unsigned ess_version;      /* 0: 2 */
	const char *policy_oid;    /* NULL: the profile's */
	const uint8_t *policy_hash; /* NULL: the deployed one */
	size_t policy_hash_len;
	const char *user_notice;   /* NULL: none */
} uy_eypgen_kit_spec;

/** A ready signer and its options, with everything they point to. Caller-allocated. */
typedef struct {
	uy_signer signer;
	uy_cades_options opts;
	STACK_OF(X509) *chain;                          /* owned */
	uint8_t *der[UY_EYPGEN_KIT_MAX_REFS + 2 * UY_EYPGEN_KIT_MAX_REV]; /* owned DER copies */
	size_t n_der;
	uy_span refs[UY_EYPGEN_KIT_MAX_REFS];
	uy_cades_revinfo rev[UY_EYPGEN_KIT_MAX_REFS + 1];
	uy_span rev_crls[UY_EYPGEN_KIT_MAX_REFS + 1][UY_EYPGEN_KIT_MAX_REV];
	uy_span rev_ocsps[UY_EYPGEN_KIT_MAX_REFS + 1][UY_EYPGEN_KIT_MAX_REV];
} uy_eypgen_kit;

/**
 * Make a kit: the role's software signer with its issuer chain, and CAdES options with the
 * spec's level, policy, times and defects. For X-Long and A, ref_certs are the signer's issuer
 * chain (sub-CA, root) followed by the OCSP responder certificate embedded in signer_ocsp; the
 * signer's revocation data are signer_ocsp and signer_crl, the sub-CA's ca_crl.
 *
 * @param[out] k  the kit (uy_eypgen_kit_dispose), overwritten.
 * @param p       the loaded PKI; borrowed, must outlive the kit.
 * @param tsa     the TSA for T and above; may be NULL below T; borrowed, must outlive the kit.
 * @param spec    what to sign with; borrowed only during the call.
 * @return UY_ERR_NOT_FOUND  an unknown role, CRL or OCSP name
 * @return UY_ERR_LIMIT      a chain longer than UY_EYPGEN_KIT_MAX_REFS - 1
 * @return UY_ERR_CRYPTO     the key does not fit the scheme, or DER encoding failed
 * @return UY_ERR_NOMEM      out of memory
 * @standard signatures-and-certificates.md §2.1, §2.2 (what each profile carries)
 */
UY_MUST_USE uy_err uy_eypgen_kit_init(uy_eypgen_kit *k, const uy_pki *p, uy_tsa *tsa,
    const uy_eypgen_kit_spec *spec);

/**
 * The reference e-signature (also used for initials): role signs P4 at X-Long, RSA PKCS#1 v1.5,
 * SHA-256, signing-time t, signature-time-stamp at t + 60 s, the OCSP response
 * "ocsp-nes-good-at-signing" for the signer and "root-rsa-crl" for its CA (vectors/pki).
 *
 * @param[out] s  overwritten.
 * @standard eyazisma-packages.md §8 (2.x e-signature: P4, CAdES-X Long)
 */
void uy_eypgen_spec_imza(uy_eypgen_kit_spec *s, const char *role, int64_t t);

/**
 * The reference e-seal: role seals at CAdES-A (archive-time-stamp v2 at t + 600 s) over X-Long
 * with the P3 policy, because the test PKI has no OCSP response for seal certificates (P4
 * needs one); revocation data "seal-ca-crl" and "root-rsa-crl"; time-stamp at t + 120 s.
 *
 * @param[out] s  overwritten.
 * @standard eyazisma-packages.md §8 (seal: CAdES-A); signatures-and-certificates.md §2.1
 */
void uy_eypgen_spec_muhur(uy_eypgen_kit_spec *s, const char *role, int64_t t);

/**
 * Set up the in-process TSA of the test PKI (role "tsa"), Kamu SM's TSA policy, SHA-256,
 * accuracy 1 s, first serial `serial`.
 *
 * @param[out] tsa  overwritten; points into p (borrowed).
 * @return UY_ERR_NOT_FOUND  the PKI has no "tsa" role
 * @standard RFC 3161; signatures-and-certificates.md §4.5
 */
UY_MUST_USE uy_err uy_eypgen_tsa_init(uy_tsa *tsa, const uy_pki *p, uint64_t serial);

/**
 * Add one more certificate to an X-Long kit's refs and values (after the signer's path and
 * OCSP responder), with an optional CRL as its revocation data: used for the certificates of
 * the time-stamping authority, so a validator finds the TSA's path and CRL in the signature.
 *
 * @param k     a kit made by uy_eypgen_kit_init at X-Long or A.
 * @param p     the loaded PKI; borrowed.
 * @param role  the certificate's role.
 * @param crl   the CRL for it, or NULL for none.
 * @return UY_ERR_NOT_FOUND  an unknown role or CRL
 * @return UY_ERR_LIMIT      UY_EYPGEN_KIT_MAX_REFS certificates already, or too many objects
 * @return UY_ERR_CRYPTO     DER encoding failed
 * @return UY_ERR_USAGE      the kit is below X-Long
 * @standard ETSI TS 101 733 §6.2.1, §6.3.3 (refs and values of every certificate used)
 */
UY_MUST_USE uy_err uy_eypgen_kit_add_ref(uy_eypgen_kit *k, const uy_pki *p, const char *role,
    const char *crl);

/** Release what a kit owns; safe to repeat. The kit must not be copied after init. */
void uy_eypgen_kit_dispose(uy_eypgen_kit *k);

/* ---- helpers shared with uy-corpus ----------------------------------------------------- */

/**
 * Read a whole file (at most cap bytes).
 *
 * @param[out] out  owned bytes (uy_free; a 1-byte allocation for an empty file).
 * @return UY_ERR_IO, UY_ERR_LIMIT (over cap), UY_ERR_NOMEM
 */
UY_MUST_USE uy_err uy_eypgen_read_file(const char *path, size_t cap, uint8_t **out,
    size_t *len_out);

/**
 * Create or replace a file with len bytes (through a temporary file and a rename).
 *
 * @return UY_ERR_IO
 */
UY_MUST_USE uy_err uy_eypgen_write_file(const char *path, const void *data, size_t len);

/**
 * A library context whose RNG replays a fixed SHA-256 counter stream (OpenSSL TEST-RAND), for
 * byte-stable RSA envelopes (uy_enc_options.libctx). TEST ONLY.
 *
 * @param seed  a label mixed into the stream; borrowed.
 * @return a new context (OSSL_LIB_CTX_free), or NULL when TEST-RAND is unavailable.
 */
OSSL_LIB_CTX *uy_eypgen_det_libctx(const char *seed);

#endif /* UYUM_TOOLS_UY_EYPGEN_H */
