/*
 * opc.c - the OPC layer of the package reader (ECMA-376-2 / ISO/IEC 29500-2).
 *
 * After pkg.c has judged the ZIP entries, uy_opc__load checks part names
 * (§9.1.1), reads /[Content_Types].xml (§10.1.2) and sets each part's
 * content type, then reads /_rels/.rels and every <folder>/_rels/<part>.rels
 * (§9.3) into the package's relationship list: package relationships first,
 * then by .rels part name, each in document order. Targets are resolved with
 * uy_opc_resolve (RFC 3986 §5.2); whether a target exists is left to the
 * structure rules. All XML here is read namespace-aware, never by prefix.
 */
#include "uyum/uy_pkg.h"

#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_xml.h"

#include "pkg/pkg_internal.h"

/* Content types in [Content_Types].xml, Default plus Override (ECMA-376-2 §10.1.2.2). */
#define OPC_MAX_CT_ENTRIES (2u * UY_MAX_ZIP_ENTRIES)
/*
 * Relationships of all .rels parts together. UY_MAX_RELATIONSHIPS caps each
 * part, so a flood in one part (say /_rels/.rels) cannot hide the few
 * relationships of the others (imzacades, muhurcades); this bounds the sum.
 */
#define OPC_MAX_TOTAL_RELS (4u * UY_MAX_RELATIONSHIPS)

/* A reason in both report languages. */
typedef struct {
	const char *tr;
	const char *en;
} opc_why;

/* ---- names and URIs --------------------------------------------------- */

