/*
 * digests.c - the digest stage: ParafOzeti, PaketOzeti and NihaiOzet
 * (spec §4.2, §7, §9, §10; rules K.29, K.33, K.34, K.39, K.43, K.44, K.45,
 * K.80 as reconstructed in spec §11).
 *
 * Three passes over the summaries present in the package:
 *   1. parse each summary and check its root, its @Id and every Reference
 *      (URI, Type, DigestMethod/DigestValue or the DigestItem pair,
 *      algorithms, base64), then ask the package for every (part,
 *      algorithm) digest the references need;
 *   2. compute all digests at once, one read per part
 *      (uy_pkg_compute_digests), so a part covered by three summaries is
 *      read once;
 *   3. compare, and check coverage, missing targets, unsigned attachments
 *      and #harici references.
 * In an .eyps the outer summary's references point into the encrypted inner
 * package: only its syntax is checked here; the eyps stage compares it with
 * the inner summary, which the inner package's own run checks in full.
 */
#include "rules/rules.h"

#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"

/* Which summary; the order is the signing order of spec §8. */
typedef enum { DG_PARAF = 0, DG_PAKET, DG_NIHAI, DG__COUNT } dg_which;

/* The checks of one summary kind. */
typedef struct {
	const char *name; /* root local name, also the label in details */
	uy_check_id ck_parse;
	uy_check_id ck_id;
	uy_check_id ck_coverage;
	uy_check_id ck_target;
	uy_check_id ck_unsigned;
	uy_check_id ck_digest;
} dg_def;

static const dg_def dg_defs[DG__COUNT] = {
	{"ParafOzeti", UY_CK_PARAFOZETI_MALFORMED, UY_CK_PARAFOZETI_ID, UY_CK_PARAFOZETI_COVERAGE,
	    UY_CK_PARAFOZETI_TARGET, UY_CK_PARAFOZETI_UNSIGNED, UY_CK_PARAFOZETI_DIGEST},
	{"PaketOzeti", UY_CK_PAKETOZETI_MALFORMED, UY_CK_PAKETOZETI_ID, UY_CK_PAKETOZETI_COVERAGE,
	    UY_CK_PAKETOZETI_TARGET, UY_CK_PAKETOZETI_UNSIGNED, UY_CK_PAKETOZETI_DIGEST},
	{"NihaiOzet", UY_CK_NIHAIOZET_MALFORMED, UY_CK_NIHAIOZET_ID, UY_CK_NIHAIOZET_COVERAGE,
	    UY_CK_NIHAIOZET_TARGET, UY_CK_NIHAIOZET_UNSIGNED, UY_CK_NIHAIOZET_DIGEST},
};

#define DG_GEN1 (1u << 1)
#define DG_GEN2 (1u << 2)

/* A digest algorithm of spec §7 and the generations that allow it. */
typedef struct {
	const char *uri;
	const char *name;
	uy_digest_alg alg;
	size_t len;     /* digest length in bytes */
	unsigned gens;  /* DG_GEN1 | DG_GEN2 */
} dg_alg;

#define DG_URI_SHA512 "http://www.w3.org/2001/04/xmlenc#sha512"

/* *= spec §7 (CS OzetAlgoritmaTuru, CB OzetModu)
 *# SHA-1 1.x only; SHA-256 1.x, 2.x; SHA-384 2.x only; SHA-512 1.x, 2.x;
 *# RIPEMD-160 1.x only */
static const dg_alg dg_algs[] = {
	{"http://www.w3.org/2000/09/xmldsig#sha1", "SHA-1", UY_DIGEST_SHA1, 20, DG_GEN1},
	{"http://www.w3.org/2001/04/xmlenc#sha256", "SHA-256", UY_DIGEST_SHA256, 32,
	    DG_GEN1 | DG_GEN2},
	{"http://www.w3.org/2001/04/xmldsig-more#sha384", "SHA-384", UY_DIGEST_SHA384, 48, DG_GEN2},
	{DG_URI_SHA512, "SHA-512", UY_DIGEST_SHA512, 64, DG_GEN1 | DG_GEN2},
	{"http://www.w3.org/2001/04/xmlenc#ripemd160", "RIPEMD-160", UY_DIGEST_RIPEMD160, 20,
	    DG_GEN1},
};

/* Base64 of the longest digest (64 bytes) is 88 characters. */
#define DG_B64_MAX 88u

/* One digest of a Reference: a DigestMethod/DigestValue pair. */
typedef struct {
	const xmlNode *value_node; /* DigestValue, for locations */
	const dg_alg *alg;         /* NULL: Algorithm absent or unknown */
	int value_ok;              /* DigestValue decoded to alg's length */
	uint8_t value[UY_DIGEST_MAX + 2];
	size_t value_len;
} dg_item;

/* One Reference of a summary. */
typedef struct {
	const xmlNode *node;
	char *uri;             /* @URI as written, owned; NULL when absent or empty */
	char *name;            /* part name @URI denotes (spec §7), owned; NULL with uri */
	int harici;            /* @Type is #harici */
	const uy_part *target; /* found part; NULL when #harici or missing */
	size_t n_items;
	dg_item items[2];
} dg_ref;

/* One summary being checked. */
typedef struct {
	const uy_part *part; /* NULL: absent or not checked in this kind */
	const xmlNode *root; /* borrowed from the document in info */
	uy_gen gen;          /* generation of the summary's own namespace */
	int read;            /* the root is right and the references were read */
	dg_ref *refs;        /* owned */
	size_t n_refs;
} dg_sum;

typedef struct {
	uy_ctx *ctx;
	uy_pkg *pkg;
	uy_pkginfo *info;
	int outer;      /* an .eyps: references point into the inner package */
	uy_gen alg_gen; /* generation whose algorithm list applies */
	dg_sum sums[DG__COUNT];
} dg_state;


/*
 * An attribute without namespace; *out NULL when absent. uy_xml_attr()
 * returns NULL both when absent and when out of memory, so ask libxml2
 * which it was.
 */
static uy_err
digests_attr(char **out, const xmlNode *node, const char *name)
{
	*out = uy_xml_attr(node, name);
	if (*out == NULL && xmlHasNsProp(node, (const xmlChar *)name, NULL) != NULL) {
		return UY_ERR_NOMEM;
	}
	return UY_OK;
}

/* XML whitespace (XML 1.0 S production), as xsd:base64Binary and xsd:ID allow. */
static int
digests_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Remove leading and trailing XML whitespace in place (xsd:ID and xsd:anyURI collapse it). */
static void
digests_trim(char *s)
{
	size_t len = strlen(s);
	size_t start = 0;

	while (start < len && digests_is_space(s[start])) {
		start++;
	}
	while (len > start && digests_is_space(s[len - 1])) {
		len--;
	}
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
}


/*
 * The part name a Reference URI denotes, as PHP resolves it (spec §7):
 * %-escapes decoded and a missing leading '/' added. Malformed escapes and
 * %00 stay as written. Owned; NULL when out of memory.
 */
