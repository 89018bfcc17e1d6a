/*
 * pkg.c - the ZIP layer of the package reader (libzip 1.7).
 *
 * uy_pkg_open reads the central directory with ZIP_RDONLY | ZIP_CHECKCONS,
 * judges every entry (names, sizes, ratio, encryption, method), reads each
 * usable entry once to check its CRC and its real size against the declared
 * one, then hands over to opc.c for [Content_Types].xml and relationships.
 * Declared sizes are claims: the bytes actually decompressed are counted and
 * reading stops as soon as they pass the declared size or a cap, so a ZIP
 * bomb costs at most one chunk more than the declared size.
 *
 * ZIP references: PKWARE APPNOTE.TXT 6.3.x §4.3.12 (central directory),
 * §4.3.16 (end of central directory), §4.3.15 (ZIP64 locator).
 */
#include "uyum/uy_pkg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <zip.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"

#include "pkg/pkg_internal.h"

/* Findings already recorded for a part, so each is recorded once. */
#define PKG_TOLD_READ 1u  /* zip::entry::unreadable */
#define PKG_TOLD_SIZE 2u  /* zip::limits::entry-size */
#define PKG_TOLD_RATIO 4u /* zip::limits::compression-ratio */
#define PKG_TOLD_CAP 8u   /* zip::limits::entry-size, over the caller's cap */

/* Private state of a part, parallel to uy_pkg.parts. */
typedef struct {
	char *raw;     /* entry name as libzip gives it (raw bytes; NUL shown as space) */
	char *type;    /* owned content type; parts[i].content_type points here */
	uint8_t *data; /* bytes when read whole (cache), owned */
	size_t len;
	int cached;
	int is_dir;
	uy_err fail;   /* sticky input failure: UY_ERR_ZIP_ENTRY or UY_ERR_LIMIT */
	unsigned told; /* PKG_TOLD_* */
	int verified;  /* read to the end once: CRC and real size checked */
} pkg_pstate;

struct uy_pkg {
	zip_t *za;
	uy_part *parts;
	pkg_pstate *ps;
	size_t n_parts;
	const uy_part **sorted; /* non-directory parts ordered by uy_opc_name_cmp */
	size_t n_sorted;
	uy_rel *rels;
	size_t n_rels;
	size_t alloc_rels;
	void *digests; /* owned by digest.c */
};

/* An entry whose raw central-directory name holds a NUL byte. */
typedef struct {
	uint64_t index;
	char *shown; /* the name with NUL bytes replaced by spaces, as libzip shows it */
} pkg_nul_name;

/* ---- names ------------------------------------------------------------ */

/* Length of a valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t
pkg_utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len = 0;
	uint32_t cp = 0;

	if (c < 0x80) {
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (len > n) {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates and values past U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff)) {
		return 0;
	}
	return len;
}

/*
 * A printable copy of n raw name bytes for part names and reports: control
 * bytes and bytes of invalid UTF-8 become "\xNN"; valid UTF-8 is kept.
 */
static char *
pkg_printable(const char *prefix, const char *raw, size_t n)
{
	uy_buf b;
	const unsigned char *s = (const unsigned char *)raw;
	size_t i = 0;

	uy_buf_init(&b, 4u * (size_t)UY_MAX_ZIP_NAME + 64u + n * 4u, 0);
	if (uy_buf_puts(&b, prefix) != UY_OK) {
		return NULL;
	}
	while (i < n) {
		size_t l = pkg_utf8_len(s + i, n - i);
		if (l == 0 || s[i] < 0x20 || s[i] == 0x7f) {
			if (uy_buf_printf(&b, "\\x%02X", (unsigned)s[i]) != UY_OK) {
				return NULL;
			}
			i++;
			continue;
		}
		if (uy_buf_append(&b, s + i, l) != UY_OK) {
			return NULL;
		}
		i += l;
	}
	if (b.len == 0) {
		return uy_strdup("");
	}
	return (char *)uy_buf_take(&b, NULL);
}

/* ASCII lower case, independent of the locale. */
static char
pkg_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Whether the last segment of name ends in ".rels" and the one before is "_rels". */
static int
pkg_is_rels_name(const char *name)
{
	const char *last = strrchr(name, '/');
	const char *suffix = ".rels";
	size_t n = 0;
	size_t folder_len = 0;

	if (last == NULL) {
		return 0;
	}
	n = strlen(last + 1);
	if (n < 5) {
		return 0;
	}
	for (size_t i = 0; i < 5; i++) {
		if (pkg_lower(last[1 + n - 5 + i]) != suffix[i]) {
			return 0;
		}
	}
	/* The folder segment just before must be "_rels". */
	folder_len = (size_t)(last - name);
	if (folder_len < 6 || name[folder_len - 6] != '/') {
		return 0;
	}
	for (size_t i = 0; i < 5; i++) {
		if (pkg_lower(name[folder_len - 5 + i]) != "_rels"[i]) {
			return 0;
		}
	}
	return 1;
}

/* What is unsafe in an entry name (zip-slip and friends), or NULL. */
static const char *
pkg_name_unsafe(const char **why_tr, const char *raw, int has_nul)
{
	size_t n = strlen(raw);

	if (has_nul) {
		*why_tr = "NUL baytı içeriyor";
		return "contains a NUL byte";
	}
	if (n == 0) {
		*why_tr = "boş";
		return "is empty";
	}
	if (raw[0] == '/') {
		*why_tr = "mutlak bir yol ('/' ile başlıyor)";
		return "is an absolute path (starts with '/')";
	}
	if (n >= 2 && raw[1] == ':' && ((raw[0] >= 'A' && raw[0] <= 'Z') ||
	    (raw[0] >= 'a' && raw[0] <= 'z'))) {
		*why_tr = "sürücü harfiyle başlayan mutlak bir yol";
		return "is an absolute path with a drive letter";
	}
	if (strchr(raw, '\\') != NULL) {
		*why_tr = "ters bölü ('\\') içeriyor";
		return "contains a backslash ('\\')";
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)raw[i];
		if (c < 0x20 || c == 0x7f) {
			*why_tr = "denetim karakteri içeriyor";
			return "contains a control character";
		}
	}
	for (const char *seg = raw; seg != NULL;) {
		const char *end = strchr(seg, '/');
		size_t len = end != NULL ? (size_t)(end - seg) : strlen(seg);
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			*why_tr = "'..' kesimi içeriyor (paket dışına çıkabilir)";
			return "has a '..' segment (may leave the package)";
		}
		seg = end != NULL ? end + 1 : NULL;
	}
	return NULL;
}