static int
opc_hex(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

static char
opc_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int
opc_is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
opc_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* RFC 3986 §2.3 unreserved. */
static int
opc_is_unreserved(char c)
{
	return opc_is_alpha(c) || opc_is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* RFC 3986 §3.3 pchar without pct-encoded: unreserved / sub-delims / ":" / "@". */
static int
opc_is_pchar(char c)
{
	return opc_is_unreserved(c) || strchr("!$&'()*+,;=:@", c) != NULL;
}

/* Next character of a name for comparison: %XX decoded, ASCII lower case; -1 at end. */
static int
opc_cmp_next(const char **p)
{
	const char *s = *p;
	int hi = 0;
	int lo = 0;

	if (*s == '\0') {
		return -1;
	}
	if (s[0] == '%') {
		hi = opc_hex(s[1]);
		lo = hi >= 0 ? opc_hex(s[2]) : -1;
		if (hi >= 0 && lo >= 0) {
			*p = s + 3;
			return (unsigned char)opc_lower((char)(hi * 16 + lo));
		}
	}
	*p = s + 1;
	return (unsigned char)opc_lower(*s);
}

/* see uy_pkg.h */
int
uy_opc_name_cmp(const char *a, const char *b)
{
	int ca = 0;
	int cb = 0;

	if (a == NULL || b == NULL) {
		return (a == NULL) - (b == NULL);
	}
	/* "Ekler/x" and "/Ekler/x" name the same part. */
	a += a[0] == '/';
	b += b[0] == '/';
	do {
		ca = opc_cmp_next(&a);
		cb = opc_cmp_next(&b);
	} while (ca == cb && ca != -1);
	return ca < cb ? -1 : (ca > cb ? 1 : 0);
}

/* Whether name starts with prefix under the same equivalence as uy_opc_name_cmp. */
static int
opc_name_has_prefix(const char *name, const char *prefix)
{
	name += name[0] == '/';
	prefix += prefix[0] == '/';
	for (;;) {
		int cp = opc_cmp_next(&prefix);
		if (cp == -1) {
			return 1;
		}
		if (opc_cmp_next(&name) != cp) {
			return 0;
		}
	}
}

/*
 * Normalise the percent-escapes of a relative reference (RFC 3986 §6.2.2):
 * escapes of unreserved characters are decoded (so "%2E%2E" is a ".."
 * segment and cannot slip past dot removal), the others kept with upper-case
 * hex. An escape of '/', '\' or NUL is no part reference (ECMA-376-2 §9.1.1.1).
 */
static uy_err
opc_normalise_escapes(uy_buf *b, const char *s, opc_why *why)
{
	for (size_t i = 0; s[i] != '\0'; i++) {
		int hi = 0;
		int lo = 0;
		char c = 0;
		if (s[i] != '%') {
			UY_TRY(uy_buf_append(b, &s[i], 1));
			continue;
		}
		hi = opc_hex(s[i + 1]);
		lo = hi >= 0 ? opc_hex(s[i + 2]) : -1;
		if (hi < 0 || lo < 0) {
			why->tr = "geçersiz yüzde kodlaması ('%' ardından iki onaltılık rakam gelmiyor)";
			why->en = "invalid percent-escape ('%' not followed by two hex digits)";
			return UY_ERR_SYNTAX;
		}
		c = (char)(hi * 16 + lo);
		if (c == '/' || c == '\\' || c == '\0') {
			why->tr = "yüzde kodlanmış '/', '\\' veya NUL içeriyor";
			why->en = "contains a percent-encoded '/', '\\' or NUL";
			return UY_ERR_SYNTAX;
		}
		if (opc_is_unreserved(c)) {
			UY_TRY(uy_buf_append(b, &c, 1));
		} else {
			UY_TRY(uy_buf_printf(b, "%%%02X", (unsigned)(unsigned char)c));
		}
		i += 2;
	}
	return UY_OK;
}

/* Syntax problems of a target that make it no relative part reference. */
static int
opc_target_syntax(const char *t, opc_why *why)
{
	size_t i = 0;

	if (t[0] == '\0') {
		why->tr = "boş hedef";
		why->en = "empty target";
		return -1;
	}
	for (i = 0; t[i] != '\0'; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == '?') {
			why->tr = "sorgu ('?') içeriyor";
			why->en = "has a query ('?')";
			return -1;
		}
		if (c == '#') {
			why->tr = "parça tanımlayıcı ('#') içeriyor";
			why->en = "has a fragment ('#')";
			return -1;
		}
		if (c == '\\') {
			why->tr = "ters bölü ('\\') içeriyor";
			why->en = "contains a backslash ('\\')";
			return -1;
		}
		if (c < 0x20 || c == 0x7f) {
			why->tr = "denetim karakteri içeriyor";
			why->en = "contains a control character";
			return -1;
		}
	}
	/* RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
	if (opc_is_alpha(t[0])) {
		for (i = 1; opc_is_alpha(t[i]) || opc_is_digit(t[i]) || t[i] == '+' || t[i] == '-' ||
		     t[i] == '.';
		     i++) {
		}
		if (t[i] == ':') {
			why->tr = "URI şeması içeriyor (paket içi bölüm adı değil)";
			why->en = "has a URI scheme (not a part inside the package)";
			return -1;
		}
	}
	if (t[0] == '/' && t[1] == '/') {
		why->tr = "'//' ile başlıyor (ağ yolu başvurusu)";
		why->en = "starts with '//' (a network-path reference)";
		return -1;
	}
	return 0;
}

/*
 * RFC 3986 §5.2.2-5.2.4: merge path with the source's folder, then remove
 * "." and ".." segments. Unlike §5.2.4, a ".." at the root is an error: the
 * target would leave the package.
 */
static uy_err
opc_resolve(char **out, opc_why *why, const char *source, const char *target)
{
	uy_err rc = UY_OK;
	uy_buf merged;
	uy_buf res;
	const char *slash = NULL;
	const char *seg = NULL;
	int dir = 0;

	*out = NULL;
	uy_buf_init(&merged, 3u * (size_t)UY_MAX_ZIP_NAME + 3u * strlen(target) + 16u, 0);
	uy_buf_init(&res, 3u * (size_t)UY_MAX_ZIP_NAME + 3u * strlen(target) + 16u, 0);
	why->tr = NULL;
	why->en = NULL;
	if (opc_target_syntax(target, why) != 0) {
		rc = UY_ERR_SYNTAX;
		goto done;
	}
	if (target[0] != '/') {
		/* §5.2.3 merge: the base path up to and including its last '/'. */
		if (source == NULL || source[0] != '/') {
			source = "/";
		}
		slash = strrchr(source, '/');
		UY_TRY_OUT(uy_buf_append(&merged, source, (size_t)(slash - source) + 1));
	}
	UY_TRY_OUT(opc_normalise_escapes(&merged, target, why));
	UY_TRY_OUT(uy_buf_append(&merged, "", 1)); /* NUL for the walk below */
	/* §5.2.4 on the segments after the leading '/'. */
	seg = (const char *)merged.ptr + 1;
	while (seg != NULL) {
		const char *end = strchr(seg, '/');
		size_t len = end != NULL ? (size_t)(end - seg) : strlen(seg);
		int last = end == NULL;
		if (len == 1 && seg[0] == '.') {
			dir = last;
		} else if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			const uint8_t *cut = NULL;
			if (res.len == 0) {
				why->tr = "paket kökünün üstüne çıkıyor";
				why->en = "goes above the package root";
				rc = UY_ERR_SYNTAX;
				goto done;
			}
			cut = res.ptr + res.len;
			while (cut > res.ptr && cut[-1] != '/') {
				cut--;
			}
			res.len = (size_t)(cut - res.ptr) - 1;
			dir = last;
		} else {
			UY_TRY_OUT(uy_buf_append(&res, "/", 1));
			UY_TRY_OUT(uy_buf_append(&res, seg, len));
			dir = last && len == 0;
		}
		seg = end != NULL ? end + 1 : NULL;
	}
	if (dir || res.len == 0) {
		why->tr = "bir bölümü değil bir klasörü gösteriyor";
		why->en = "names a folder, not a part";
		rc = UY_ERR_SYNTAX;
		goto done;
	}
	*out = (char *)uy_buf_take(&res, NULL);
	UY_ENSURE_OUT(*out != NULL, UY_ERR_NOMEM);
done:
	if (rc == UY_ERR_LIMIT) {
		/* The buffers are sized for any name the package can hold. */
		why->tr = "çok uzun";
		why->en = "too long";
		rc = UY_ERR_SYNTAX;
	}
	uy_buf_dispose(&merged);
	uy_buf_dispose(&res);
	return rc;
}

/*
 * *= eyazisma-packages.md §2.2
 * *# Resolve per RFC 3986 against the source part.
 */
/* see uy_pkg.h */
uy_err
uy_opc_resolve(char **out, const char *source, const char *target)
{
	opc_why why;

	UY_ASSERT_ARG(out != NULL && target != NULL);
	return opc_resolve(out, &why, source, target);
}

/* ECMA-376-2 §9.1.1.1 part-name grammar; 0 when name is valid. */
static int
opc_part_name_problem(const char *name, opc_why *why)
{
	const char *seg = NULL;

	if (name[0] != '/') {
		why->tr = "'/' ile başlamıyor";
		why->en = "does not start with '/'";
		return -1;
	}
	seg = name + 1;
	while (seg != NULL) {
		const char *end = strchr(seg, '/');
		size_t len = end != NULL ? (size_t)(end - seg) : strlen(seg);
		int all_dots = 1;
		if (len == 0) {
			why->tr = "boş kesim içeriyor";
			why->en = "has an empty segment";
			return -1;
		}
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)seg[i];
			if (c != '.') {
				all_dots = 0;
			}
			if (c == '%') {
				int hi = i + 2 < len ? opc_hex(seg[i + 1]) : -1;
				int lo = hi >= 0 ? opc_hex(seg[i + 2]) : -1;
				if (hi < 0 || lo < 0) {
					why->tr = "geçersiz yüzde kodlaması içeriyor";
					why->en = "has an invalid percent-escape";
					return -1;
				}
				char d = (char)(hi * 16 + lo);
				if (d == '/' || d == '\\') {
					why->tr = "yüzde kodlanmış '/' veya '\\' içeriyor";
					why->en = "has a percent-encoded '/' or '\\'";
					return -1;
				}
				if (opc_is_unreserved(d)) {
					why->tr = "yüzde kodlanmış ayrılmamış karakter içeriyor";
					why->en = "has a percent-encoded unreserved character";
					return -1;
				}
				i += 2;
				continue;
			}
			if (c >= 0x80) {
				/* IRI characters (ucschar); pkg.c has escaped invalid UTF-8. */
				continue;
			}
			if (!opc_is_pchar((char)c)) {
				why->tr = "kesimde izin verilmeyen bir karakter içeriyor (RFC 3986 pchar "
				          "dışında: boşluk, '\\', '[', ']' ...)";
				why->en = "has a character not allowed in a segment (not an RFC 3986 pchar: "
				          "space, '\\', '[', ']' ...)";
				return -1;
			}
		}
		if (all_dots) {
			why->tr = "yalnızca noktalardan oluşan kesim içeriyor";
			why->en = "has a segment made of dots only";
			return -1;
		}
		if (seg[len - 1] == '.') {
			why->tr = "'.' ile biten kesim içeriyor";
			why->en = "has a segment ending with '.'";
			return -1;
		}
		seg = end != NULL ? end + 1 : NULL;
	}
	return 0;
}