static char *
digests_uri_name(const char *uri)
{
	size_t n = strlen(uri);
	size_t o = 0;
	char *out = uy_alloc(n + 2);

	if (out == NULL) {
		return NULL;
	}
	if (uri[0] != '/') {
		out[o++] = '/';
	}
	for (size_t i = 0; i < n; i++) {
		if (uri[i] == '%' && i + 2 < n) {
			int hi = uy_rules__hex(uri[i + 1]);
			int lo = uy_rules__hex(uri[i + 2]);
			if (hi >= 0 && lo >= 0 && (hi | lo) != 0) {
				out[o++] = (char)(hi * 16 + lo);
				i += 2;
				continue;
			}
		}
		out[o++] = uri[i];
	}
	out[o] = '\0';
	return out;
}

/* Whether name starts with folder, ASCII case-insensitively (part names, ECMA-376-2 §9.1.1.2). */
static int
digests_has_prefix_ci(const char *name, const char *folder)
{
	return strncasecmp(name, folder, strlen(folder)) == 0;
}

/* Why a DigestValue is not acceptable. */
typedef enum {
	DG_B64_OK = 0,
	DG_B64_EMPTY,
	DG_B64_CHAR,
	DG_B64_LENGTH,
	DG_B64_PADDING,
	DG_B64_BITS,
	DG_B64_TOO_LONG,
	DG_B64_DIGEST_LENGTH,
} dg_b64;

static const char *const dg_b64_tr[] = {
	"geçerli",
	"boş",
	"base64 alfabesi dışında bir karakter içeriyor",
	"uzunluğu (boşluklar hariç) 4'ün katı değil",
	"'=' dolgusu yanlış yerde veya fazla",
	"son karakterin kullanılmayan bitleri sıfır değil (kanonik olmayan base64)",
	"desteklenen en uzun özetten (64 bayt) uzun",
	"çözülen uzunluk algoritmanın özet uzunluğuna eşit değil",
};
static const char *const dg_b64_en[] = {
	"valid",
	"empty",
	"contains a character outside the base64 alphabet",
	"has a length (without whitespace) that is not a multiple of 4",
	"has misplaced or excess '=' padding",
	"has non-zero unused bits in its last character (non-canonical base64)",
	"is longer than the longest supported digest (64 bytes)",
	"decodes to a length other than the algorithm's digest length",
};

/* Value of a base64 alphabet character (RFC 4648 §4); -1 if not one. */
static int
digests_b64_value(char c)
{
	if (c >= 'A' && c <= 'Z') {
		return c - 'A';
	}
	if (c >= 'a' && c <= 'z') {
		return c - 'a' + 26;
	}
	if (c >= '0' && c <= '9') {
		return c - '0' + 52;
	}
	if (c == '+') {
		return 62;
	}
	if (c == '/') {
		return 63;
	}
	return -1;
}

/*
 * Decode an xsd:base64Binary digest value strictly: XML whitespace is
 * skipped, the length must be a multiple of 4, padding only at the end and
 * canonical (XML Schema 1.0 §3.2.16). Bounded: at most DG_B64_MAX
 * characters are looked at, so hostile values cost nothing.
 */
static dg_b64
digests_b64_decode(const char *text, uint8_t out[UY_DIGEST_MAX + 2], size_t *len_out)
{
	char buf[DG_B64_MAX];
	size_t n = 0;
	size_t pad = 0;
	size_t o = 0;

	*len_out = 0;
	for (const char *p = text; *p != '\0'; p++) {
		if (digests_is_space(*p)) {
			continue;
		}
		if (n == DG_B64_MAX) {
			return DG_B64_TOO_LONG;
		}
		buf[n++] = *p;
	}
	if (n == 0) {
		return DG_B64_EMPTY;
	}
	while (pad < n && buf[n - 1 - pad] == '=') {
		pad++;
	}
	for (size_t i = 0; i < n - pad; i++) {
		if (digests_b64_value(buf[i]) < 0) {
			return DG_B64_CHAR;
		}
	}
	if (n % 4 != 0) {
		return DG_B64_LENGTH;
	}
	if (pad > 2) {
		return DG_B64_PADDING;
	}
	for (size_t i = 0; i < n; i += 4) {
		int v[4];
		for (size_t k = 0; k < 4; k++) {
			v[k] = buf[i + k] == '=' ? 0 : digests_b64_value(buf[i + k]);
		}
		uint32_t triple = ((uint32_t)v[0] << 18) | ((uint32_t)v[1] << 12) |
		    ((uint32_t)v[2] << 6) | (uint32_t)v[3];
		int last = i + 4 == n;
		out[o++] = (uint8_t)(triple >> 16);
		if (!last || pad < 2) {
			out[o++] = (uint8_t)(triple >> 8);
		}
		if (!last || pad < 1) {
			out[o++] = (uint8_t)triple;
		}
		if (last && pad == 1 && (v[2] & 0x3) != 0) {
			return DG_B64_BITS;
		}
		if (last && pad == 2 && (v[1] & 0xf) != 0) {
			return DG_B64_BITS;
		}
	}
	*len_out = o;
	return DG_B64_OK;
}

/* Base64 of a digest for details; out holds at least 4 * ceil(64 / 3) + 1 bytes. */
static void
digests_b64_encode(char out[96], const uint8_t *in, size_t len)
{
	if (len > UY_DIGEST_MAX + 2) {
		len = UY_DIGEST_MAX + 2;
	}
	EVP_EncodeBlock((unsigned char *)out, in, (int)len);
}

/* The algorithm of a DigestMethod/@Algorithm URI, compared exactly; NULL if unknown. */
static const dg_alg *
digests_alg_find(const char *uri)
{
	for (size_t i = 0; i < sizeof(dg_algs) / sizeof(dg_algs[0]); i++) {
		if (strcmp(dg_algs[i].uri, uri) == 0) {
			return &dg_algs[i];
		}
	}
	return NULL;
}

/* The summary part this stage checks, by kind and generation (spec §3.3). */
static const uy_part *
digests_part(const uy_pkginfo *info, dg_which w)
{
	switch (w) {
	case DG_PARAF:
		/* Initials exist in 2.x only; a 1.x ParafOzeti is a structure finding. */
		return info->gen == UY_GEN_1 ? NULL : info->parafozeti;
	case DG_PAKET:
		return info->paketozeti;
	case DG_NIHAI:
		return info->nihaiozet;
	case DG__COUNT:
	default:
		return NULL;
	}
}

/* Where info keeps a summary's document, so later stages can reuse it. */
static xmlDocPtr *
digests_doc_slot(uy_pkginfo *info, dg_which w)
{
	switch (w) {
	case DG_PARAF:
		return &info->parafozeti_doc;
	case DG_PAKET:
		return &info->paketozeti_doc;
	case DG_NIHAI:
	case DG__COUNT:
	default:
		return &info->nihaiozet_doc;
	}
}

/* Whether the summary is required in this kind and generation (spec §3.3). */
static int
digests_required(const uy_pkginfo *info, dg_which w)
{
	switch (w) {
	case DG_PAKET:
		return info->kind == UY_KIND_EYP ||
		    (info->kind == UY_KIND_EYPS && info->gen == UY_GEN_1);
	case DG_NIHAI:
		return info->kind == UY_KIND_EYPG ||
		    (info->gen == UY_GEN_2 &&
		        (info->kind == UY_KIND_EYP || info->kind == UY_KIND_EYPS));
	case DG_PARAF:
	case DG__COUNT:
	default:
		return 0;
	}
}