/* ---- raw central directory: NUL bytes in names ------------------------ */

static uint16_t
pkg_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t
pkg_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	    ((uint32_t)p[3] << 24);
}

static uint64_t
pkg_le64(const uint8_t *p)
{
	return (uint64_t)pkg_le32(p) | ((uint64_t)pkg_le32(p + 4) << 32);
}

/* Read exactly n bytes at off; 0 on success. */
static int
pkg_pread(FILE *fp, uint64_t off, void *buf, size_t n)
{
	if (off > (uint64_t)INT64_MAX || fseeko(fp, (off_t)off, SEEK_SET) != 0) {
		return -1;
	}
	return fread(buf, 1, n, fp) == n ? 0 : -1;
}

static void
pkg_nul_free(pkg_nul_name *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uy_free(v[i].shown);
	}
	uy_free(v);
}

/*
 * libzip 1.7 replaces NUL bytes in entry names by spaces, so a NUL cannot be
 * seen through its API. Walk the central directory once (bounded: at most
 * UY_MAX_ZIP_ENTRIES records, names of at most 65535 bytes) and list the
 * entries whose raw name holds a NUL. Anything odd ends the walk silently:
 * libzip is the judge of the container; this only adds the NUL finding, and
 * only where libzip's name matches (see pkg_entry_has_nul).
 */
static uy_err
pkg_scan_nul_names(pkg_nul_name **out, size_t *n_out, FILE *fp)
{
	uy_err rc = UY_OK;
	uint8_t *tail = NULL;
	uint8_t *name = NULL;
	pkg_nul_name *v = NULL;
	size_t n = 0;
	size_t alloc = 0;
	off_t size = 0;
	size_t tail_len = 0;
	size_t eocd = SIZE_MAX;
	uint64_t entries = 0;
	uint64_t cd_off = 0;
	uint64_t cd_size = 0;
	uint64_t pos = 0;

	*out = NULL;
	*n_out = 0;
	if (fseeko(fp, 0, SEEK_END) != 0) {
		goto done;
	}
	size = ftello(fp);
	if (size < 22) {
		goto done;
	}
	tail_len = (uint64_t)size < 22u + 65535u ? (size_t)size : 22u + 65535u;
	tail = uy_alloc(tail_len);
	name = uy_alloc(65536);
	UY_ENSURE_OUT(tail != NULL && name != NULL, UY_ERR_NOMEM);
	if (pkg_pread(fp, (uint64_t)size - tail_len, tail, tail_len) != 0) {
		goto done;
	}
	/* The EOCD whose comment reaches exactly the end of the file (APPNOTE §4.3.16). */
	for (size_t i = tail_len - 22 + 1; i-- > 0;) {
		if (memcmp(tail + i, "PK\5\6", 4) == 0 && i + 22 + pkg_le16(tail + i + 20) == tail_len) {
			eocd = i;
			break;
		}
	}
	if (eocd == SIZE_MAX) {
		goto done;
	}
	entries = pkg_le16(tail + eocd + 10);
	cd_size = pkg_le32(tail + eocd + 12);
	cd_off = pkg_le32(tail + eocd + 16);
	if (entries == 0xffff || cd_size == 0xffffffffu || cd_off == 0xffffffffu) {
		/* ZIP64: locator just before the EOCD (APPNOTE §4.3.15, §4.3.14). */
		uint8_t rec[56];
		uint64_t loc = (uint64_t)size - tail_len + eocd;
		if (loc < 20 || pkg_pread(fp, loc - 20, rec, 20) != 0 ||
		    memcmp(rec, "PK\6\7", 4) != 0) {
			goto done;
		}
		if (pkg_pread(fp, pkg_le64(rec + 8), rec, 56) != 0 || memcmp(rec, "PK\6\6", 4) != 0) {
			goto done;
		}
		entries = pkg_le64(rec + 32);
		cd_size = pkg_le64(rec + 40);
		cd_off = pkg_le64(rec + 48);
	}
	if (entries > UY_MAX_ZIP_ENTRIES) {
		entries = UY_MAX_ZIP_ENTRIES;
	}
	pos = cd_off;
	for (uint64_t i = 0; i < entries; i++) {
		uint8_t hdr[46];
		size_t name_len = 0;
		if (pos - cd_off > cd_size || pkg_pread(fp, pos, hdr, sizeof(hdr)) != 0 ||
		    memcmp(hdr, "PK\1\2", 4) != 0) {
			break;
		}
		name_len = pkg_le16(hdr + 28);
		if (pkg_pread(fp, pos + 46, name, name_len) != 0) {
			break;
		}
		pos += 46u + name_len + pkg_le16(hdr + 30) + pkg_le16(hdr + 32);
		if (memchr(name, 0, name_len) == NULL) {
			continue;
		}
		if (n == alloc) {
			size_t na = alloc == 0 ? 4 : alloc * 2;
			pkg_nul_name *nv = uy_realloc(v, na * sizeof(*nv));
			UY_ENSURE_OUT(nv != NULL, UY_ERR_NOMEM);
			v = nv;
			alloc = na;
		}
		for (size_t k = 0; k < name_len; k++) {
			name[k] = name[k] == 0 ? ' ' : name[k];
		}
		v[n].index = i;
		v[n].shown = uy_strndup((const char *)name, name_len);
		UY_ENSURE_OUT(v[n].shown != NULL, UY_ERR_NOMEM);
		n++;
	}
	*out = v;
	*n_out = n;
	v = NULL; /* now owned by caller */
	n = 0;
done:
	pkg_nul_free(v, n);
	uy_free(tail);
	uy_free(name);
	return rc;
}