/* Whether a part takes part in OPC checks: a usable entry other than [Content_Types].xml. */
static int
opc_is_part(const uy_part *p)
{
	return p->usable && !p->is_content_types && p->name[strlen(p->name) - 1] != '/';
}

/* qsort order of part pointers by OPC equivalence. */
static int
opc_part_order(const void *pa, const void *pb)
{
	const uy_part *a = *(const uy_part *const *)pa;
	const uy_part *b = *(const uy_part *const *)pb;
	int c = uy_opc_name_cmp(a->name, b->name);

	if (c != 0) {
		return c;
	}
	return a->zip_index < b->zip_index ? -1 : (a->zip_index > b->zip_index ? 1 : 0);
}

/* §9.1.1.1 grammar per part, and that no part name is a folder of another (same clause). */
static uy_err
opc_check_part_names(uy_pkg *pkg, uy_ctx *ctx)
{
	uy_err rc = UY_OK;
	const uy_part **v = NULL;
	size_t n = 0;
	char *folder = NULL;

	v = uy_calloc(uy_pkg_part_count(pkg) + 1, sizeof(*v));
	UY_ENSURE_OUT(v != NULL, UY_ERR_NOMEM);
	for (size_t i = 0; i < uy_pkg_part_count(pkg); i++) {
		const uy_part *p = uy_pkg_part_at(pkg, i);
		opc_why why;
		if (!opc_is_part(p)) {
			continue;
		}
		v[n++] = p;
		if (opc_part_name_problem(p->name, &why) != 0) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_PART_NAME, UY_LOC_PART(p->name),
			    "'%s' bölüm adı ECMA-376-2 §9.1.1.1 dilbilgisine uymuyor: %s%.0s",
			    "The part name '%s' breaks the ECMA-376-2 §9.1.1.1 grammar: %.0s%s", p->name,
			    why.tr, why.en));
		}
	}
	qsort(v, n, sizeof(*v), opc_part_order);
	for (size_t i = 0; i < n; i++) {
		size_t lo = i + 1;
		size_t hi = n;
		uy_free(folder);
		folder = uy_asprintf("%s/", v[i]->name);
		UY_ENSURE_OUT(folder != NULL, UY_ERR_NOMEM);
		/* Lower bound of "<name>/" among the names after v[i]. */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (uy_opc_name_cmp(v[mid]->name, folder) < 0) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		if (lo < n && opc_name_has_prefix(v[lo]->name, folder)) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_PART_NAME, UY_LOC_PART(v[lo]->name),
			    "'%s' bölüm adı, '%s' bölümünü klasör olarak kullanıyor",
			    "The part name '%s' uses the part '%s' as a folder", v[lo]->name,
			    v[i]->name));
		}
	}
	UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_OPC_PART_NAME));
done:
	uy_free(folder);
	uy_free(v);
	return rc;
}

/* ---- XML helpers ------------------------------------------------------ */

/* Where a finding in an XML part is: part, owned path, line. */
typedef struct {
	const char *part;
	char *path;
	long line;
} opc_where;

static uy_err
opc_where_set(opc_where *w, const char *part, const xmlNode *node)
{
	uy_free(w->path);
	w->part = part;
	w->path = uy_xml_path(node);
	w->line = uy_xml_line(node);
	return w->path != NULL ? UY_OK : UY_ERR_NOMEM;
}

static uy_loc
opc_where_loc(const opc_where *w)
{
	uy_loc loc = {w->part, w->path, w->line};

	return loc;
}

/* Outcome of reading and parsing an OPC XML part. */
typedef enum {
	OPC_DOC_OK = 0,
	OPC_DOC_UNREADABLE, /* the entry could not be read (zip finding recorded) */
	OPC_DOC_DOCTYPE,    /* xml::doctype recorded */
	OPC_DOC_MALFORMED,  /* not well-formed; reason in err */
} opc_doc_status;