/* Record the checks that depend on a readable summary as not evaluated. */
static uy_err
digests_skip_dependents(dg_state *st, dg_which w, const char *part_name, const char *why_tr,
    const char *why_en)
{
	const dg_def *d = &dg_defs[w];
	uy_check_id ids[] = {d->ck_id, d->ck_coverage, d->ck_target, d->ck_unsigned, d->ck_digest,
	    UY_CK_NIHAIOZET_HARICI};
	size_t n = w == DG_NIHAI ? 6 : 5;

	for (size_t i = 0; i < n; i++) {
		/* One argument list for both languages: %.0s drops the other one. */
		UY_TRY(uy_ctx_skip(st->ctx, ids[i], UY_LOC_PART(part_name), "%s: %s%.0s",
		    "%s: %.0s%s", d->name, why_tr, why_en));
	}
	return UY_OK;
}

/* @Id of a summary: present, = BelgeId (K.34, K.44), a GUID, uppercase in 2.x (K.80). */
static uy_err
digests_check_id(dg_state *st, dg_which w)
{
	const dg_def *d = &dg_defs[w];
	dg_sum *s = &st->sums[w];
	uy_err rc = UY_OK;
	char *id = NULL;
	const char *want = NULL;
	int eypg = st->info->kind == UY_KIND_EYPG && w == DG_NIHAI;

	UY_TRY_OUT(digests_attr(&id, s->root, "Id"));
	if (id == NULL) {
		/* *= spec §11
		 *# K.34 PaketOzeti/@Id present and = BelgeId */
		rc = uy_rules__fail_at(st->ctx, d->ck_id, s->part, s->root,
		    "%s kök öğesinde Id özniteliği yok", "The %s root has no Id attribute",
		    d->name);
		goto done;
	}
	digests_trim(id);
	if (!uy_rules__is_guid(id)) {
		UY_TRY_OUT(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_ID_SYNTAX, s->part, s->root,
		    "%s/@Id '%.100s' bir GUID değil (8-4-4-4-12 onaltılık rakam bekleniyor)",
		    "%s/@Id '%.100s' is not a GUID (8-4-4-4-12 hex digits expected)", d->name, id));
	} else {
		UY_TRY_OUT(uy_ctx_pass(st->ctx, UY_CK_SUMMARY_ID_SYNTAX));
		if (st->alg_gen == UY_GEN_2 && !uy_rules__is_upper(id)) {
			/* *= spec §6
			 *# in 2.x all GUIDs (summary `@Id`s and Core identifier too) are
			 *# **uppercase** (PHP K.80; CB `ToUpperInvariant()`) */
			UY_TRY_OUT(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_ID_UPPER, s->part, s->root,
			    "%s/@Id '%s' küçük harf içeriyor; 2.x pakette GUID'ler büyük harfle "
			    "yazılır",
			    "%s/@Id '%s' contains lowercase letters; 2.x packages write GUIDs in "
			    "uppercase",
			    d->name, id));
		} else if (st->alg_gen == UY_GEN_2) {
			UY_TRY_OUT(uy_ctx_pass(st->ctx, UY_CK_SUMMARY_ID_UPPER));
		}
	}
	if (st->outer) {
		rc = uy_ctx_skip(st->ctx, d->ck_id, UY_LOC_PART(s->part->name),
		    "%s/@Id: dış pakette Ustveri/BelgeId yok; iç paketin özeti kendi BelgeId "
		    "değeriyle karşılaştırılır",
		    "%s/@Id: the outer package has no Ustveri/BelgeId; the inner package's summary "
		    "is compared with its own BelgeId",
		    d->name);
		goto done;
	}
	want = eypg ? st->info->core_identifier : st->info->belge_id;
	if (want == NULL) {
		rc = uy_ctx_skip(st->ctx, d->ck_id, UY_LOC_PART(s->part->name),
		    eypg ? "%s/@Id karşılaştırılamadı: paketin Core identifier özelliği yok"
		         : "%s/@Id karşılaştırılamadı: Ustveri/BelgeId bilinmiyor (Ustveri yok "
		             "veya okunamadı)",
		    eypg ? "%s/@Id was not compared: the package's Core identifier is absent"
		         : "%s/@Id was not compared: Ustveri/BelgeId is unknown (Ustveri absent or "
		             "unreadable)",
		    d->name);
		goto done;
	}
	/* *= spec §7
	 *# `@Id` of PaketOzeti / ParafOzeti / NihaiOzet = BelgeId (uppercase in 2.x),
	 *# equal to Ustveri/BelgeId (PHP K.34, K.44, case-insensitive). In `.eypg`,
	 *# NihaiOzet/@Id = the update package's Core identifier. */
	if (strcasecmp(id, want) != 0) {
		rc = uy_rules__fail_at(st->ctx, d->ck_id, s->part, s->root,
		    "%s/@Id '%.100s', %s '%.100s' ile aynı değil",
		    "%s/@Id '%.100s' differs from %s '%.100s'", d->name, id,
		    eypg ? "Core identifier" : "Ustveri/BelgeId", want);
		goto done;
	}
	rc = uy_ctx_pass(st->ctx, d->ck_id);
done:
	uy_free(id);
	return rc;
}

/*
 * Read one DigestMethod/DigestValue pair: the algorithm (known, allowed in
 * the generation) and the value (base64 of the right length).
 *
 * @param[out] uri_out  the Algorithm URI as written, owned; NULL when absent.
 */
static uy_err
digests_read_item(dg_state *st, dg_sum *s, const xmlNode *method, const xmlNode *value,
    dg_item *item, char **uri_out)
{
	uy_err rc = UY_OK;
	char *uri = NULL;
	char *text = NULL;
	dg_b64 why = DG_B64_OK;

	*uri_out = NULL;
	memset(item, 0, sizeof(*item));
	item->value_node = value;
	UY_TRY_OUT(digests_attr(&uri, method, "Algorithm"));
	if (uri != NULL) {
		/* xsd:anyURI collapses whitespace: " http://...#sha512 " is that URI. */
		digests_trim(uri);
	}
	if (uri == NULL || uri[0] == '\0') {
		/* CB OzetDogrulamaHataKodu 11 ALGORITHM_DEGERI_BOS */
		UY_TRY_OUT(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_CONTENT, s->part, method,
		    "DigestMethod öğesinin Algorithm özniteliği yok veya boş",
		    "DigestMethod has no or an empty Algorithm attribute"));
	} else {
		item->alg = digests_alg_find(uri);
		unsigned bit = st->alg_gen == UY_GEN_1 ? DG_GEN1 : DG_GEN2;
		if (item->alg == NULL) {
			UY_TRY_OUT(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_ALGORITHM, s->part, method,
			    "Bilinmeyen özet algoritması '%.200s'",
			    "Unknown digest algorithm '%.200s'", uri));
		} else if ((item->alg->gens & bit) == 0) {
			/* *= spec §7
			 *# only SHA-256/384/512 (CB 12; PHP rejects SHA-1) */
			UY_TRY_OUT(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_ALGORITHM, s->part, method,
			    "%s (%s) %d.x paketlerde izinli değil",
			    "%s (%s) is not allowed in %d.x packages", item->alg->name,
			    item->alg->uri, (int)st->alg_gen));
		} else {
			UY_TRY_OUT(uy_ctx_pass(st->ctx, UY_CK_SUMMARY_ALGORITHM));
		}
	}
	text = uy_xml_text(value);
	UY_ENSURE_OUT(text != NULL, UY_ERR_NOMEM);
	why = digests_b64_decode(text, item->value, &item->value_len);
	if (why == DG_B64_OK && item->alg != NULL && item->value_len != item->alg->len) {
		why = DG_B64_DIGEST_LENGTH;
	}
	if (why != DG_B64_OK) {
		/* CB OzetDogrulamaHataKodu 1 OZET_DEGERI_VERILMEMIS for the empty case. */
		UY_TRY_OUT(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_DIGEST_VALUE, s->part, value,
		    "DigestValue '%.100s%s' %s%.0s (%zu bayt çözüldü; %s için %zu bayt bekleniyor)",
		    "DigestValue '%.100s%s' %.0s%s (%zu bytes decoded; %s expects %zu bytes)", text,
		    strlen(text) > 100 ? "..." : "", dg_b64_tr[why], dg_b64_en[why],
		    item->value_len, item->alg != NULL ? item->alg->name : "?",
		    item->alg != NULL ? item->alg->len : 0));
	} else {
		item->value_ok = 1;
		UY_TRY_OUT(uy_ctx_pass(st->ctx, UY_CK_SUMMARY_DIGEST_VALUE));
	}
	*uri_out = uri;
	uri = NULL; /* now owned by caller */