/* Whether entry i had a NUL in its raw name and libzip shows that same name. */
static int
pkg_entry_has_nul(const pkg_nul_name *v, size_t n, uint64_t i, const char *shown)
{
	for (size_t k = 0; k < n; k++) {
		if (v[k].index == i && strcmp(v[k].shown, shown) == 0) {
			return 1;
		}
	}
	return 0;
}

/* ---- opening ---------------------------------------------------------- */

/* Order of part pointers by OPC equivalence, then by ZIP index (deterministic). */
static int
pkg_sorted_order(const void *pa, const void *pb)
{
	const uy_part *a = *(const uy_part *const *)pa;
	const uy_part *b = *(const uy_part *const *)pb;
	int c = uy_opc_name_cmp(a->name, b->name);

	if (c != 0) {
		return c;
	}
	return a->zip_index < b->zip_index ? -1 : (a->zip_index > b->zip_index ? 1 : 0);
}

/* Judge one entry: names, method, encryption, declared sizes and ratio. */
static uy_err
pkg_judge_entry(uy_pkg *pkg, uy_ctx *ctx, size_t i, const zip_stat_t *st, int has_nul,
    uint64_t *total)
{
	uy_part *p = &pkg->parts[i];
	pkg_pstate *s = &pkg->ps[i];
	uy_loc loc = UY_LOC_PART(p->name);
	const char *why_tr = NULL;
	const char *why = NULL;
	size_t raw_len = strlen(s->raw);

	if (raw_len > UY_MAX_ZIP_NAME) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_NAME_LONG, loc,
		    "Girdi adı %zu bayt; sınır %u bayt", "The entry name is %zu bytes; the limit is %u bytes",
		    raw_len, (unsigned)UY_MAX_ZIP_NAME));
		p->usable = 0;
	}
	why = pkg_name_unsafe(&why_tr, s->raw, has_nul);
	if (why != NULL) {
		/* Both formats consume the same arguments; "%.0s" skips the other language. */
		UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_NAME_UNSAFE, loc, "'%s' girdi adı %s%.0s",
		    "The entry name '%s' %.0s%s", p->name + 1, why_tr, why));
		p->usable = 0;
	}
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st->encryption_method != ZIP_EM_NONE) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_ENCRYPTED, loc,
		    "Girdi şifrelenmiş (yöntem 0x%04X); içeriği okunamaz",
		    "The entry is encrypted (method 0x%04X); its content cannot be read",
		    (unsigned)st->encryption_method));
		p->usable = 0;
	}
	if (p->method != ZIP_CM_STORE && p->method != ZIP_CM_DEFLATE) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_METHOD, loc,
		    "Sıkıştırma yöntemi %u; yalnızca 0 (Stored) ve 8 (Deflate) geçerlidir",
		    "Compression method %u; only 0 (Stored) and 8 (Deflate) are allowed",
		    (unsigned)p->method));
		p->usable = 0;
	}
	if (p->size > UY_MAX_ZIP_ENTRY_UNCOMPRESSED) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_ENTRY_SIZE, loc,
		    "Beyan edilen açılmış boyut %llu bayt; girdi başına sınır %llu bayt",
		    "The declared uncompressed size is %llu bytes; the per-entry limit is %llu bytes",
		    (unsigned long long)p->size, (unsigned long long)UY_MAX_ZIP_ENTRY_UNCOMPRESSED));
		s->told |= PKG_TOLD_SIZE;
		p->usable = 0;
	}
	if (p->size > UY_ZIP_RATIO_MIN_SIZE &&
	    (p->comp_size == 0 || p->size / p->comp_size > UY_MAX_ZIP_RATIO)) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_RATIO, loc,
		    "Beyan edilen boyutlar %llu / %llu bayt: oran %u:1 sınırının üstünde",
		    "Declared sizes %llu / %llu bytes: the ratio is above the %u:1 limit",
		    (unsigned long long)p->size, (unsigned long long)p->comp_size,
		    (unsigned)UY_MAX_ZIP_RATIO));
		s->told |= PKG_TOLD_RATIO;
		p->usable = 0;
	}
	/* Saturating sum: a hostile directory may claim sizes near 2^64. */
	*total = p->size > UINT64_MAX - *total ? UINT64_MAX : *total + p->size;
	if (*total > UY_MAX_ZIP_TOTAL_UNCOMPRESSED && p->usable) {
		/* Entries from the one that passes the total on are not read. */
		p->usable = 0;
	}
	return UY_OK;
}