/* Read and parse part; DOCTYPE is recorded as xml::doctype, the rest is left to the caller. */
static uy_err
opc_parse(xmlDocPtr *doc, opc_doc_status *status, uy_xml_error *err, uy_pkg *pkg, uy_ctx *ctx,
    const uy_part *part)
{
	uy_span bytes = {NULL, 0};
	uy_err rc = UY_OK;

	*doc = NULL;
	*status = OPC_DOC_OK;
	rc = uy_pkg_read_part(pkg, ctx, part, UY_MAX_XML_PART, &bytes);
	if (rc == UY_ERR_ZIP_ENTRY || rc == UY_ERR_LIMIT) {
		*status = OPC_DOC_UNREADABLE;
		return UY_OK;
	}
	UY_TRY(rc);
	rc = uy_xml_parse(doc, err, bytes);
	if (rc == UY_ERR_XML_DOCTYPE) {
		uy_loc loc = {part->name, NULL, err->line};
		*status = OPC_DOC_DOCTYPE;
		return uy_ctx_fail(ctx, UY_CK_XML_DOCTYPE, loc,
		    "Bölüm DOCTYPE içeriyor; ayrıştırma DTD işlenmeden durduruldu (%s)",
		    "The part contains a DOCTYPE; parsing stopped before the DTD was processed (%s)",
		    err->msg);
	}
	if (rc == UY_ERR_XML) {
		*status = OPC_DOC_MALFORMED;
		return UY_OK;
	}
	UY_TRY(rc);
	return uy_ctx_pass(ctx, UY_CK_XML_DOCTYPE);
}

/* ---- [Content_Types].xml ---------------------------------------------- */

typedef struct {
	char *key;  /* Extension (Default) or PartName (Override) */
	char *type; /* ContentType */
	long line;
} opc_ct_entry;

typedef struct {
	opc_ct_entry *defaults;
	size_t n_defaults;
	opc_ct_entry *overrides;
	size_t n_overrides;
} opc_ct;

static void
opc_ct_dispose(opc_ct *ct)
{
	for (size_t i = 0; i < ct->n_defaults; i++) {
		uy_free(ct->defaults[i].key);
		uy_free(ct->defaults[i].type);
	}
	for (size_t i = 0; i < ct->n_overrides; i++) {
		uy_free(ct->overrides[i].key);
		uy_free(ct->overrides[i].type);
	}
	uy_free(ct->defaults);
	uy_free(ct->overrides);
	memset(ct, 0, sizeof(*ct));
}

/* RFC 7230 §3.2.6 tchar. */
static int
opc_is_tchar(char c)
{
	return opc_is_alpha(c) || opc_is_digit(c) || (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* Media type syntax (RFC 7231 §3.1.1.1): type "/" subtype *( OWS ";" OWS parameter ). */
static int
opc_is_media_type(const char *s)
{
	size_t i = 0;
	size_t start = 0;

	while (opc_is_tchar(s[i])) {
		i++;
	}
	if (i == 0 || s[i] != '/') {
		return 0;
	}
	start = ++i;
	while (opc_is_tchar(s[i])) {
		i++;
	}
	if (i == start) {
		return 0;
	}
	while (s[i] != '\0') {
		while (s[i] == ' ' || s[i] == '\t') {
			i++;
		}
		if (s[i] != ';') {
			return 0;
		}
		i++;
		while (s[i] == ' ' || s[i] == '\t') {
			i++;
		}
		start = i;
		while (opc_is_tchar(s[i])) {
			i++;
		}
		if (i == start || s[i] != '=') {
			return 0;
		}
		i++;
		if (s[i] == '"') {
			for (i++; s[i] != '"'; i++) {
				if (s[i] == '\0') {
					return 0;
				}
				if (s[i] == '\\' && s[i + 1] != '\0') {
					i++;
				}
			}
			i++;
		} else {
			start = i;
			while (opc_is_tchar(s[i])) {
				i++;
			}
			if (i == start) {
				return 0;
			}
		}
	}
	return 1;
}

/* Case-insensitive comparison of extensions, for qsort and lookup. */
static int
opc_ext_cmp(const char *a, const char *b)
{
	int ca = 0;
	int cb = 0;

	do {
		ca = opc_cmp_next(&a);
		cb = opc_cmp_next(&b);
	} while (ca == cb && ca != -1);
	return ca < cb ? -1 : (ca > cb ? 1 : 0);
}

static int
opc_ct_default_order(const void *pa, const void *pb)
{
	const opc_ct_entry *a = pa;
	const opc_ct_entry *b = pb;
	int c = opc_ext_cmp(a->key, b->key);

	return c != 0 ? c : (a->line < b->line ? -1 : (a->line > b->line ? 1 : 0));
}

static int
opc_ct_override_order(const void *pa, const void *pb)
{
	const opc_ct_entry *a = pa;
	const opc_ct_entry *b = pb;
	int c = uy_opc_name_cmp(a->key, b->key);

	return c != 0 ? c : (a->line < b->line ? -1 : (a->line > b->line ? 1 : 0));
}

/* Append an entry; key and type are taken over (freed on failure too). */
static uy_err
opc_ct_add(opc_ct_entry **v, size_t *n, char *key, char *type, long line)
{
	opc_ct_entry *nv = NULL;

	/* Grow by doubling at powers of two; *n never passes OPC_MAX_CT_ENTRIES. */
	if ((*n & (*n - 1)) == 0) {
		nv = uy_realloc(*v, (*n == 0 ? 1 : *n * 2) * sizeof(*nv));
		if (nv == NULL) {
			uy_free(key);
			uy_free(type);
			return UY_ERR_NOMEM;
		}
		*v = nv;
	}
	(*v)[*n].key = key;
	(*v)[*n].type = type;
	(*v)[*n].line = line;
	(*n)++;
	return UY_OK;
}

/* Read the Default and Override elements; defects are CT_MALFORMED findings. */
static uy_err
opc_ct_collect(uy_ctx *ctx, const uy_part *part, xmlNodePtr root, opc_ct *ct)
{
	uy_err rc = UY_OK;
	opc_where w = {NULL, NULL, 0};
	char *a = NULL;
	char *type = NULL;

	for (xmlNodePtr e = uy_xml_first_element(root); e != NULL; e = uy_xml_next(e, NULL, NULL)) {
		int is_default = uy_xml_is(e, UY_NS_CT, "Default");
		const char *attr = is_default ? "Extension" : "PartName";
		opc_why why;
		UY_TRY_OUT(opc_where_set(&w, part->name, e));
		if (!is_default && !uy_xml_is(e, UY_NS_CT, "Override")) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_CT_MALFORMED, opc_where_loc(&w),
			    "Beklenmeyen öğe {%s}%s; yalnızca Default ve Override olabilir",
			    "Unexpected element {%s}%s; only Default and Override are allowed",
			    uy_xml_ns(e) != NULL ? uy_xml_ns(e) : "", (const char *)e->name));
			continue;
		}
		if (ct->n_defaults + ct->n_overrides >= OPC_MAX_CT_ENTRIES) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_CT_MALFORMED, opc_where_loc(&w),
			    "%u öğeden fazlası var; geri kalanı incelenmedi",
			    "More than %u elements; the rest were not examined",
			    (unsigned)OPC_MAX_CT_ENTRIES));
			break;
		}
		uy_free(a);
		uy_free(type);
		a = uy_xml_attr(e, attr);
		type = uy_xml_attr(e, "ContentType");
		if (a == NULL || type == NULL) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_CT_MALFORMED, opc_where_loc(&w),
			    "%s öğesinde %s özniteliği yok", "The %s element has no %s attribute",
			    (const char *)e->name, a == NULL ? attr : "ContentType"));
			continue;
		}
		if (!opc_is_media_type(type)) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_CT_MALFORMED, opc_where_loc(&w),
			    "ContentType '%s' bir ortam türü (tür/alt tür) değil",
			    "ContentType '%s' is not a media type (type/subtype)", type));
		}
		if (is_default && (a[0] == '\0' || strchr(a, '.') != NULL || strchr(a, '/') != NULL)) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_CT_MALFORMED, opc_where_loc(&w),
			    "Extension '%s' geçersiz (boş, '.' veya '/' içeriyor)",
			    "Extension '%s' is invalid (empty, or contains '.' or '/')", a));
			continue;
		}
		if (!is_default && opc_part_name_problem(a, &why) != 0) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_CT_MALFORMED, opc_where_loc(&w),
			    "PartName '%s' geçerli bir bölüm adı değil: %s%.0s",
			    "PartName '%s' is not a valid part name: %.0s%s", a, why.tr, why.en));
			continue;
		}
		if (is_default) {
			rc = opc_ct_add(&ct->defaults, &ct->n_defaults, a, type, w.line);
		} else {
			rc = opc_ct_add(&ct->overrides, &ct->n_overrides, a, type, w.line);
		}
		a = NULL;
		type = NULL;
		UY_TRY_OUT(rc);
	}