done:
	uy_free(uri);
	uy_free(text);
	return rc;
}

/*
 * Find the DigestMethod and DigestValue children of el and require that they
 * are its only element children, in this order (XSD sequence).
 *
 * @return 1 when the content is exactly DigestMethod, DigestValue.
 */
static int
digests_pair_of(const xmlNode *el, const char *ns, const xmlNode **method,
    const xmlNode **value)
{
	const xmlNode *first = uy_xml_first_element(el);
	const xmlNode *second = first != NULL ? uy_xml_next(first, NULL, NULL) : NULL;

	*method = uy_xml_child(el, ns, "DigestMethod");
	*value = uy_xml_child(el, ns, "DigestValue");
	return first != NULL && first == *method && second != NULL && second == *value &&
	    uy_xml_next(second, NULL, NULL) == NULL;
}

/* The 2.x rule on the two DigestItem algorithms (spec §7; CB codes 30, 31). */
static uy_err
digests_check_pair(dg_state *st, dg_sum *s, const dg_ref *r, char *const uris[2])
{
	if (uris[0] == NULL || uris[1] == NULL) {
		return UY_OK; /* already a content-model finding */
	}
	if (strcmp(uris[0], uris[1]) == 0) {
		/* CB 30 ALGORITHM_DEGERLERI_AYNI */
		return uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_ALGORITHM_PAIR, s->part, r->node,
		    "Reference '%.200s': iki DigestItem aynı algoritmayı kullanıyor (%.200s)",
		    "Reference '%.200s': both DigestItem use the same algorithm (%.200s)",
		    r->uri != NULL ? r->uri : "", uris[0]);
	}
	if (strcmp(uris[0], DG_URI_SHA512) != 0 && strcmp(uris[1], DG_URI_SHA512) != 0) {
		/* CB 31 ALGORITHM_SHA512_KULLANILMAMIS */
		return uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_ALGORITHM_PAIR, s->part, r->node,
		    "Reference '%.200s': DigestItem'lardan hiçbiri SHA-512 değil (%.200s, %.200s)",
		    "Reference '%.200s': neither DigestItem is SHA-512 (%.200s, %.200s)",
		    r->uri != NULL ? r->uri : "", uris[0], uris[1]);
	}
	return uy_ctx_pass(st->ctx, UY_CK_SUMMARY_ALGORITHM_PAIR);
}

/* Read the digests of a Reference: one pair in 1.x, exactly two DigestItem in 2.x. */
static uy_err
digests_read_items(dg_state *st, dg_sum *s, dg_ref *r, const char *ns)
{
	uy_err rc = UY_OK;
	char *uris[2] = {NULL, NULL};
	const xmlNode *method = NULL;
	const xmlNode *value = NULL;

	if (s->gen == UY_GEN_1) {
		/* *= spec §4.2
		 *# Reference 1.x : DigestMethod, DigestValue (one pair); same attributes */
		int exact = digests_pair_of(r->node, ns, &method, &value);
		if (!exact) {
			UY_TRY_OUT(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_CONTENT, s->part, r->node,
			    "Reference '%.200s': %zu DigestMethod, %zu DigestValue ve toplam %zu "
			    "öğe var; 1.x tam olarak bir DigestMethod ve ardından bir DigestValue "
			    "bekler",
			    "Reference '%.200s': %zu DigestMethod, %zu DigestValue and %zu "
			    "elements in all; 1.x expects exactly one DigestMethod followed by one "
			    "DigestValue",
			    r->uri != NULL ? r->uri : "", uy_xml_count(r->node, ns, "DigestMethod"),
			    uy_xml_count(r->node, ns, "DigestValue"),
			    uy_xml_count(r->node, NULL, NULL)));
		}
		if (method != NULL && value != NULL) {
			UY_TRY_OUT(digests_read_item(st, s, method, value, &r->items[0], &uris[0]));
			r->n_items = 1;
		}
		goto done;
	}
	/* *= spec §4.2
	 *# Reference 2.x : DigestItem, DigestItem (exactly 2) */
	size_t n_items = uy_xml_count(r->node, ns, "DigestItem");
	size_t n_all = uy_xml_count(r->node, NULL, NULL);
	if (n_items != 2 || n_all != 2) {
		/* CB 28 DIGESTITEM_DEGERI_BOS, 29 DIGESTITEM1_DEGERI_BOS */
		UY_TRY_OUT(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_CONTENT, s->part, r->node,
		    "Reference '%.200s': %zu DigestItem ve toplam %zu öğe var; 2.x tam olarak iki "
		    "DigestItem bekler%s%.0s",
		    "Reference '%.200s': %zu DigestItem and %zu elements in all; 2.x expects "
		    "exactly two DigestItem%.0s%s",
		    r->uri != NULL ? r->uri : "", n_items, n_all,
		    n_items > 2 ? " (yalnızca ilk ikisi denetlendi)" : "",
		    n_items > 2 ? " (only the first two were checked)" : ""));
	}
	const xmlNode *di = uy_xml_child(r->node, ns, "DigestItem");
	for (size_t k = 0; k < 2 && di != NULL; k++, di = uy_xml_next(di, ns, "DigestItem")) {
		if (!digests_pair_of(di, ns, &method, &value)) {
			UY_TRY_OUT(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_CONTENT, s->part, di,
			    "Reference '%.200s': DigestItem tam olarak bir DigestMethod ve "
			    "ardından bir DigestValue içermeli",
			    "Reference '%.200s': a DigestItem must hold exactly one DigestMethod "
			    "followed by one DigestValue",
			    r->uri != NULL ? r->uri : ""));
		}
		if (method == NULL || value == NULL) {
			continue;
		}
		UY_TRY_OUT(digests_read_item(st, s, method, value, &r->items[r->n_items],
		    &uris[r->n_items]));
		r->n_items++;
	}
	if (r->n_items == 2) {
		UY_TRY_OUT(digests_check_pair(st, s, r, uris));
	}