/* Flag every member of a group of equivalent names; all become unusable. */
static uy_err
pkg_judge_duplicates(uy_pkg *pkg, uy_ctx *ctx)
{
	for (size_t k = 1; k < pkg->n_sorted; k++) {
		uy_part *first = NULL;
		uy_part *p = (uy_part *)pkg->sorted[k];
		size_t j = k;
		if (uy_opc_name_cmp(pkg->sorted[k - 1]->name, p->name) != 0) {
			continue;
		}
		while (j > 0 && uy_opc_name_cmp(pkg->sorted[j - 1]->name, p->name) == 0) {
			j--;
		}
		first = (uy_part *)pkg->sorted[j];
		if (strcmp(first->name, p->name) == 0) {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_NAME_DUPLICATE, UY_LOC_PART(p->name),
			    "'%s' adlı girdi pakette birden çok kez var (ZIP dizin sırası %llu ve %llu)",
			    "The entry '%s' occurs more than once (ZIP index %llu and %llu)",
			    p->name + 1, (unsigned long long)first->zip_index,
			    (unsigned long long)p->zip_index));
		} else {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_NAME_DUPLICATE, UY_LOC_PART(p->name),
			    "'%s' girdisi '%s' ile OPC'ye göre eşdeğer (büyük/küçük harf duyarsız, "
			    "ECMA-376-2 §9.1.1.2)",
			    "The entry '%s' is equivalent to '%s' under OPC (case-insensitive, "
			    "ECMA-376-2 §9.1.1.2)",
			    p->name + 1, first->name + 1));
		}
		/* Readers disagree on which copy wins: read neither. */
		first->usable = 0;
		p->usable = 0;
	}
	return UY_OK;
}

/* Callback that only lets the bytes be counted. */
static uy_err
pkg_discard_chunk(const uint8_t *data, size_t len, void *payload)
{
	return UY_OK;
}

/* Map a libzip error code to uyum's operational errors, UY_OK for input defects. */
static uy_err
pkg_zip_operational(int ze)
{
	switch (ze) {
	case ZIP_ER_MEMORY:
		return UY_ERR_NOMEM;
	case ZIP_ER_OPEN:
	case ZIP_ER_READ:
	case ZIP_ER_SEEK:
	case ZIP_ER_TELL:
	case ZIP_ER_TMPOPEN:
		return UY_ERR_IO;
	default:
		return UY_OK;
	}
}

/*
 * Collect the entries, judge them, read each usable one once, then OPC.
 *
 * *= eyazisma-packages.md §2.1
 * *# Skip unknown extra fields (verified on the sample packages).
 * *# Read via the central directory; never scan for `PK\x03\x04`
 * Extra fields are never looked at; entries come from libzip's central
 * directory, and pkg_scan_nul_names walks that directory too.
 */
static uy_err
pkg_load(uy_pkg *pkg, uy_ctx *ctx, const pkg_nul_name *nul, size_t n_nul, int dup_in_cd)
{
	/* The container checks this function evaluates for every package it opens. */
	static const uy_check_id evaluated[] = {
		UY_CK_ZIP_UNREADABLE, UY_CK_ZIP_ENTRY_COUNT, UY_CK_ZIP_TOTAL_SIZE,
		UY_CK_ZIP_ENTRY_SIZE, UY_CK_ZIP_RATIO, UY_CK_ZIP_NAME_UNSAFE, UY_CK_ZIP_NAME_LONG,
		UY_CK_ZIP_NAME_DUPLICATE, UY_CK_ZIP_ENCRYPTED, UY_CK_ZIP_METHOD,
		UY_CK_ZIP_ENTRY_UNREADABLE,
	};
	zip_int64_t n = zip_get_num_entries(pkg->za, 0);
	uint64_t total = 0;
	size_t count = 0;

	UY_ENSURE(n >= 0, UY_ERR_INTERNAL);
	count = (size_t)n;
	if ((uint64_t)n > UY_MAX_ZIP_ENTRIES) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_ENTRY_COUNT, UY_LOC_NONE,
		    "ZIP merkezi dizininde %lld girdi var; sınır %u. Yalnızca ilk %u girdi incelendi",
		    "The ZIP central directory lists %lld entries; the limit is %u. Only the first %u "
		    "were examined",
		    (long long)n, (unsigned)UY_MAX_ZIP_ENTRIES, (unsigned)UY_MAX_ZIP_ENTRIES));
		count = UY_MAX_ZIP_ENTRIES;
	}
	pkg->parts = uy_calloc(count, sizeof(*pkg->parts));
	pkg->ps = uy_calloc(count, sizeof(*pkg->ps));
	pkg->sorted = uy_calloc(count, sizeof(*pkg->sorted));
	UY_ENSURE(pkg->parts != NULL && pkg->ps != NULL && pkg->sorted != NULL, UY_ERR_NOMEM);
	for (size_t i = 0; i < count; i++) {
		zip_stat_t st;
		const char *raw = NULL;
		uy_part *p = &pkg->parts[i];
		pkg_pstate *s = &pkg->ps[i];
		size_t raw_len = 0;

		pkg->n_parts = i + 1;
		zip_stat_init(&st);
		raw = zip_get_name(pkg->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		if (raw == NULL || zip_stat_index(pkg->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW, &st) != 0) {
			UY_TRY(pkg_zip_operational(zip_error_code_zip(zip_get_error(pkg->za))));
			raw = "";
		}
		raw_len = strlen(raw);
		s->raw = uy_strdup(raw);
		p->name = pkg_printable("/", raw, raw_len);
		UY_ENSURE(s->raw != NULL && p->name != NULL, UY_ERR_NOMEM);
		p->zip_index = (uint64_t)i;
		p->size = (st.valid & ZIP_STAT_SIZE) != 0 ? st.size : 0;
		p->comp_size = (st.valid & ZIP_STAT_COMP_SIZE) != 0 ? st.comp_size : 0;
		p->method = (st.valid & ZIP_STAT_COMP_METHOD) != 0 ? st.comp_method : 0;
		p->usable = 1;
		s->is_dir = raw_len > 0 && raw[raw_len - 1] == '/';
		UY_TRY(pkg_judge_entry(pkg, ctx, i, &st, pkg_entry_has_nul(nul, n_nul, i, raw), &total));
		if (s->is_dir) {
			/* Folders are not parts (ECMA-376-2 Annex C): never read or typed. */
			p->usable = 0;
			continue;
		}
		p->is_content_types = uy_opc_name_cmp(p->name, "/[Content_Types].xml") == 0;
		p->is_rels = pkg_is_rels_name(p->name);
		pkg->sorted[pkg->n_sorted++] = p;
	}
	if (total > UY_MAX_ZIP_TOTAL_UNCOMPRESSED) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_TOTAL_SIZE, UY_LOC_NONE,
		    "Beyan edilen açılmış boyutların toplamı en az %llu bayt; sınır %llu bayt. Sınırı "
		    "aşan girdi ve ondan sonrakiler okunmadı",
		    "The declared uncompressed sizes add up to at least %llu bytes; the limit is %llu "
		    "bytes. Entries from the one that passes the limit on were not read",
		    (unsigned long long)total, (unsigned long long)UY_MAX_ZIP_TOTAL_UNCOMPRESSED));
	}
	qsort(pkg->sorted, pkg->n_sorted, sizeof(*pkg->sorted), pkg_sorted_order);
	UY_TRY(pkg_judge_duplicates(pkg, ctx));
	if (dup_in_cd && !uy_ctx_has_failed(ctx, UY_CK_ZIP_NAME_DUPLICATE)) {
		/* libzip saw a duplicate that our listing (first UY_MAX_ZIP_ENTRIES) did not. */
		UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_NAME_DUPLICATE, UY_LOC_NONE,
		    "ZIP merkezi dizininde aynı ad iki kez geçiyor",
		    "The ZIP central directory lists the same name twice"));
	}
	/*
	 * The CRC and real size of every entry are checked as the rules read
	 * it (one pass per part); uy_pkg_verify_unread() reads what they did
	 * not, so these checks are complete when the package is judged.
	 */
	for (size_t k = 0; k < sizeof(evaluated) / sizeof(evaluated[0]); k++) {
		UY_TRY(uy_ctx_pass(ctx, evaluated[k]));
	}
	return uy_opc__load(pkg, ctx);
}