done:
	uy_free(w.path);
	uy_free(a);
	uy_free(type);
	return rc;
}

/* Duplicates (same extension / equivalent part name) are CT_MALFORMED [M2.6, M2.7]. */
static uy_err
opc_ct_duplicates(uy_ctx *ctx, const uy_part *part, opc_ct_entry *v, size_t n, int is_default)
{
	for (size_t i = 1; i < n; i++) {
		int same = is_default ? opc_ext_cmp(v[i - 1].key, v[i].key) == 0
		                      : uy_opc_name_cmp(v[i - 1].key, v[i].key) == 0;
		uy_loc loc = {part->name, NULL, v[i].line};
		if (!same) {
			continue;
		}
		UY_TRY(uy_ctx_fail(ctx, UY_CK_OPC_CT_MALFORMED, loc,
		    "'%s' için ikinci bir %s öğesi var%.0s (ilki %ld. satırda)",
		    "A second %.0s%s element for '%s' (the first is on line %ld)",
		    v[i].key, is_default ? "Default" : "Override", v[i].key, v[i - 1].line));
	}
	return UY_OK;
}

/* Extension of a part name: after the last '.' of the last segment; "" if none. */
static const char *
opc_extension(const char *name)
{
	const char *last = strrchr(name, '/');
	const char *dot = strrchr(last != NULL ? last : name, '.');

	return dot != NULL ? dot + 1 : "";
}

/* Set every part's content type: Override by name, else Default by extension. */
static uy_err
opc_ct_assign(uy_pkg *pkg, uy_ctx *ctx, const opc_ct *ct)
{
	for (size_t i = 0; i < uy_pkg_part_count(pkg); i++) {
		const uy_part *p = uy_pkg_part_at(pkg, i);
		const char *type = NULL;
		const char *ext = NULL;
		if (!opc_is_part(p)) {
			continue;
		}
		/* Linear search: both lists are bounded and sorted copies are not needed. */
		for (size_t k = 0; k < ct->n_overrides && type == NULL; k++) {
			if (uy_opc_name_cmp(ct->overrides[k].key, p->name) == 0) {
				type = ct->overrides[k].type;
			}
		}
		ext = opc_extension(p->name);
		for (size_t k = 0; k < ct->n_defaults && type == NULL && ext[0] != '\0'; k++) {
			if (opc_ext_cmp(ct->defaults[k].key, ext) == 0) {
				type = ct->defaults[k].type;
			}
		}
		if (type == NULL) {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_OPC_CT_UNTYPED, UY_LOC_PART(p->name),
			    "'%s' bölümünün içerik türü yok: bölüm için Override, '%s' uzantısı için "
			    "Default tanımlı değil",
			    "The part '%s' has no content type: no Override for it and no Default for the "
			    "extension '%s'",
			    p->name, ext));
			continue;
		}
		UY_TRY(uy_pkg__set_content_type(pkg, i, type));
	}
	return uy_ctx_pass(ctx, UY_CK_OPC_CT_UNTYPED);
}

