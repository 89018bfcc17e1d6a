/*
 * rules.h - internal interface between the rule modules of harness/src/rules.
 *
 * The engine (engine.c) runs the stages in this order, each reading and
 * extending one uy_pkginfo:
 *   1. uy_pkg_open            container findings (zip::*, opc::*)
 *   2. uy_rules__structure    kind, generation, components, Core (structure.c)
 *   3. uy_rules__metadata     Ustveri, NihaiUstveri, BelgeHedef, BelgeImza (metadata.c)
 *   4. uy_rules__core_cross   Core vs Ustveri (K.68, K.69) (structure.c)
 *   5. uy_rules__digests      ParafOzeti, PaketOzeti, NihaiOzet (digest.c)
 *   6. uy_rules__signatures   ImzaCades, ParafImzaCades, MuhurCades (signature.c)
 *   7. uy_rules__eyps / uy_rules__eypg   encrypted and update packages (eyps.c)
 * A stage that cannot evaluate a check (its input part is missing or
 * unreadable) records uy_ctx_skip() for it, never a pass.
 */
#ifndef UYUM_RULES_H
#define UYUM_RULES_H

#include <libxml/tree.h>

#include "uyum/uy_check.h"
#include "uyum/uy_pkg.h"
#include "uyum/uy_xml.h"

typedef enum { UY_KIND_UNKNOWN = 0, UY_KIND_EYP, UY_KIND_EYPS, UY_KIND_EYPG } uy_kind;
typedef enum { UY_GEN_UNKNOWN = 0, UY_GEN_1 = 1, UY_GEN_2 = 2 } uy_gen;

/* Namespaces (spec §4.1). */
#define UY_NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define UY_NS_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define UY_NS_CORE "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
#define UY_NS_DC "http://purl.org/dc/elements/1.1/"
#define UY_NS_DCTERMS "http://purl.org/dc/terms/"
#define UY_NS_EY_PREFIX "urn:dpt:eyazisma:schema:xsd:"
#define UY_NS_UDT "urn:un:unece:uncefact:data:specification:UnqualifiedDataTypesSchemaModule:2"

/* Relationship types (spec §3.1), in the case the guide writes them. */
#define UY_REL_USTYAZI "http://eyazisma.dpt/iliskiler/ustyazi"
#define UY_REL_USTVERI "http://eyazisma.dpt/iliskiler/ustveri"
#define UY_REL_NIHAIUSTVERI "http://eyazisma.dpt/iliskiler/nihaiustveri"
#define UY_REL_BELGEHEDEF "http://eyazisma.dpt/iliskiler/belgehedef"
#define UY_REL_BELGEIMZA "http://eyazisma.dpt/iliskiler/belgeimza"
#define UY_REL_PAKETOZETI "http://eyazisma.dpt/iliskiler/paketozeti"
#define UY_REL_PARAFOZETI "http://eyazisma.dpt/iliskiler/parafozeti"
#define UY_REL_NIHAIOZET "http://eyazisma.dpt/iliskiler/nihaiozet"
#define UY_REL_IMZACADES "http://eyazisma.dpt/iliskiler/imzacades"
#define UY_REL_PARAFIMZACADES "http://eyazisma.dpt/iliskiler/parafimzacades"
#define UY_REL_MUHURCADES "http://eyazisma.dpt/iliskiler/muhurcades"
#define UY_REL_EK "http://eyazisma.dpt/iliskiler/ek"
#define UY_REL_IMZASIZEK "http://eyazisma.dpt/iliskiler/imzasizEk"
#define UY_REL_SIFRELIICERIK "http://eyazisma.dpt/iliskiler/sifreliicerik"
#define UY_REL_SIFRELIICERIKBILGISI "http://eyazisma.dpt/iliskiler/sifreliicerikbilgisi"
#define UY_REL_GUNCELLEMEBILGISI "http://eyazisma.dpt/iliskiler/guncellemebilgisi"
#define UY_REL_ORIJINALPAKET "http://eyazisma.dpt/iliskiler/orijinalpaket"
#define UY_REL_ARSIV "http://eyazisma.dpt/iliskiler/arsivozellikleri"
#define UY_REL_CORE "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