/*
 * Open the ZIP in fp (taken over: closed in every case) and load it. A ZIP
 * libzip refuses is a finding, *out NULL, UY_OK.
 */
static uy_err
pkg_open_fp(uy_pkg **out, uy_ctx *ctx, FILE *fp)
{
	uy_err rc = UY_OK;
	uy_pkg *pkg = NULL;
	zip_source_t *src = NULL;
	zip_error_t zerr;
	pkg_nul_name *nul = NULL;
	size_t n_nul = 0;
	int dup_in_cd = 0;
	int ze = 0;

	zip_error_init(&zerr);
	*out = NULL;
	rc = pkg_scan_nul_names(&nul, &n_nul, fp);
	if (rc != UY_OK) {
		fclose(fp);
		goto done;
	}
	src = zip_source_filep_create(fp, 0, -1, &zerr);
	if (src == NULL) {
		fclose(fp);
		rc = zip_error_code_zip(&zerr) == ZIP_ER_MEMORY ? UY_ERR_NOMEM : UY_ERR_IO;
		goto done;
	}
	/* From here the source owns fp. */
	pkg = uy_alloc(sizeof(*pkg));
	UY_ENSURE_OUT(pkg != NULL, UY_ERR_NOMEM);
	pkg->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	ze = zip_error_code_zip(&zerr);
	if (pkg->za == NULL && ze == ZIP_ER_EXISTS) {
		/*
		 * libzip refuses a central directory with two equal names under
		 * ZIP_CHECKCONS. Open it again without, so the duplicate is named
		 * and the rest of the package is still judged.
		 */
		zip_error_fini(&zerr);
		zip_error_init(&zerr);
		dup_in_cd = 1;
		pkg->za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
		ze = zip_error_code_zip(&zerr);
	}
	if (pkg->za == NULL) {
		rc = pkg_zip_operational(ze);
		if (rc == UY_OK) {
			rc = uy_ctx_fail(ctx, UY_CK_ZIP_UNREADABLE, UY_LOC_NONE,
			    "ZIP arşivi açılamadı: %s (libzip)", "The ZIP archive cannot be opened: %s (libzip)",
			    zip_error_strerror(&zerr));
		}
		goto done;
	}
	src = NULL; /* now owned by pkg->za */
	UY_TRY_OUT(pkg_load(pkg, ctx, nul, n_nul, dup_in_cd));
	*out = pkg;
	pkg = NULL; /* now owned by caller */
done:
	if (src != NULL) {
		zip_source_free(src);
	}
	uy_pkg_free(pkg);
	pkg_nul_free(nul, n_nul);
	zip_error_fini(&zerr);
	return rc;
}

/* see uy_pkg.h */
uy_err
uy_pkg_open(uy_pkg **out, uy_ctx *ctx, const char *path)
{
	FILE *fp = NULL;
	struct stat sb;

	UY_ASSERT_ARG(out != NULL && ctx != NULL && path != NULL);
	*out = NULL;
	fp = fopen(path, "rb");
	if (fp == NULL) {
		return UY_ERROR(UY_ERR_IO, "cannot open %s: %s", path, strerror(errno));
	}
	if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		fclose(fp);
		return UY_ERROR(UY_ERR_IO, "%s is not a regular file", path);
	}
	return pkg_open_fp(out, ctx, fp);
}

/* Payload of pkg_copy_chunk: the temporary file being filled. */
static uy_err
pkg_copy_chunk(const uint8_t *data, size_t len, void *payload)
{
	FILE *fp = payload;

	if (fwrite(data, 1, len, fp) != len) {
		return UY_ERROR(UY_ERR_IO, "cannot write the temporary file: %s", strerror(errno));
	}
	return UY_OK;
}