/* ECMA-376-2 §10.1.2: /[Content_Types].xml. */
static uy_err
opc_load_content_types(uy_pkg *pkg, uy_ctx *ctx)
{
	uy_err rc = UY_OK;
	const uy_part *part = uy_pkg_find_part(pkg, "/[Content_Types].xml");
	xmlDocPtr doc = NULL;
	xmlNodePtr root = NULL;
	opc_doc_status st = OPC_DOC_OK;
	uy_xml_error xerr;
	opc_ct ct;

	memset(&ct, 0, sizeof(ct));
	memset(&xerr, 0, sizeof(xerr));
	if (part == NULL) {
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_CT_MISSING, UY_LOC_NONE,
		    "Pakette /[Content_Types].xml yok", "The package has no /[Content_Types].xml"));
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_OPC_CT_MALFORMED, UY_LOC_NONE,
		    "[Content_Types].xml yok", "[Content_Types].xml is missing"));
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_OPC_CT_UNTYPED, UY_LOC_NONE,
		    "[Content_Types].xml yok", "[Content_Types].xml is missing"));
		goto done;
	}
	UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_OPC_CT_MISSING));
	UY_TRY_OUT(opc_parse(&doc, &st, &xerr, pkg, ctx, part));
	if (st == OPC_DOC_MALFORMED) {
		uy_loc loc = {part->name, NULL, xerr.line};
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_CT_MALFORMED, loc,
		    "XML ayrıştırılamadı: %s", "The XML cannot be parsed: %s", xerr.msg));
	}
	if (st != OPC_DOC_OK) {
		if (st == OPC_DOC_DOCTYPE) {
			UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_OPC_CT_MALFORMED, UY_LOC_PART(part->name),
			    "[Content_Types].xml DOCTYPE içeriyor (bkz. xml::doctype)",
			    "[Content_Types].xml contains a DOCTYPE (see xml::doctype)"));
		}
		if (st == OPC_DOC_UNREADABLE) {
			UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_OPC_CT_MALFORMED, UY_LOC_PART(part->name),
			    "[Content_Types].xml okunamadı (bkz. zip::*)",
			    "[Content_Types].xml cannot be read (see zip::*)"));
		}
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_OPC_CT_UNTYPED, UY_LOC_PART(part->name),
		    "[Content_Types].xml kullanılamıyor", "[Content_Types].xml is unusable"));
		goto done;
	}
	root = xmlDocGetRootElement(doc);
	if (!uy_xml_is(root, UY_NS_CT, "Types")) {
		uy_loc loc = {part->name, "/", uy_xml_line(root)};
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_CT_MALFORMED, loc,
		    "Kök öğe {%s}%s; {" UY_NS_CT "}Types olmalı",
		    "The root element is {%s}%s; it must be {" UY_NS_CT "}Types",
		    uy_xml_ns(root) != NULL ? uy_xml_ns(root) : "", (const char *)root->name));
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_OPC_CT_UNTYPED, UY_LOC_PART(part->name),
		    "[Content_Types].xml kullanılamıyor", "[Content_Types].xml is unusable"));
		goto done;
	}
	UY_TRY_OUT(opc_ct_collect(ctx, part, root, &ct));
	if (ct.n_defaults > 1) {
		qsort(ct.defaults, ct.n_defaults, sizeof(*ct.defaults), opc_ct_default_order);
	}
	if (ct.n_overrides > 1) {
		qsort(ct.overrides, ct.n_overrides, sizeof(*ct.overrides), opc_ct_override_order);
	}
	UY_TRY_OUT(opc_ct_duplicates(ctx, part, ct.defaults, ct.n_defaults, 1));
	UY_TRY_OUT(opc_ct_duplicates(ctx, part, ct.overrides, ct.n_overrides, 0));
	UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_OPC_CT_MALFORMED));
	UY_TRY_OUT(opc_ct_assign(pkg, ctx, &ct));
done:
	opc_ct_dispose(&ct);
	if (doc != NULL) {
		xmlFreeDoc(doc);
	}
	return rc;
}

/* ---- relationships ---------------------------------------------------- */

/* xsd:NCName, approximated for ASCII; other characters are accepted. */
static int
opc_is_ncname(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	if (!(opc_is_alpha((char)c) || c == '_' || c >= 0x80)) {
		return 0;
	}
	for (size_t i = 1; s[i] != '\0'; i++) {
		c = (unsigned char)s[i];
		if (!(opc_is_alpha((char)c) || opc_is_digit((char)c) || c == '_' || c == '-' ||
		    c == '.' || c >= 0x80)) {
			return 0;
		}
	}
	return 1;
}

/*
 * Source part name of a relationships part (ECMA-376-2 §9.3.2.2):
 * "/a/_rels/b.xml.rels" -> "/a/b.xml"; "/_rels/.rels" -> "/" (the package).
 */
static char *
opc_rels_source_name(const char *rels_name)
{
	const char *last = strrchr(rels_name, '/');
	size_t folder_len = (size_t)(last - rels_name) - 5; /* keeps the '/' before "_rels" */
	size_t file_len = strlen(last + 1) - 5;             /* drops ".rels" */
	char *s = uy_alloc(folder_len + file_len + 1);

	if (s == NULL) {
		return NULL;
	}
	memcpy(s, rels_name, folder_len);
	memcpy(s + folder_len, last + 1, file_len);
	s[folder_len + file_len] = '\0';
	return s;
}