/* Reference/@Type values (spec §5). */
#define UY_REF_DAHILI "http://eyazisma.dpt/bilesen#dahili"
#define UY_REF_HARICI "http://eyazisma.dpt/bilesen#harici"

/** An attachment part and the relationship that reaches it. */
typedef struct {
	const uy_part *part; /* NULL when the relationship's target is missing */
	const uy_rel *rel;
} uy_attachment;

/** An Ek entry of Ustveri (filled by the metadata stage). */
typedef struct {
	char *id;        /* Id/@Value as written */
	char *tur;       /* DED, HRF, FZK */
	char *dosya_adi; /* may be NULL */
	int imzali;      /* ImzaliMi: 1 true, 0 false, -1 absent */
	int konulmamis;  /* listed in some KonulmamisEkListesi */
	long line;
} uy_ek_entry;

/** What the stages know about the package. Borrowed pointers point into pkg. */
typedef struct {
	uy_kind kind;
	uy_gen gen;            /* from Core version, else from the Ustveri namespace */
	uy_gen gen_core;       /* from Core version alone */
	uy_gen gen_ustveri;    /* from the Ustveri namespace alone */
	char *core_version;    /* owned, may be NULL */
	char *file_ext;        /* ".eyp" etc. from the file name, owned, may be NULL */

	/* Components located through their relationships (NULL: absent). */
	const uy_part *core;
	const uy_part *ustyazi;
	const uy_part *ustveri;
	const uy_part *nihaiustveri;
	const uy_part *belgehedef;
	const uy_part *belgeimza;
	const uy_part *paketozeti;
	const uy_part *parafozeti;
	const uy_part *nihaiozet;
	const uy_part *imzacades;
	const uy_part *parafimzacades;
	const uy_part *muhurcades;
	const uy_part *sifreliicerik;
	const uy_part *sifreliicerikbilgisi;
	const uy_part *guncellemebilgisi;
	const uy_part *orijinalpaket;
	int parafimzacades_declared; /* a parafimzacades relationship exists */

	uy_attachment *ekler;        /* signed attachments (ek), owned array */
	size_t n_ekler;
	uy_attachment *imzasiz_ekler; /* unsigned attachments (imzasizEk), owned array */
	size_t n_imzasiz_ekler;

	/* Parsed XML, owned (xmlFreeDoc); NULL when absent or unparseable. */
	xmlDocPtr core_doc;
	xmlDocPtr ustveri_doc;
	xmlDocPtr nihaiustveri_doc;
	xmlDocPtr belgehedef_doc;
	xmlDocPtr belgeimza_doc;
	xmlDocPtr paketozeti_doc;
	xmlDocPtr parafozeti_doc;
	xmlDocPtr nihaiozet_doc;
	xmlDocPtr sifreliicerikbilgisi_doc;
	xmlDocPtr guncellemebilgisi_doc;

	/* Values, owned (uy_free); NULL when absent. */
	char *core_identifier;
	char *core_subject;
	char *belge_id; /* Ustveri/BelgeId (metadata stage) */
	char *konu;     /* Ustveri/Konu (metadata stage) */
	uy_ek_entry *ek_entries; /* Ustveri Ekler/Ek (metadata stage), owned */
	size_t n_ek_entries;

	/* Outer package when this is an inner one (SifreliIcerik, OrijinalPaket). */
	int is_inner;
} uy_pkginfo;

/** Free what info owns; safe to repeat. */
void uy_pkginfo_dispose(uy_pkginfo *info);