/* see uy_pkg.h */
uy_err
uy_pkg_open_part(uy_pkg **out, uy_ctx *ctx, uy_pkg *outer, const uy_part *part)
{
	uy_err rc = UY_OK;
	FILE *fp = NULL;

	UY_ASSERT_ARG(out != NULL && ctx != NULL && outer != NULL && part != NULL);
	*out = NULL;
	fp = tmpfile();
	if (fp == NULL) {
		return UY_ERROR(UY_ERR_IO, "cannot create a temporary file: %s", strerror(errno));
	}
	rc = uy_pkg_stream_part(outer, ctx, part, pkg_copy_chunk, fp);
	if (rc == UY_ERR_ZIP_ENTRY || rc == UY_ERR_LIMIT) {
		/* The part itself cannot be read (finding recorded): no inner package. */
		rc = uy_ctx_fail(ctx, UY_CK_ZIP_UNREADABLE, UY_LOC_PART(part->name),
		    "İç paket okunamadı: %s bölümü okunamıyor",
		    "The inner package cannot be read: the part %s cannot be read", part->name);
		goto done;
	}
	UY_TRY_OUT(rc);
	if (fflush(fp) != 0) {
		rc = UY_ERROR(UY_ERR_IO, "cannot write the temporary file: %s", strerror(errno));
		goto done;
	}
	rc = pkg_open_fp(out, ctx, fp);
	fp = NULL; /* taken over by pkg_open_fp */
done:
	if (fp != NULL) {
		fclose(fp);
	}
	return rc;
}

/* see uy_pkg.h */
void
uy_pkg_free(uy_pkg *pkg)
{
	if (pkg == NULL) {
		return;
	}
	if (pkg->za != NULL) {
		zip_discard(pkg->za);
	}
	for (size_t i = 0; i < pkg->n_parts; i++) {
		uy_free(pkg->parts[i].name);
		uy_free(pkg->ps[i].raw);
		uy_free(pkg->ps[i].type);
		uy_free(pkg->ps[i].data);
	}
	for (size_t i = 0; i < pkg->n_rels; i++) {
		uy_free(pkg->rels[i].id);
		uy_free(pkg->rels[i].type);
		uy_free(pkg->rels[i].target);
		uy_free(pkg->rels[i].resolved);
	}
	uy_pkg__digest_state_free(pkg->digests);
	uy_free(pkg->rels);
	uy_free(pkg->sorted);
	uy_free(pkg->parts);
	uy_free(pkg->ps);
	uy_free(pkg);
}

/* ---- accessors -------------------------------------------------------- */

/* see uy_pkg.h */
size_t
uy_pkg_part_count(const uy_pkg *pkg)
{
	return pkg != NULL ? pkg->n_parts : 0;
}

/* see uy_pkg.h */
const uy_part *
uy_pkg_part_at(const uy_pkg *pkg, size_t i)
{
	if (pkg == NULL || i >= pkg->n_parts) {
		return NULL;
	}
	return &pkg->parts[i];
}

/* bsearch comparator: key is a name, element a part pointer. */
static int
pkg_find_order(const void *key, const void *elem)
{
	return uy_opc_name_cmp(key, (*(const uy_part *const *)elem)->name);
}

/* see uy_pkg.h */
const uy_part *
uy_pkg_find_part(const uy_pkg *pkg, const char *name)
{
	const uy_part *const *hit = NULL;

	if (pkg == NULL || name == NULL || pkg->n_sorted == 0) {
		return NULL;
	}
	hit = bsearch(name, pkg->sorted, pkg->n_sorted, sizeof(*pkg->sorted), pkg_find_order);
	if (hit == NULL) {
		return NULL;
	}
	/* Several equivalent names: return the first in ZIP order. */
	while (hit > pkg->sorted && uy_opc_name_cmp(name, hit[-1]->name) == 0) {
		hit--;
	}
	return *hit;
}

/* see uy_pkg.h */
size_t
uy_pkg_rel_count(const uy_pkg *pkg)
{
	return pkg != NULL ? pkg->n_rels : 0;
}

/* see uy_pkg.h */
const uy_rel *
uy_pkg_rel_at(const uy_pkg *pkg, size_t i)
{
	if (pkg == NULL || i >= pkg->n_rels) {
		return NULL;
	}
	return &pkg->rels[i];
}

/* Index of a part of pkg, or SIZE_MAX when part does not belong to pkg. */
static size_t
pkg_index_of(const uy_pkg *pkg, const uy_part *part)
{
	if (pkg->n_parts == 0 || part < pkg->parts || part >= pkg->parts + pkg->n_parts) {
		return SIZE_MAX;
	}
	return (size_t)(part - pkg->parts);
}

/* ---- reading ---------------------------------------------------------- */