/* Read one relationships part into the package's list. */
static uy_err
opc_load_rels_part(uy_pkg *pkg, uy_ctx *ctx, const uy_part *rp, const uy_part *source,
    size_t *total)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	xmlNodePtr root = NULL;
	opc_doc_status st = OPC_DOC_OK;
	uy_xml_error xerr;
	opc_where w = {NULL, NULL, 0};
	char **ids = NULL;
	size_t n = 0;
	uy_rel rel;

	memset(&rel, 0, sizeof(rel));
	memset(&xerr, 0, sizeof(xerr));
	UY_TRY_OUT(opc_parse(&doc, &st, &xerr, pkg, ctx, rp));
	if (st == OPC_DOC_MALFORMED) {
		uy_loc loc = {rp->name, NULL, xerr.line};
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_MALFORMED, loc,
		    "XML ayrıştırılamadı: %s", "The XML cannot be parsed: %s", xerr.msg));
		goto done;
	}
	if (st != OPC_DOC_OK) {
		/* Both formats consume the same arguments; "%.0s" skips the other language. */
		const char *why_tr = st == OPC_DOC_DOCTYPE ? "DOCTYPE içeriyor (bkz. xml::doctype)"
		                                           : "okunamadı (bkz. zip::*)";
		const char *why_en = st == OPC_DOC_DOCTYPE ? "contains a DOCTYPE (see xml::doctype)"
		                                           : "cannot be read (see zip::*)";
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_OPC_RELS_MALFORMED, UY_LOC_PART(rp->name),
		    "%s %s%.0s; ilişkileri incelenmedi",
		    "%s %.0s%s; its relationships were not examined", rp->name, why_tr, why_en));
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_OPC_RELS_TARGET, UY_LOC_PART(rp->name),
		    "%s %s%.0s; ilişkileri incelenmedi",
		    "%s %.0s%s; its relationships were not examined", rp->name, why_tr, why_en));
		goto done;
	}
	root = xmlDocGetRootElement(doc);
	if (!uy_xml_is(root, UY_NS_RELS, "Relationships")) {
		uy_loc loc = {rp->name, "/", uy_xml_line(root)};
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_MALFORMED, loc,
		    "Kök öğe {%s}%s; {" UY_NS_RELS "}Relationships olmalı",
		    "The root element is {%s}%s; it must be {" UY_NS_RELS "}Relationships",
		    uy_xml_ns(root) != NULL ? uy_xml_ns(root) : "", (const char *)root->name));
		goto done;
	}
	ids = uy_calloc(UY_MAX_RELATIONSHIPS, sizeof(*ids));
	UY_ENSURE_OUT(ids != NULL, UY_ERR_NOMEM);
	for (xmlNodePtr e = uy_xml_first_element(root); e != NULL; e = uy_xml_next(e, NULL, NULL)) {
		char *mode = NULL;
		opc_why why;
		int dup = 0;
		UY_TRY_OUT(opc_where_set(&w, rp->name, e));
		if (!uy_xml_is(e, UY_NS_RELS, "Relationship")) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_MALFORMED, opc_where_loc(&w),
			    "Beklenmeyen öğe {%s}%s; yalnızca Relationship olabilir",
			    "Unexpected element {%s}%s; only Relationship is allowed",
			    uy_xml_ns(e) != NULL ? uy_xml_ns(e) : "", (const char *)e->name));
			continue;
		}
		if (n >= UY_MAX_RELATIONSHIPS) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_MALFORMED, opc_where_loc(&w),
			    "Bu ilişki bölümünde %u ilişkiden fazlası var; geri kalanı incelenmedi",
			    "This relationships part has more than %u relationships; the rest were "
			    "not examined",
			    (unsigned)UY_MAX_RELATIONSHIPS));
			break;
		}
		if (*total >= OPC_MAX_TOTAL_RELS) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_MALFORMED, opc_where_loc(&w),
			    "Paketin ilişki bölümlerinde toplam %u ilişkiden fazlası var; bu bölümün "
			    "geri kalan ilişkileri incelenmedi",
			    "The package's relationships parts hold more than %u relationships in "
			    "total; the rest of this part was not examined",
			    (unsigned)OPC_MAX_TOTAL_RELS));
			break;
		}
		uy_free(rel.id);
		uy_free(rel.type);
		uy_free(rel.target);
		uy_free(rel.resolved);
		memset(&rel, 0, sizeof(rel));
		rel.id = uy_xml_attr(e, "Id");
		rel.type = uy_xml_attr(e, "Type");
		rel.target = uy_xml_attr(e, "Target");
		mode = uy_xml_attr(e, "TargetMode");
		rel.external = mode != NULL && strcmp(mode, "External") == 0;
		if (mode != NULL && !rel.external && strcmp(mode, "Internal") != 0) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_MALFORMED, opc_where_loc(&w),
			    "TargetMode '%s' geçersiz; Internal veya External olmalı",
			    "TargetMode '%s' is invalid; it must be Internal or External", mode));
			uy_free(mode);
			continue;
		}
		uy_free(mode);
		if (rel.id == NULL || rel.type == NULL || rel.target == NULL || rel.type[0] == '\0') {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_MALFORMED, opc_where_loc(&w),
			    "Relationship öğesinde %s özniteliği yok veya boş; ilişki kullanılmadı",
			    "The Relationship element has no %s attribute, or it is empty; the "
			    "relationship was not used",
			    rel.id == NULL ? "Id" : (rel.target == NULL ? "Target" : "Type")));
			continue;
		}
		if (!opc_is_ncname(rel.id)) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_MALFORMED, opc_where_loc(&w),
			    "Id '%s' bir xsd:ID değil (harf veya '_' ile başlamalı)",
			    "Id '%s' is not an xsd:ID (it must start with a letter or '_')",
			    rel.id));
		}
		for (size_t k = 0; k < n && !dup; k++) {
			dup = strcmp(ids[k], rel.id) == 0;
		}
		if (dup) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_MALFORMED, opc_where_loc(&w),
			    "Id '%s' bu ilişki bölümünde birden çok kez kullanılmış",
			    "Id '%s' is used more than once in this relationships part",
			    rel.id));
		}
		ids[n] = uy_strdup(rel.id);
		UY_ENSURE_OUT(ids[n] != NULL, UY_ERR_NOMEM);
		n++;
		rel.source = source;
		rel.rels_part = rp;
		rel.line = w.line;
		if (!rel.external) {
			rc = opc_resolve(&rel.resolved, &why, source != NULL ? source->name : "/",
			    rel.target);
			if (rc == UY_ERR_SYNTAX) {
				UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_TARGET, opc_where_loc(&w),
				    "'%s' ilişkisinin hedefi '%s' paket içinde çözülemiyor: %s%.0s",
				    "Relationship '%s': the target '%s' does not resolve inside the package: "
				    "%.0s%s",
				    rel.id, rel.target, why.tr, why.en));
				rc = UY_OK;
			}
			UY_TRY_OUT(rc);
			/* Existence is judged by the structure rules: NULL when missing. */
			rel.target_part = rel.resolved != NULL ? uy_pkg_find_part(pkg, rel.resolved) : NULL;
		}
		UY_TRY_OUT(uy_pkg__add_rel(pkg, &rel));
		(*total)++;
	}
	UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_OPC_RELS_MALFORMED));
	UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_OPC_RELS_TARGET));