done:
	uy_free(uris[0]);
	uy_free(uris[1]);
	return rc;
}

/* Read one Reference: URI, Type, target part and digests. */
static uy_err
digests_read_ref(dg_state *st, dg_sum *s, const xmlNode *node, const char *ns, dg_ref *r)
{
	uy_err rc = UY_OK;
	char *type = NULL;

	memset(r, 0, sizeof(*r));
	r->node = node;
	UY_TRY_OUT(digests_attr(&r->uri, node, "URI"));
	if (r->uri != NULL) {
		digests_trim(r->uri);
	}
	if (r->uri != NULL && r->uri[0] == '\0') {
		uy_free(r->uri);
		r->uri = NULL;
	}
	UY_TRY_OUT(digests_attr(&type, node, "Type"));
	if (type != NULL) {
		digests_trim(type); /* xsd:anyURI, like URI */
	}
	if (type != NULL && strcmp(type, UY_REF_HARICI) == 0) {
		r->harici = 1;
		UY_TRY_OUT(uy_ctx_pass(st->ctx, UY_CK_SUMMARY_REF_TYPE));
	} else if (type != NULL && strcmp(type, UY_REF_DAHILI) != 0) {
		/* Checked as internal: the strictest reading of an unknown type. */
		UY_TRY_OUT(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_REF_TYPE, s->part, node,
		    "Reference '%.200s': Type '%.200s' tanınmıyor; dahili bileşen olarak "
		    "denetlendi",
		    "Reference '%.200s': Type '%.200s' is not recognised; checked as an internal "
		    "component",
		    r->uri != NULL ? r->uri : "", type));
	} else if (type != NULL) {
		UY_TRY_OUT(uy_ctx_pass(st->ctx, UY_CK_SUMMARY_REF_TYPE));
	}
	if (r->uri == NULL) {
		/* CB OzetDogrulamaHataKodu 9 URI_DEGERI_BOS */
		UY_TRY_OUT(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_CONTENT, s->part, node,
		    "Reference öğesinin URI özniteliği yok veya boş",
		    "The Reference has no or an empty URI attribute"));
	} else {
		r->name = digests_uri_name(r->uri);
		UY_ENSURE_OUT(r->name != NULL, UY_ERR_NOMEM);
		if (!r->harici && !st->outer) {
			/* *= spec §7
			 *# PHP percent-decodes it and adds a missing leading `/`; look up
			 *# case-insensitively. */
			r->target = uy_pkg_find_part(st->pkg, r->uri);
		}
	}
	UY_TRY_OUT(digests_read_items(st, s, r, ns));
done:
	uy_free(type);
	return rc;
}

/* Generation of a summary root's namespace "<prefix><name>-<n>"; 0 if not one. */
static uy_gen
digests_ns_gen(const char *ns, const char *name)
{
	size_t lp = strlen(UY_NS_EY_PREFIX);
	size_t ln = strlen(name);

	if (ns == NULL || strncmp(ns, UY_NS_EY_PREFIX, lp) != 0 ||
	    strncmp(ns + lp, name, ln) != 0) {
		return UY_GEN_UNKNOWN;
	}
	if (strcmp(ns + lp + ln, "-1") == 0) {
		return UY_GEN_1;
	}
	if (strcmp(ns + lp + ln, "-2") == 0) {
		return UY_GEN_2;
	}
	return UY_GEN_UNKNOWN;
}

/* Parse a summary, check its root and @Id and read its references (pass 1). */
static uy_err
digests_open(dg_state *st, dg_which w)
{
	const dg_def *d = &dg_defs[w];
	dg_sum *s = &st->sums[w];
	xmlDocPtr *slot = digests_doc_slot(st->info, w);
	char ns[96];

	s->part = digests_part(st->info, w);
	if (s->part == NULL) {
		if (!digests_required(st->info, w)) {
			return UY_OK;
		}
		UY_TRY(uy_ctx_skip(st->ctx, d->ck_parse, UY_LOC_NONE,
		    "%s pakette yok (bölüm sayısı denetimine bakın)",
		    "%s is not in the package (see the part count check)", d->name));
		return digests_skip_dependents(st, w, NULL, "bölüm pakette yok",
		    "the part is not in the package");
	}
	if (*slot == NULL) {
		UY_TRY(uy_rules__parse_xml(st->ctx, st->pkg, s->part, d->ck_parse, slot));
	}
	if (*slot == NULL) {
		return digests_skip_dependents(st, w, s->part->name, "bölüm ayrıştırılamadı",
		    "the part could not be parsed");
	}
	s->root = xmlDocGetRootElement(*slot);
	s->gen = s->root != NULL ? digests_ns_gen(uy_xml_ns(s->root), d->name) : UY_GEN_UNKNOWN;
	if (w == DG_PARAF && s->gen == UY_GEN_1) {
		s->gen = UY_GEN_UNKNOWN; /* ParafOzeti-2 only */
	}
	if (s->root == NULL || strcmp((const char *)s->root->name, d->name) != 0 ||
	    s->gen == UY_GEN_UNKNOWN) {
		const char *got_ns = s->root != NULL ? uy_xml_ns(s->root) : NULL;
		const char *got = s->root != NULL ? (const char *)s->root->name : "";
		UY_TRY(uy_rules__fail_at(st->ctx, d->ck_parse, s->part, s->root,
		    "Kök öğe {%.200s}%.100s; {%s%s-%s}%s bekleniyor",
		    "The root element is {%.200s}%.100s; {%s%s-%s}%s is expected",
		    got_ns != NULL ? got_ns : "", got, UY_NS_EY_PREFIX, d->name,
		    w == DG_PARAF ? "2" : "n", d->name));
		return digests_skip_dependents(st, w, s->part->name,
		    "kök öğe bir özet değil", "the root element is not a summary");
	}
	/* Algorithms follow the package's generation, else the summary's own. */
	st->alg_gen = st->info->gen != UY_GEN_UNKNOWN ? st->info->gen : s->gen;
	if (st->info->gen != UY_GEN_UNKNOWN && s->gen != st->info->gen) {
		/* Content rules follow the summary's own schema; algorithms the package's. */
		UY_TRY(uy_rules__fail_at(st->ctx, d->ck_parse, s->part, s->root,
		    "%s ad alanı %s %d.x içindir; paket %d.x",
		    "The %s namespace %s is for %d.x; the package is %d.x", d->name,
		    uy_xml_ns(s->root), (int)s->gen, (int)st->info->gen));
	}
	UY_TRY(digests_check_id(st, w));

	/* *= spec §4.1
	 *# NihaiOzet ... `@Id`; `Reference+` in **PaketOzeti-n** (each redeclares `xmlns`) */
	snprintf(ns, sizeof(ns), "%sPaketOzeti-%d", UY_NS_EY_PREFIX, (int)s->gen);
	size_t n = uy_xml_count(s->root, ns, "Reference");
	if (n > UY_MAX_REFERENCES) {
		UY_TRY(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_CONTENT, s->part, s->root,
		    "%s %zu Reference içeriyor; uyum en çok %u tanesini denetler, gerisi "
		    "denetlenmedi",
		    "%s holds %zu References; uyum checks at most %u, the rest were not checked",
		    d->name, n, UY_MAX_REFERENCES));
		n = UY_MAX_REFERENCES;
	}
	if (n == 0) {
		/* CB OzetDogrulamaHataKodu 8 REFERENCE_DEGERI_VERILMEMIS */
		UY_TRY(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_CONTENT, s->part, s->root,
		    "%s hiç Reference ({%s}Reference) içermiyor",
		    "%s holds no Reference ({%s}Reference)", d->name, ns));
	}
	s->refs = uy_calloc(n + 1, sizeof(*s->refs));
	UY_ENSURE(s->refs != NULL, UY_ERR_NOMEM);
	for (const xmlNode *c = uy_xml_first_element(s->root); c != NULL;
	    c = uy_xml_next(c, NULL, NULL)) {
		if (!uy_xml_is(c, ns, "Reference")) {
			const char *cns = uy_xml_ns(c);
			UY_TRY(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_CONTENT, s->part, c,
			    "Beklenmeyen öğe {%.200s}%.100s; yalnızca {%s}Reference olabilir",
			    "Unexpected element {%.200s}%.100s; only {%s}Reference may appear",
			    cns != NULL ? cns : "", (const char *)c->name, ns));
			continue;
		}
		if (s->n_refs == n) {
			break;
		}
		/* Counted before the call so that dispose frees a half-read reference. */
		s->n_refs++;
		UY_TRY(digests_read_ref(st, s, c, ns, &s->refs[s->n_refs - 1]));
	}
	UY_TRY(uy_ctx_pass(st->ctx, UY_CK_SUMMARY_CONTENT));
	s->read = 1;
	return UY_OK;
}