/* see uy_pkg.h */
uy_err
uy_pkg_stream_part(uy_pkg *pkg, uy_ctx *ctx, const uy_part *part, uy_pkg_chunk_cb cb,
    void *payload)
{
	uy_err rc = UY_OK;
	zip_file_t *zf = NULL;
	uint8_t *buf = NULL;
	pkg_pstate *s = NULL;
	uy_loc loc = UY_LOC_NONE;
	uint64_t got = 0;
	size_t i = 0;

	UY_ASSERT_ARG(pkg != NULL && ctx != NULL && part != NULL && cb != NULL);
	i = pkg_index_of(pkg, part);
	UY_ASSERT_ARG(i != SIZE_MAX);
	s = &pkg->ps[i];
	loc = UY_LOC_PART(part->name);
	if (s->cached) {
		for (size_t off = 0; off < s->len; off += UY_STREAM_CHUNK) {
			size_t n = s->len - off < UY_STREAM_CHUNK ? s->len - off : UY_STREAM_CHUNK;
			UY_TRY(cb(s->data + off, n, payload));
		}
		return UY_OK;
	}
	if (!part->usable) {
		/* The container finding (name, limit, encryption, method) says why. */
		return UY_ERR_ZIP_ENTRY;
	}
	if (s->fail != UY_OK) {
		return s->fail;
	}
	buf = uy_alloc(UY_STREAM_CHUNK);
	UY_ENSURE_OUT(buf != NULL, UY_ERR_NOMEM);
	zf = zip_fopen_index(pkg->za, part->zip_index, 0);
	if (zf == NULL) {
		zip_error_t *ze = zip_get_error(pkg->za);
		UY_ENSURE_OUT(zip_error_code_zip(ze) != ZIP_ER_MEMORY, UY_ERR_NOMEM);
		s->fail = UY_ERR_ZIP_ENTRY;
		if ((s->told & PKG_TOLD_READ) == 0) {
			s->told |= PKG_TOLD_READ;
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_ZIP_ENTRY_UNREADABLE, loc,
			    "Girdi açılamadı: %s (libzip)", "The entry cannot be opened: %s (libzip)",
			    zip_error_strerror(ze)));
		}
		rc = UY_ERR_ZIP_ENTRY;
		goto done;
	}
	for (;;) {
		zip_int64_t n = zip_fread(zf, buf, UY_STREAM_CHUNK);
		if (n < 0) {
			zip_error_t *ze = zip_file_get_error(zf);
			UY_ENSURE_OUT(zip_error_code_zip(ze) != ZIP_ER_MEMORY, UY_ERR_NOMEM);
			if (zip_error_code_zip(ze) == ZIP_ER_INCONS && got < part->size) {
				/* libzip's end-of-data check: fewer bytes than declared. */
				s->fail = UY_ERR_LIMIT;
				if ((s->told & PKG_TOLD_SIZE) == 0) {
					s->told |= PKG_TOLD_SIZE;
					UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_ZIP_ENTRY_SIZE, loc,
					    "Girdide beyan edilen %llu bayt yerine yalnızca %llu bayt var (libzip: %s)",
					    "Instead of the declared %llu bytes, the entry has only %llu (libzip: "
					    "%s)",
					    (unsigned long long)part->size, (unsigned long long)got,
					    zip_error_strerror(ze)));
				}
				rc = UY_ERR_LIMIT;
				goto done;
			}
			s->fail = UY_ERR_ZIP_ENTRY;
			if ((s->told & PKG_TOLD_READ) == 0) {
				s->told |= PKG_TOLD_READ;
				UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_ZIP_ENTRY_UNREADABLE, loc,
				    "Girdi %llu bayttan sonra okunamadı: %s (libzip)",
				    "The entry cannot be read after %llu bytes: %s (libzip)",
				    (unsigned long long)got, zip_error_strerror(ze)));
			}
			rc = UY_ERR_ZIP_ENTRY;
			goto done;
		}
		if (n == 0) {
			break;
		}
		got += (uint64_t)n;
		if (got > part->size || got > UY_MAX_ZIP_ENTRY_UNCOMPRESSED) {
			/* Declared sizes are claims; stop at the first chunk past them. */
			s->fail = UY_ERR_LIMIT;
			if ((s->told & PKG_TOLD_SIZE) == 0) {
				s->told |= PKG_TOLD_SIZE;
				UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_ZIP_ENTRY_SIZE, loc,
				    "Girdi beyan edilen %llu bayttan uzun (en az %llu bayt açıldı); okuma "
				    "durduruldu",
				    "The entry is longer than its declared %llu bytes (at least %llu bytes "
				    "decompressed); reading stopped",
				    (unsigned long long)part->size, (unsigned long long)got));
			}
			rc = UY_ERR_LIMIT;
			goto done;
		}
		if (got > UY_ZIP_RATIO_MIN_SIZE &&
		    (part->comp_size == 0 || got / part->comp_size > UY_MAX_ZIP_RATIO)) {
			s->fail = UY_ERR_LIMIT;
			if ((s->told & PKG_TOLD_RATIO) == 0) {
				s->told |= PKG_TOLD_RATIO;
				UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_ZIP_RATIO, loc,
				    "En az %llu bayt açıldı (%llu sıkıştırılmış bayttan): oran %u:1 "
				    "sınırının üstünde; okuma durduruldu",
				    "At least %llu bytes decompressed from %llu compressed bytes: the ratio "
				    "is above the %u:1 limit; reading stopped",
				    (unsigned long long)got, (unsigned long long)part->comp_size,
				    (unsigned)UY_MAX_ZIP_RATIO));
			}
			rc = UY_ERR_LIMIT;
			goto done;
		}
		UY_TRY_OUT(cb(buf, (size_t)n, payload));
	}
	if (got == part->size) {
		s->verified = 1;
	} else {
		s->fail = UY_ERR_LIMIT;
		if ((s->told & PKG_TOLD_SIZE) == 0) {
			s->told |= PKG_TOLD_SIZE;
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_ZIP_ENTRY_SIZE, loc,
			    "Girdide beyan edilen %llu bayt yerine %llu bayt var",
			    "Instead of the declared %llu bytes, the entry has %llu",
			    (unsigned long long)part->size, (unsigned long long)got));
		}
		rc = UY_ERR_LIMIT;
		goto done;
	}
done:
	if (zf != NULL) {
		zip_fclose(zf);
	}
	uy_free(buf);
	return rc;
}

/* see uy_pkg.h */
uy_err
uy_pkg_verify_unread(uy_pkg *pkg, uy_ctx *ctx)
{
	UY_ASSERT_ARG(pkg != NULL && ctx != NULL);
	for (size_t i = 0; i < pkg->n_parts; i++) {
		uy_err rc = UY_OK;
		if (!pkg->parts[i].usable || pkg->ps[i].verified || pkg->ps[i].cached ||
		    pkg->ps[i].fail != UY_OK) {
			continue;
		}
		rc = uy_pkg_stream_part(pkg, ctx, &pkg->parts[i], pkg_discard_chunk, NULL);
		if (rc != UY_OK && rc != UY_ERR_ZIP_ENTRY && rc != UY_ERR_LIMIT) {
			return rc;
		}
	}
	return UY_OK;
}