done:
	for (size_t k = 0; k < n; k++) {
		uy_free(ids[k]);
	}
	uy_free(ids);
	uy_free(rel.id);
	uy_free(rel.type);
	uy_free(rel.target);
	uy_free(rel.resolved);
	uy_free(w.path);
	if (doc != NULL) {
		xmlFreeDoc(doc);
	}
	return rc;
}

/* qsort order of relationships parts by name (ordinal), for a stable list. */
static int
opc_rels_order(const void *pa, const void *pb)
{
	const uy_part *a = *(const uy_part *const *)pa;
	const uy_part *b = *(const uy_part *const *)pb;

	return strcmp(a->name, b->name);
}

/* ECMA-376-2 §9.3: every relationships part, package-level first. */
static uy_err
opc_load_relationships(uy_pkg *pkg, uy_ctx *ctx)
{
	uy_err rc = UY_OK;
	const uy_part **v = NULL;
	const uy_part *pkg_rels = NULL;
	char *src_name = NULL;
	size_t n = 0;
	size_t total = 0;

	v = uy_calloc(uy_pkg_part_count(pkg) + 1, sizeof(*v));
	UY_ENSURE_OUT(v != NULL, UY_ERR_NOMEM);
	for (size_t i = 0; i < uy_pkg_part_count(pkg); i++) {
		const uy_part *p = uy_pkg_part_at(pkg, i);
		if (!p->is_rels || !opc_is_part(p)) {
			continue;
		}
		if (uy_opc_name_cmp(p->name, "/_rels/.rels") == 0) {
			pkg_rels = pkg_rels != NULL ? pkg_rels : p;
			continue;
		}
		v[n++] = p;
	}
	qsort(v, n, sizeof(*v), opc_rels_order);
	if (pkg_rels == NULL && uy_pkg_find_part(pkg, "/_rels/.rels") == NULL) {
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_MISSING, UY_LOC_NONE,
		    "Pakette /_rels/.rels yok; paket ilişkisi tanımlı değil",
		    "The package has no /_rels/.rels; no package relationship is defined"));
	} else {
		/* Present; when unusable, the zip finding on it says why. */
		UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_OPC_RELS_MISSING));
	}
	if (pkg_rels == NULL && n == 0) {
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_OPC_RELS_MALFORMED, UY_LOC_NONE,
		    "İncelenecek ilişki bölümü yok", "There is no relationships part to examine"));
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_OPC_RELS_TARGET, UY_LOC_NONE,
		    "İncelenecek ilişki bölümü yok", "There is no relationships part to examine"));
		goto done;
	}
	if (pkg_rels != NULL) {
		UY_TRY_OUT(opc_load_rels_part(pkg, ctx, pkg_rels, NULL, &total));
	}
	for (size_t i = 0; i < n; i++) {
		const uy_part *source = NULL;
		uy_free(src_name);
		src_name = opc_rels_source_name(v[i]->name);
		UY_ENSURE_OUT(src_name != NULL, UY_ERR_NOMEM);
		source = src_name[strlen(src_name) - 1] != '/' ? uy_pkg_find_part(pkg, src_name) : NULL;
		if (source == NULL) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_ORPHAN, UY_LOC_PART(v[i]->name),
			    "İlişki bölümünün kaynağı '%s' pakette yok; ilişkileri kullanılmadı",
			    "The source '%s' of the relationships part is not in the package; its "
			    "relationships were not used",
			    src_name));
			continue;
		}
		if (source->is_rels) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_OPC_RELS_MALFORMED, UY_LOC_PART(v[i]->name),
			    "'%s' bir ilişki bölümü; ilişki bölümlerinin ilişkisi olamaz",
			    "'%s' is a relationships part; relationships parts cannot have "
			    "relationships",
			    source->name));
			continue;
		}
		UY_TRY_OUT(opc_load_rels_part(pkg, ctx, v[i], source, &total));
	}
	UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_OPC_RELS_ORPHAN));
done:
	uy_free(src_name);
	uy_free(v);
	return rc;
}

/*
 * Internal to the pkg module, called once by uy_pkg_open after the ZIP
 * entries are judged: checks part names (ECMA-376-2 §9.1.1), sets content
 * types (§10.1.2) and loads every relationship (§9.3) into pkg. Defects are
 * findings in ctx.
 *
 * @return UY_ERR_NOMEM  out of memory (pkg keeps what was loaded; free it)
 */
uy_err
uy_opc__load(uy_pkg *pkg, uy_ctx *ctx)
{
	UY_TRY(opc_check_part_names(pkg, ctx));
	UY_TRY(opc_load_content_types(pkg, ctx));
	return opc_load_relationships(pkg, ctx);
}