/* Ask for every digest the internal references need (end of pass 1). */
static uy_err
digests_want(dg_state *st, size_t *n_wanted)
{
	for (size_t w = 0; w < DG__COUNT; w++) {
		dg_sum *s = &st->sums[w];
		for (size_t i = 0; s->read && i < s->n_refs; i++) {
			const dg_ref *r = &s->refs[i];
			if (r->harici || r->target == NULL || !r->target->usable) {
				continue;
			}
			for (size_t k = 0; k < r->n_items; k++) {
				const dg_item *it = &r->items[k];
				if (it->alg == NULL || !it->value_ok) {
					continue;
				}
				UY_TRY(uy_pkg_want_digest(st->pkg, r->target, it->alg->alg));
				(*n_wanted)++;
			}
		}
	}
	return UY_OK;
}

/* Compare the digest values of one summary with the computed digests (pass 3). */
static uy_err
digests_compare(dg_state *st, dg_which w)
{
	const dg_def *d = &dg_defs[w];
	dg_sum *s = &st->sums[w];
	uy_loc loc = UY_LOC_PART(s->part->name);
	size_t compared = 0;

	for (size_t i = 0; i < s->n_refs; i++) {
		dg_ref *r = &s->refs[i];
		if (r->harici || r->target == NULL) {
			/* #harici is not hash-checked; a missing target is its own check. */
			continue;
		}
		if (!r->target->usable) {
			UY_TRY(uy_ctx_skip(st->ctx, d->ck_digest, loc,
			    "'%.200s' okunamadığı için özeti karşılaştırılamadı (ZIP bulgularına "
			    "bakın)",
			    "'%.200s' could not be read, so its digest was not compared (see the "
			    "ZIP findings)",
			    r->target->name));
			continue;
		}
		for (size_t k = 0; k < r->n_items; k++) {
			dg_item *it = &r->items[k];
			uint8_t got[UY_DIGEST_MAX];
			size_t got_len = 0;
			if (it->alg == NULL || !it->value_ok) {
				UY_TRY(uy_ctx_skip(st->ctx, d->ck_digest, loc,
				    "'%.200s' için algoritması veya değeri geçersiz bir özet "
				    "karşılaştırılamadı",
				    "A digest of '%.200s' with an invalid algorithm or value could "
				    "not be compared",
				    r->uri));
				continue;
			}
			uy_err grc = uy_pkg_get_digest(st->pkg, r->target, it->alg->alg, got,
			    &got_len);
			if (grc != UY_OK) {
				UY_TRY(uy_ctx_skip(st->ctx, d->ck_digest, loc,
				    "'%.200s' bölümünün %s özeti hesaplanamadı (bölüm okunamadı)",
				    "'%.200s': the %s digest could not be computed (the part could "
				    "not be read)",
				    r->target->name, it->alg->name));
				continue;
			}
			compared++;
			if (got_len == it->value_len && memcmp(got, it->value, got_len) == 0) {
				continue;
			}
			char want_b64[96];
			char got_b64[96];
			digests_b64_encode(want_b64, it->value, it->value_len);
			digests_b64_encode(got_b64, got, got_len);
			/* *= spec §7
			 *# **Input**: raw part bytes after decompression, no canonicalisation, BOM
			 *# included; DigestValue = base64 of the digest */
			UY_TRY(uy_rules__fail_at(st->ctx, d->ck_digest, s->part, it->value_node,
			    "'%.200s' için %s özeti uyuşmuyor: özette %s, bölümün ham baytlarından "
			    "hesaplanan %s",
			    "'%.200s': the %s digest does not match: the summary has %s, the "
			    "part's raw bytes give %s",
			    r->uri, it->alg->name, want_b64, got_b64));
		}
	}
	if (compared == 0) {
		return uy_ctx_skip(st->ctx, d->ck_digest, UY_LOC_PART(s->part->name),
		    "%s: karşılaştırılabilecek bir özet değeri yok",
		    "%s: no digest value could be compared", d->name);
	}
	return uy_ctx_pass(st->ctx, d->ck_digest);
}

#define DG_DPT1_ONLY_TR " (resmî 1.x API'si (DPT1) bunu zorunlu tutar; PHP tutmaz)"
#define DG_DPT1_ONLY_EN " (required by the official 1.x API, DPT1; not by PHP)"

/* A component a summary must cover. */
typedef struct {
	const uy_part *part;
	const char *role;
	int dpt1_only; /* required by the official 1.x API (DPT1, CS) but not by PHP */
} dg_need;

/* Append a required component if the package has it. */
static void
digests_need(dg_need *needs, size_t *n, const uy_part *part, const char *role, int dpt1_only)
{
	if (part == NULL) {
		return; /* an absent component is a structure finding, not a coverage one */
	}
	needs[*n].part = part;
	needs[*n].role = role;
	needs[*n].dpt1_only = dpt1_only;
	(*n)++;
}

/*
 * Coverage of one summary (spec §7 table): every required component that
 * the package holds is the target of an internal Reference.
 */