/* Payload of pkg_collect_chunk: the buffer that receives the whole part. */
static uy_err
pkg_collect_chunk(const uint8_t *data, size_t len, void *payload)
{
	return uy_buf_append(payload, data, len);
}

/* see uy_pkg.h */
uy_err
uy_pkg_read_part(uy_pkg *pkg, uy_ctx *ctx, const uy_part *part, uint64_t cap, uy_span *out)
{
	uy_err rc = UY_OK;
	pkg_pstate *s = NULL;
	uy_buf b;
	size_t i = 0;
	size_t bcap = 0;

	UY_ASSERT_ARG(pkg != NULL && ctx != NULL && part != NULL && out != NULL);
	i = pkg_index_of(pkg, part);
	UY_ASSERT_ARG(i != SIZE_MAX);
	s = &pkg->ps[i];
	out->ptr = NULL;
	out->len = 0;
	uy_buf_init(&b, 0, 0);
	if (!s->cached && (!part->usable || s->fail != UY_OK)) {
		return part->usable ? s->fail : UY_ERR_ZIP_ENTRY;
	}
	if ((s->cached && s->len > cap) || (!s->cached && part->size > cap)) {
		if ((s->told & PKG_TOLD_CAP) == 0) {
			s->told |= PKG_TOLD_CAP;
			UY_TRY(uy_ctx_fail(ctx, UY_CK_ZIP_ENTRY_SIZE, UY_LOC_PART(part->name),
			    "Bölüm %llu bayt; bu tür bölümler için sınır %llu bayt, bölüm incelenmedi",
			    "The part is %llu bytes; the limit for this kind of part is %llu bytes, so it "
			    "was not examined",
			    (unsigned long long)(s->cached ? s->len : part->size),
			    (unsigned long long)cap));
		}
		return UY_ERR_LIMIT;
	}
	if (!s->cached) {
		/* part->size <= cap here; the stream stops past the declared size. */
		bcap = part->size > (uint64_t)SIZE_MAX - 1 ? SIZE_MAX - 1 : (size_t)part->size;
		uy_buf_init(&b, bcap, 0);
		rc = uy_pkg_stream_part(pkg, ctx, part, pkg_collect_chunk, &b);
		if (rc == UY_ERR_LIMIT && s->fail == UY_OK) {
			/* Only the buffer cap can say this; the stream would have set fail. */
			rc = UY_ERR_INTERNAL;
		}
		UY_TRY_OUT(rc);
		s->len = b.len;
		s->data = uy_buf_take(&b, NULL);
		s->cached = 1;
	}
	out->ptr = s->data;
	out->len = s->len;
done:
	uy_buf_dispose(&b);
	return rc;
}

/* ---- internals for opc.c and digest.c --------------------------------- */

/*
 * Internal to the pkg module (opc.c): set the content type of part i.
 *
 * @param i     index below uy_pkg_part_count(pkg).
 * @param type  media type from [Content_Types].xml; copied.
 * @return UY_ERR_NOMEM  out of memory (the part keeps its previous type)
 */
uy_err
uy_pkg__set_content_type(uy_pkg *pkg, size_t i, const char *type)
{
	char *t = NULL;

	UY_ASSERT_ARG(pkg != NULL && i < pkg->n_parts && type != NULL);
	t = uy_strdup(type);
	UY_ENSURE(t != NULL, UY_ERR_NOMEM);
	uy_free(pkg->ps[i].type);
	pkg->ps[i].type = t;
	pkg->parts[i].content_type = t;
	return UY_OK;
}

/*
 * Internal to the pkg module (opc.c): append a relationship to the list.
 *
 * @param rel  id, type and target non-NULL; all strings are copied, the part
 *             pointers (source, rels_part, target_part) must point into pkg.
 * @return UY_ERR_NOMEM  out of memory (the entry is kept with NULL strings
 *                       freed by uy_pkg_free; the caller gives up on pkg)
 */
uy_err
uy_pkg__add_rel(uy_pkg *pkg, const uy_rel *rel)
{
	uy_rel *r = NULL;

	UY_ASSERT_ARG(pkg != NULL && rel != NULL && rel->id != NULL && rel->type != NULL &&
	    rel->target != NULL);
	if (pkg->n_rels == pkg->alloc_rels) {
		size_t n = pkg->alloc_rels == 0 ? 16 : pkg->alloc_rels * 2;
		uy_rel *nr = uy_realloc(pkg->rels, n * sizeof(*nr));
		UY_ENSURE(nr != NULL, UY_ERR_NOMEM);
		pkg->rels = nr;
		pkg->alloc_rels = n;
	}
	r = &pkg->rels[pkg->n_rels];
	*r = *rel;
	r->id = uy_strdup(rel->id);
	r->type = uy_strdup(rel->type);
	r->target = uy_strdup(rel->target);
	r->resolved = rel->resolved != NULL ? uy_strdup(rel->resolved) : NULL;
	pkg->n_rels++;
	if (r->id == NULL || r->type == NULL || r->target == NULL ||
	    (rel->resolved != NULL && r->resolved == NULL)) {
		return UY_ERR_NOMEM;
	}
	return UY_OK;
}

/* Internal (digest.c): the digest state, borrowed; NULL until digest.c makes one. */
void *
uy_pkg__digest_state(const uy_pkg *pkg)
{
	return pkg->digests;
}

/* Internal (digest.c): hand the digest state over to pkg; uy_pkg_free releases it. */
void
uy_pkg__set_digest_state(uy_pkg *pkg, void *state)
{
	pkg->digests = state;
}