/**
 * Parse an XML part held by pkg: DOCTYPE is recorded as UY_CK_XML_DOCTYPE,
 * other parse errors as parse_check (e.g. the K.19 "Ustveri parses" check)
 * with line and reason; on success parse_check is marked evaluated.
 *
 * @param[out] out  owned document, NULL when the part could not be parsed.
 * @return UY_ERR_NOMEM  out of memory (defects are findings, UY_OK)
 */
UY_MUST_USE uy_err uy_rules__parse_xml(uy_ctx *ctx, uy_pkg *pkg, const uy_part *part,
    uy_check_id parse_check, xmlDocPtr *out);

/**
 * Record a finding at an element of an XML part: loc is the part, the
 * element's path (uy_xml_path) and line. node may be NULL (part only).
 * Both formats take the same arguments.
 *
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err uy_rules__fail_at(uy_ctx *ctx, uy_check_id id, const uy_part *part,
    const xmlNode *node, const char *fmt_tr, const char *fmt_en, ...) UY_PRINTF2(5, 6, 7);

/** Value of an ASCII hex digit, -1 if c is not one (for %-decoding). */
int uy_rules__hex(char c);

/** Case-sensitive match of the guide's relationship type; see rules.c. */
int uy_rules__type_is(const uy_rel *rel, const char *type);
/** Case-insensitive match (to locate parts despite a case defect). */
int uy_rules__type_like(const uy_rel *rel, const char *type);

/** GUID syntax (ST_GUID, anchored). 1 if s is a GUID in any case. */
int uy_rules__is_guid(const char *s);
/** 1 if s has no lowercase hex letter. */
int uy_rules__is_upper(const char *s);
/** xsd:dateTime syntax (XML Schema 1.0 §3.2.7), anchored. 1 if valid. */
int uy_rules__is_datetime(const char *s);

/* Field validators of the metadata stage (metadata.c), exposed for
 * check_metadata.c. Each takes a NUL-terminated string (NULL is invalid),
 * reads nothing past its NUL, allocates nothing and cannot fail. */

/**
 * T.C. kimlik numarası: 11 digits, the first non-zero, check digits d10 and d11.
 *
 * @return 1 if valid, 0 otherwise.
 * @standard spec §6 (TCKN); XSD ST_TCKN
 */
int uy_metadata__is_tckn(const char *s);

/** Form of a KKK (spec §6). UY_KKK_LEGACY is exactly the XSD's ST_KKK. */
typedef enum {
	UY_KKK_INVALID = 0, /* neither form */
	UY_KKK_DETSIS = 1,  /* ^[1-9][0-9]{7}$, what the official API expects */
	UY_KKK_LEGACY = 2,  /* ^[A-Fa-f0-9]{14}$, the old DTVT code */
} uy_kkk_form;

/**
 * Classify a KKK or BirimKKK value.
 *
 * @return UY_KKK_DETSIS, UY_KKK_LEGACY or UY_KKK_INVALID.
 * @standard spec §6 (KKK); XSD ST_KKK
 */
uy_kkk_form uy_metadata__kkk_form(const char *s);

/**
 * xsd:duration lexical form, anchored: -?PnYnMnDTnHnMnS with each part at
 * most once and in order, at least one part, T only before a time part, a
 * fraction only on seconds. "0" is not a duration.
 *
 * @return 1 if valid, 0 otherwise.
 * @standard XML Schema 1.1 Part 2 §3.3.6; spec §6 (Miat)
 */
int uy_metadata__is_duration(const char *s);

/** A point in time from an xsd:dateTime; a value without zone is taken as UTC. */
typedef struct {
	int64_t secs; /* seconds since 1970-01-01T00:00:00Z */
	long nanos;   /* first nine fraction digits */
	int has_tz;   /* a zone (Z or +-hh:mm) was written */
} uy_datetime;