static uy_err
digests_coverage(dg_state *st, dg_which w)
{
	const dg_def *d = &dg_defs[w];
	dg_sum *s = &st->sums[w];
	const uy_pkginfo *info = st->info;
	uy_err rc = UY_OK;
	dg_need *needs = NULL;
	size_t n = 0;
	uy_gen gen = info->gen != UY_GEN_UNKNOWN ? info->gen : s->gen;

	needs = uy_calloc(info->n_ekler + 16, sizeof(*needs));
	UY_ENSURE_OUT(needs != NULL, UY_ERR_NOMEM);
	/* *= spec §7
	 *# | NihaiOzet of `.eypg` | — | GuncellemeBilgisi, OrijinalPaket, Core | */
	if (info->kind == UY_KIND_EYPG && w == DG_NIHAI) {
		digests_need(needs, &n, info->guncellemebilgisi, "GuncellemeBilgisi", 0);
		digests_need(needs, &n, info->orijinalpaket, "OrijinalPaket", 0);
		digests_need(needs, &n, info->core, "Core", 0);
	} else {
		/* *= spec §7
		 *# | PaketOzeti (e-signature) | BelgeHedef, UstYazi, Ustveri, every signed Ek
		 *# | NihaiOzet (seal) | BelgeHedef, BelgeImza (if present), UstYazi, Ustveri,
		 *# signed Ekler, PaketOzeti, ImzaCades, Core (DPT1, CS); PHP 1.x requires only
		 *# Ustveri, UstYazi, PaketOzeti, ImzaCades, signed Ekler */
		if (gen == UY_GEN_1 && w == DG_PAKET) {
			digests_need(needs, &n, info->belgehedef, "BelgeHedef", 0);
		}
		if (gen == UY_GEN_1 && w == DG_NIHAI) {
			digests_need(needs, &n, info->belgehedef, "BelgeHedef", 1);
			digests_need(needs, &n, info->belgeimza, "BelgeImza", 1);
		}
		digests_need(needs, &n, info->ustyazi, "UstYazi", 0);
		digests_need(needs, &n, info->ustveri, "Ustveri", 0);
		for (size_t i = 0; i < info->n_ekler; i++) {
			digests_need(needs, &n, info->ekler[i].part, "Ek", 0);
		}
		/* *= spec §7
		 *# UstYazi, Ustveri, every signed Ek, ParafOzeti + ParafImzaCades (if
		 *# initials exist) ... | UstYazi, Ustveri, signed Ekler, ParafOzeti,
		 *# ParafImzaCades, PaketOzeti, ImzaCades, NihaiUstveri, Core */
		if (gen == UY_GEN_2 && w != DG_PARAF) {
			digests_need(needs, &n, info->parafozeti, "ParafOzeti", 0);
			digests_need(needs, &n, info->parafimzacades, "ParafImzaCades", 0);
		}
		if (w == DG_NIHAI) {
			digests_need(needs, &n, info->paketozeti, "PaketOzeti", 0);
			digests_need(needs, &n, info->imzacades, "ImzaCades", 0);
			if (gen == UY_GEN_2) {
				digests_need(needs, &n, info->nihaiustveri, "NihaiUstveri", 0);
			}
			digests_need(needs, &n, info->core, "Core", gen == UY_GEN_1);
		}
	}
	for (size_t k = 0; k < n; k++) {
		int found = 0;
		for (size_t i = 0; i < s->n_refs && !found; i++) {
			found = !s->refs[i].harici && s->refs[i].target == needs[k].part;
		}
		if (found) {
			continue;
		}
		UY_TRY_OUT(uy_rules__fail_at(st->ctx, d->ck_coverage, s->part, s->root,
		    "%s, %s bileşeni '%s' için Reference içermiyor%s%.0s",
		    "%s has no Reference for the %s component '%s'%.0s%s", d->name, needs[k].role,
		    needs[k].part->name,
		    needs[k].dpt1_only ? DG_DPT1_ONLY_TR : "",
		    needs[k].dpt1_only ? DG_DPT1_ONLY_EN : ""));
	}
	rc = uy_ctx_pass(st->ctx, d->ck_coverage);
done:
	uy_free(needs);
	return rc;
}

/*
 * Whether a missing Reference target is a tolerated absence (spec §7): an
 * /Ekler/ attachment listed in a KonulmamisEkListesi, or ParafImzaCades.
 */
static const char *
digests_tolerated(const dg_state *st, const dg_ref *r)
{
	const uy_pkginfo *info = st->info;

	/* *= spec §7
	 *# ParafImzaCades may be missing (CB returns `PARAF_IMZA_BILESENI_YOK` = 32) */
	if (uy_opc_name_cmp(r->name, "/Paraflar/ParafImzaCades.imz") == 0) {
		return "ParafImzaCades";
	}
	for (size_t i = 0; i < uy_pkg_rel_count(st->pkg); i++) {
		const uy_rel *rel = uy_pkg_rel_at(st->pkg, i);
		if (uy_rules__type_like(rel, UY_REL_PARAFIMZACADES) && rel->resolved != NULL &&
		    uy_opc_name_cmp(r->name, rel->resolved) == 0) {
			return "ParafImzaCades";
		}
	}
	/* *= spec §7
	 *# A referenced `/Ekler/…` part may be missing when a Dagitim lists it in
	 *# KonulmamisEkListesi */
	if (!digests_has_prefix_ci(r->name, "/Ekler/")) {
		return NULL;
	}
	for (size_t i = 0; i < info->n_ek_entries; i++) {
		const uy_ek_entry *e = &info->ek_entries[i];
		if (e->konulmamis && e->dosya_adi != NULL &&
		    strcasecmp(r->name + strlen("/Ekler/"), e->dosya_adi) == 0) {
			return "KonulmamisEk";
		}
	}
	return NULL;
}

/* Internal references whose part is missing (K.33 "targets exist"). */
static uy_err
digests_targets(dg_state *st, dg_which w)
{
	const dg_def *d = &dg_defs[w];
	dg_sum *s = &st->sums[w];

	for (size_t i = 0; i < s->n_refs; i++) {
		const dg_ref *r = &s->refs[i];
		if (r->harici || r->name == NULL || r->target != NULL) {
			continue;
		}
		const char *why = digests_tolerated(st, r);
		if (why != NULL) {
			UY_TRY(uy_rules__fail_at(st->ctx, UY_CK_SUMMARY_ABSENT_TOLERATED, s->part,
			    r->node,
			    "%s '%.200s' bileşenini gösteriyor; bölüm pakette yok, ancak %s için "
			    "buna izin verilir",
			    "%s references '%.200s'; the part is not in the package, which is "
			    "tolerated for %s",
			    d->name, r->uri, why));
			continue;
		}
		/* CB OzetDogrulamaHataKodu 13 PAKET_BILESENI_ALINAMADI */
		UY_TRY(uy_rules__fail_at(st->ctx, d->ck_target, s->part, r->node,
		    "%s '%.200s' bileşenini gösteriyor; pakette böyle bir bölüm yok",
		    "%s references '%.200s'; the package has no such part", d->name, r->uri));
	}
	UY_TRY(uy_ctx_pass(st->ctx, UY_CK_SUMMARY_ABSENT_TOLERATED));
	return uy_ctx_pass(st->ctx, d->ck_target);
}

/* Whether a Reference denotes an unsigned attachment (imzasizEk, /ImzasizEkler/). */
static int
digests_is_unsigned(const dg_state *st, const dg_ref *r)
{
	if (r->name == NULL) {
		return 0;
	}
	if (digests_has_prefix_ci(r->name, "/ImzasizEkler/")) {
		return 1;
	}
	for (size_t i = 0; i < st->info->n_imzasiz_ekler; i++) {
		const uy_attachment *a = &st->info->imzasiz_ekler[i];
		if (r->target != NULL && a->part == r->target) {
			return 1;
		}
		if (a->rel != NULL && a->rel->resolved != NULL &&
		    uy_opc_name_cmp(a->rel->resolved, r->name) == 0) {
			return 1;
		}
	}
	return 0;
}

/* No summary may cover an unsigned attachment (K.33, K.43). */
static uy_err
digests_unsigned(dg_state *st, dg_which w)
{
	const dg_def *d = &dg_defs[w];
	dg_sum *s = &st->sums[w];

	for (size_t i = 0; i < s->n_refs; i++) {
		const dg_ref *r = &s->refs[i];
		if (!digests_is_unsigned(st, r)) {
			continue;
		}
		/* *= spec §7
		 *# Unsigned attachments (`imzasizEk`, `/ImzasizEkler/…`) must not appear in
		 *# any summary (PHP K.33/K.43 "imzasız ekin özetini içeremez"). */
		UY_TRY(uy_rules__fail_at(st->ctx, d->ck_unsigned, s->part, r->node,
		    "%s imzasız ek '%.200s' için Reference içeriyor",
		    "%s holds a Reference for the unsigned attachment '%.200s'", d->name, r->uri));
	}
	return uy_ctx_pass(st->ctx, d->ck_unsigned);
}

/* NihaiOzet must not hold #harici references (K.45). */
static uy_err
digests_harici(dg_state *st)
{
	dg_sum *s = &st->sums[DG_NIHAI];

	for (size_t i = 0; i < s->n_refs; i++) {
		const dg_ref *r = &s->refs[i];
		if (!r->harici) {
			continue;
		}
		/* *= spec §7
		 *# NihaiOzet must not contain `#harici` references (PHP K.45). */
		UY_TRY(uy_rules__fail_at(st->ctx, UY_CK_NIHAIOZET_HARICI, s->part, r->node,
		    "NihaiOzet harici (#harici) Reference içeriyor: '%.200s'",
		    "NihaiOzet holds an external (#harici) Reference: '%.200s'",
		    r->uri != NULL ? r->uri : ""));
	}
	return uy_ctx_pass(st->ctx, UY_CK_NIHAIOZET_HARICI);
}

/* Free the references read; the documents stay with info. */
static void
digests_dispose(dg_state *st)
{
	for (size_t w = 0; w < DG__COUNT; w++) {
		dg_sum *s = &st->sums[w];
		for (size_t i = 0; i < s->n_refs; i++) {
			uy_free(s->refs[i].uri);
			uy_free(s->refs[i].name);
		}
		uy_free(s->refs);
		s->refs = NULL;
		s->n_refs = 0;
	}
}

/*
 * see rules.h
 *
 * Digest stage of one package (outer or inner): parses ParafOzeti (2.x),
 * PaketOzeti and NihaiOzet into info->*_doc (owned by info), checks their
 * content model, @Id, algorithms and values, computes every referenced
 * part's digests once and compares them, and checks coverage, missing
 * targets, unsigned attachments and #harici references. Defects are
 * findings in ctx; an .eyps outer summary gets its syntax checked only.
 *
 * @param ctx   findings go here, in ctx->scope; borrowed.
 * @param pkg   the opened package; borrowed, parts read through its cache.
 * @param info  filled by the structure and metadata stages; the summary
 *              documents are stored into it (NULL when unparseable).
 * @return UY_ERR_NOMEM   out of memory (the report is then incomplete)
 * @return UY_ERR_CRYPTO  OpenSSL failed while hashing (not the artefact's fault)
 * @standard e-Yazışma K.29, K.33, K.34, K.39, K.43, K.44, K.45, K.80 (spec §11,
 *           reconstructed); spec §4.2, §7, §9, §10
 */
uy_err
uy_rules__digests(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	uy_err rc = UY_OK;
	dg_state st;
	size_t n_wanted = 0;
	int any_expected = 0;
	int any_read = 0;

	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.pkg = pkg;
	st.info = info;
	st.outer = info->kind == UY_KIND_EYPS;
	for (size_t w = 0; w < DG__COUNT; w++) {
		/* Pass 1: parse and read. */
		UY_TRY_OUT(digests_open(&st, (dg_which)w));
		any_expected |= st.sums[w].part != NULL || digests_required(info, (dg_which)w);
		any_read |= st.sums[w].read;
	}
	if (!any_read && any_expected) {
		uy_check_id generic[] = {UY_CK_SUMMARY_ID_SYNTAX, UY_CK_SUMMARY_CONTENT,
		    UY_CK_SUMMARY_REF_TYPE, UY_CK_SUMMARY_ALGORITHM, UY_CK_SUMMARY_DIGEST_VALUE};
		for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++) {
			UY_TRY_OUT(uy_ctx_skip(ctx, generic[i], UY_LOC_NONE,
			    "Okunabilen bir özet (ParafOzeti, PaketOzeti, NihaiOzet) yok",
			    "No summary (ParafOzeti, PaketOzeti, NihaiOzet) could be read"));
		}
	}
	if (st.sums[DG_NIHAI].read) {
		UY_TRY_OUT(digests_harici(&st));
	}
	if (st.outer) {
		for (size_t w = 0; w < DG__COUNT; w++) {
			const dg_def *d = &dg_defs[w];
			uy_check_id ids[] = {d->ck_coverage, d->ck_target, d->ck_unsigned,
			    d->ck_digest};
			if (!st.sums[w].read) {
				continue;
			}
			uy_loc loc = UY_LOC_PART(st.sums[w].part->name);
			/* *= spec §9
			 *# check the outer summary only against the inner package (byte-compare,
			 *# verify digests against inner parts), never as missing outer parts */
			for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
				UY_TRY_OUT(uy_ctx_skip(ctx, ids[i], loc,
				    "%s: başvurular şifreli iç paketi gösteriyor; özetler ve "
				    "kapsam iç pakette denetlenir",
				    "%s: references point into the encrypted inner package; "
				    "digests and coverage are checked in the inner package",
				    d->name));
			}
		}
		goto done;
	}
	/* Pass 2: every digest at once, one read per part. */
	UY_TRY_OUT(digests_want(&st, &n_wanted));
	if (n_wanted > 0) {
		UY_TRY_OUT(uy_pkg_compute_digests(pkg, ctx));
	}
	/* Pass 3: compare and check coverage. */
	for (size_t w = 0; w < DG__COUNT; w++) {
		if (!st.sums[w].read) {
			continue;
		}
		UY_TRY_OUT(digests_compare(&st, (dg_which)w));
		UY_TRY_OUT(digests_coverage(&st, (dg_which)w));
		UY_TRY_OUT(digests_targets(&st, (dg_which)w));
		UY_TRY_OUT(digests_unsigned(&st, (dg_which)w));
	}
done:
	digests_dispose(&st);
	return rc;
}