/**
 * Parse an xsd:dateTime YYYY-MM-DDThh:mm:ss(.s+)?(Z|(+|-)hh:mm)? with real
 * calendar ranges (years 0001-9999, leap years, 24:00:00 as the next
 * midnight, no second 60, zones up to 14:00).
 *
 * @param[out] out  the instant; zeroed when invalid. May be NULL.
 * @return 1 if valid, 0 otherwise.
 * @standard XML Schema 1.1 Part 2 §3.3.7
 */
int uy_metadata__parse_datetime(const char *s, uy_datetime *out);

/**
 * Order of two instants from uy_metadata__parse_datetime().
 *
 * @return negative, 0 or positive as a is before, equal to or after b.
 */
int uy_metadata__datetime_cmp(const uy_datetime *a, const uy_datetime *b);

/**
 * Absolute http or https URL with a non-empty host, an optional port up to
 * 65535 and RFC 3986 characters or %-escapes after it (non-ASCII IRI bytes
 * are allowed in host and path).
 *
 * @return 1 if valid, 0 otherwise.
 * @standard RFC 3986 §3; spec §6 (DogrulamaAdresi, HRF Referans)
 */
int uy_metadata__is_http_url(const char *s);

/**
 * KEP address: RFC 5322 dot-atom local part of 1-64 octets, "@", and one of
 * the domains hs01.kep.tr ... hs08.kep.tr (ASCII case-insensitive).
 *
 * @return 1 if valid, 0 otherwise.
 * @standard spec §6 (KepAdresi), §12
 */
int uy_metadata__is_kep(const char *s);

/**
 * Standard file plan code ^[0-9]{3}(\.[0-9]{2}){0,3}$.
 *
 * @return 1 if valid, 0 otherwise.
 * @standard spec §6 (SDP Kod)
 */
int uy_metadata__is_sdp_kod(const char *s);

/**
 * MIME type: token "/" token, then optionally ";" and printable parameters.
 *
 * @return 1 if valid, 0 otherwise.
 * @standard RFC 2045 §5.1
 */
int uy_metadata__is_mime(const char *s);

/**
 * Key of an Ilgi/Etiket (UTF-8, one letter): 0..28 for the letters of the
 * Turkish alphabet abcçdefgğhıijklmnoöprsştuüvyz in either case (Turkish
 * casing: I is the capital of ı, İ of i), 29..31 for q, w, x.
 *
 * @return the key, or -1 when s is not exactly one accepted letter.
 * @standard spec §6 (Ilgi Etiket)
 */
int uy_metadata__etiket_key(const char *s);

/**
 * Whether a set of Etiket keys (bit k for key k) is a, b, c, ... without gaps.
 *
 * @return 1 for such a set or the empty set, 0 otherwise.
 * @standard spec §6 (Ilgi Etiket, CS Uyari)
 */
int uy_metadata__etiket_sequence_ok(uint32_t keys);

/* Stages; each returns only operational errors (UY_ERR_NOMEM, UY_ERR_CRYPTO). */
UY_MUST_USE uy_err uy_rules__structure(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info);
UY_MUST_USE uy_err uy_rules__metadata(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info);
UY_MUST_USE uy_err uy_rules__core_cross(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info);
UY_MUST_USE uy_err uy_rules__digests(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info);
UY_MUST_USE uy_err uy_rules__signatures(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info);
UY_MUST_USE uy_err uy_rules__eyps(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info);
UY_MUST_USE uy_err uy_rules__eypg(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info);

/**
 * Check an opened package (outer or inner) through all stages.
 * Used by the engine for the top-level file and recursively for inner
 * packages with a deeper ctx scope.
 *
 * @param[out] info_out  if non-NULL, receives the info (caller disposes);
 *                       otherwise it is disposed.
 */
UY_MUST_USE uy_err uy_rules__check_pkg(uy_ctx *ctx, uy_pkg *pkg, const char *file_name,
    uy_pkginfo *info_out);

#endif /* UYUM_RULES_H */
