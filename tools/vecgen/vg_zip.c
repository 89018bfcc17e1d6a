/* uy-vecgen: the in-memory entry list and the two ZIP writers; see vg.h. */
#include "vg.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <zip.h>

#include "uyum/uy_alloc.h"

/* Every entry gets this modification time: 2021-02-15 12:39:00 UTC, the
 * samples' own date, so vectors are byte-reproducible. */
#define VG_MTIME ((time_t)1613392740)
/* DOS date/time of VG_MTIME for the raw writer (1980-based fields). */
#define VG_DOS_TIME ((uint16_t)((12u << 11) | (39u << 5) | 0u))
#define VG_DOS_DATE ((uint16_t)(((2021u - 1980u) << 9) | (2u << 5) | 15u))
/* Password of VG_E_ENCRYPT entries. */
#define VG_ZIP_PASSWORD "uyum"

/* see vg.h */
void
vg_pkg_dispose(vg_pkg *p)
{
	if (p == NULL) {
		return;
	}
	for (size_t i = 0; i < p->n; i++) {
		uy_free(p->e[i].name);
		uy_free(p->e[i].data);
	}
	uy_free(p->e);
	memset(p, 0, sizeof(*p));
}

/* Make room for one more entry. */
static uy_err
zip_grow(vg_pkg *p)
{
	if (p->n < p->alloc) {
		return UY_OK;
	}
	size_t na = p->alloc == 0 ? 32 : p->alloc * 2;
	vg_entry *ne = uy_realloc(p->e, na * sizeof(*ne));
	UY_ENSURE(ne != NULL, UY_ERR_NOMEM);
	memset(ne + p->alloc, 0, (na - p->alloc) * sizeof(*ne));
	p->e = ne;
	p->alloc = na;
	return UY_OK;
}

/* see vg.h */
uy_err
vg_append(vg_pkg *p, const char *name, const void *data, size_t len, uint16_t method)
{
	UY_TRY(zip_grow(p));
	vg_entry *e = &p->e[p->n];
	memset(e, 0, sizeof(*e));
	e->name = uy_strdup(name);
	e->data = uy_alloc(len);
	if (e->name == NULL || e->data == NULL) {
		uy_free(e->name);
		uy_free(e->data);
		memset(e, 0, sizeof(*e));
		return UY_ERR_NOMEM;
	}
	if (len > 0) {
		memcpy(e->data, data, len);
	}
	e->len = len;
	e->method = method;
	p->n++;
	return UY_OK;
}

/* see vg.h */
uy_err
vg_pkg_load(vg_pkg *p, const char *path)
{
	uy_err rc = UY_OK;
	int zerr = 0;
	zip_t *za = NULL;
	zip_file_t *zf = NULL;
	uint8_t *buf = NULL;

	memset(p, 0, sizeof(*p));
	za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (za == NULL) {
		rc = UY_ERROR(UY_ERR_IO, "cannot open ZIP %s (libzip error %d)", path, zerr);
		goto done;
	}
	zip_int64_t n = zip_get_num_entries(za, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		zip_stat_init(&st);
		UY_ENSURE_OUT(zip_stat_index(za, (zip_uint64_t)i, 0, &st) == 0, UY_ERR_IO);
		buf = uy_alloc((size_t)st.size);
		UY_ENSURE_OUT(buf != NULL, UY_ERR_NOMEM);
		zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
		UY_ENSURE_OUT(zf != NULL, UY_ERR_IO);
		UY_ENSURE_OUT(zip_fread(zf, buf, st.size) == (zip_int64_t)st.size, UY_ERR_IO);
		zip_fclose(zf);
		zf = NULL;
		UY_TRY_OUT(vg_append(p, st.name, buf, (size_t)st.size, st.comp_method));
		uy_free(buf);
		buf = NULL;
	}
done:
	uy_free(buf);
	if (zf != NULL) {
		zip_fclose(zf);
	}
	if (za != NULL) {
		zip_discard(za);
	}
	if (rc != UY_OK) {
		vg_pkg_dispose(p);
	}
	return rc;
}

/* see vg.h */
uy_err
vg_pkg_copy(vg_pkg *dst, const vg_pkg *src)
{
	memset(dst, 0, sizeof(*dst));
	for (size_t i = 0; i < src->n; i++) {
		uy_err rc = vg_append(dst, src->e[i].name, src->e[i].data, src->e[i].len,
		    src->e[i].method);
		if (rc != UY_OK) {
			vg_pkg_dispose(dst);
			return rc;
		}
		dst->e[dst->n - 1].zeros = src->e[i].zeros;
		dst->e[dst->n - 1].flags = src->e[i].flags;
	}
	return UY_OK;
}

/* Skip one leading '/' (OPC part name vs ZIP entry name). */
static const char *
zip_bare(const char *name)
{
	return name[0] == '/' ? name + 1 : name;
}

/* see vg.h */
vg_entry *
vg_find(const vg_pkg *p, const char *name)
{
	const char *want = zip_bare(name);

	for (size_t i = 0; i < p->n; i++) {
		if (strcasecmp(zip_bare(p->e[i].name), want) == 0) {
			return &p->e[i];
		}
	}
	return NULL;
}

/* see vg.h */
vg_entry *
vg_find_exact(const vg_pkg *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++) {
		if (strcmp(p->e[i].name, name) == 0) {
			return &p->e[i];
		}
	}
	return NULL;
}

/* The reference writers store .rels, [Content_Types].xml and .psmdcp (spec §15.1). */
static uint16_t
zip_default_method(const char *name)
{
	size_t n = strlen(name);
	static const char *stored[] = {".rels", "[Content_Types].xml", ".psmdcp"};

	for (size_t i = 0; i < sizeof(stored) / sizeof(stored[0]); i++) {
		size_t k = strlen(stored[i]);
		if (n >= k && strcasecmp(name + n - k, stored[i]) == 0) {
			return ZIP_CM_STORE;
		}
	}
	return ZIP_CM_DEFLATE;
}

/* see vg.h */
uy_err
vg_set(vg_pkg *p, const char *name, const void *data, size_t len)
{
	vg_entry *e = vg_find(p, name);

	if (e == NULL) {
		return vg_append(p, zip_bare(name), data, len, zip_default_method(name));
	}
	uint8_t *nd = uy_alloc(len);
	UY_ENSURE(nd != NULL, UY_ERR_NOMEM);
	if (len > 0) {
		memcpy(nd, data, len);
	}
	uy_free(e->data);
	e->data = nd;
	e->len = len;
	e->zeros = 0;
	return UY_OK;
}

/* see vg.h */
uy_err
vg_remove(vg_pkg *p, const char *name)
{
	vg_entry *e = vg_find(p, name);

	if (e == NULL) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "no part %s to remove", name);
	}
	size_t i = (size_t)(e - p->e);
	uy_free(e->name);
	uy_free(e->data);
	memmove(&p->e[i], &p->e[i + 1], (p->n - i - 1) * sizeof(*e));
	p->n--;
	memset(&p->e[p->n], 0, sizeof(*e));
	return UY_OK;
}

/* see vg.h */
uy_err
vg_rename(vg_pkg *p, const char *old_name, const char *new_name)
{
	vg_entry *e = vg_find(p, old_name);

	if (e == NULL) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "no part %s to rename", old_name);
	}
	char *nn = uy_strdup(zip_bare(new_name));
	UY_ENSURE(nn != NULL, UY_ERR_NOMEM);
	uy_free(e->name);
	e->name = nn;
	return UY_OK;
}

/* First occurrence of needle (length nl) in hay (length hl) from offset, or -1. */
static long
zip_memfind(const uint8_t *hay, size_t hl, size_t from, const char *needle, size_t nl)
{
	if (nl == 0 || hl < nl) {
		return -1;
	}
	for (size_t i = from; i + nl <= hl; i++) {
		if (memcmp(hay + i, needle, nl) == 0) {
			return (long)i;
		}
	}
	return -1;
}

/* see vg.h */
uy_err
vg_replace(vg_pkg *p, const char *name, const char *from, const char *to, int all)
{
	uy_err rc = UY_OK;
	vg_entry *e = vg_find(p, name);
	size_t fl = strlen(from);
	size_t tl = strlen(to);
	size_t count = 0;
	uint8_t *out = NULL;

	if (e == NULL) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "no part %s to edit", name);
	}
	/* Upper bound: every byte starts a match. */
	size_t cap = e->len + (tl > fl ? (e->len / (fl ? fl : 1) + 1) * (tl - fl) : 0) + 1;
	out = uy_alloc(cap);
	UY_ENSURE_OUT(out != NULL, UY_ERR_NOMEM);
	size_t o = 0;
	size_t i = 0;
	while (i < e->len) {
		long at = (all || count == 0) ? zip_memfind(e->data, e->len, i, from, fl) : -1;
		if (at < 0) {
			memcpy(out + o, e->data + i, e->len - i);
			o += e->len - i;
			break;
		}
		memcpy(out + o, e->data + i, (size_t)at - i);
		o += (size_t)at - i;
		memcpy(out + o, to, tl);
		o += tl;
		i = (size_t)at + fl;
		count++;
	}
	if (count == 0) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND, "'%s' not found in %s", from, name);
		goto done;
	}
	uy_free(e->data);
	e->data = out;
	e->len = o;
	out = NULL;
done:
	uy_free(out);
	return rc;
}

/* ---- libzip writer ---- */

/* State of a zero-producing libzip source. */
typedef struct {
	uint64_t total;
	uint64_t pos;
} zip_zeros;

/* zip_source_function callback producing `total` zero bytes, so a 300 MiB
 * entry never exists in memory. */
static zip_int64_t
zip_zeros_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	zip_zeros *z = ud;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		z->pos = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		uint64_t left = z->total - z->pos;
		uint64_t n = len < left ? len : left;
		memset(data, 0, (size_t)n);
		z->pos += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->size = z->total;
		st->mtime = VG_MTIME;
		st->valid |= ZIP_STAT_SIZE | ZIP_STAT_MTIME;
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR:
		return 2 * (zip_int64_t)sizeof(int);
	case ZIP_SOURCE_FREE:
		uy_free(z);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
		    ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		return -1;
	}
}

/* see vg.h */
uy_err
vg_write_zip(const vg_pkg *p, const char *path)
{
	uy_err rc = UY_OK;
	int zerr = 0;
	zip_t *za = NULL;

	(void)remove(path);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (za == NULL) {
		return UY_ERROR(UY_ERR_IO, "cannot create %s (libzip error %d)", path, zerr);
	}
	for (size_t i = 0; i < p->n; i++) {
		const vg_entry *e = &p->e[i];
		zip_source_t *src = NULL;
		if (e->zeros > 0) {
			zip_zeros *z = uy_alloc(sizeof(*z));
			UY_ENSURE_OUT(z != NULL, UY_ERR_NOMEM);
			z->total = e->zeros;
			src = zip_source_function(za, zip_zeros_cb, z);
			if (src == NULL) {
				uy_free(z);
			}
		} else {
			src = zip_source_buffer(za, e->data, e->len, 0);
		}
		if (src == NULL) {
			rc = UY_ERROR(UY_ERR_IO, "libzip source for %s: %s", e->name, zip_strerror(za));
			goto done;
		}
		zip_int64_t idx = zip_file_add(za, e->name, src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zip_source_free(src);
			rc = UY_ERROR(UY_ERR_IO, "libzip add %s: %s", e->name, zip_strerror(za));
			goto done;
		}
		/* Level 9 for generated zeros: about 1030:1, a real bomb's ratio. */
		zip_uint32_t level = e->zeros > 0 ? 9 : 6;
		if (zip_set_file_compression(za, (zip_uint64_t)idx,
		        e->method == ZIP_CM_STORE ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
		        e->method == ZIP_CM_STORE ? 0 : level) != 0 ||
		    zip_file_set_mtime(za, (zip_uint64_t)idx, VG_MTIME, 0) != 0) {
			rc = UY_ERROR(UY_ERR_IO, "libzip settings for %s: %s", e->name, zip_strerror(za));
			goto done;
		}
	}
	if (zip_close(za) != 0) {
		rc = UY_ERROR(UY_ERR_IO, "cannot write %s: %s", path, zip_strerror(za));
		goto done;
	}
	za = NULL;
done:
	if (za != NULL) {
		zip_discard(za);
	}
	return rc;
}

/* ---- raw writer ---- */

static uint32_t zip_crc_table[256];
static int zip_crc_ready;

/* Reflected CRC-32 table, polynomial 0xEDB88320 (APPNOTE.TXT §4.4.7). */
static void
zip_crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++) {
			c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		}
		zip_crc_table[i] = c;
	}
	zip_crc_ready = 1;
}

/* see vg.h */
uint32_t
vg_crc32(uint32_t crc, const uint8_t *p, size_t n)
{
	if (!zip_crc_ready) {
		zip_crc_init();
	}
	crc = ~crc;
	for (size_t i = 0; i < n; i++) {
		crc = zip_crc_table[(crc ^ p[i]) & 0xffu] ^ (crc >> 8);
	}
	return ~crc;
}

/* Traditional PKWARE encryption keys (APPNOTE.TXT §6.1). */
typedef struct {
	uint32_t k0, k1, k2;
} zip_crypt;

static uint32_t
zip_crc_byte(uint32_t crc, uint8_t b)
{
	if (!zip_crc_ready) {
		zip_crc_init();
	}
	return zip_crc_table[(crc ^ b) & 0xffu] ^ (crc >> 8);
}

static void
zip_crypt_update(zip_crypt *c, uint8_t b)
{
	c->k0 = zip_crc_byte(c->k0, b);
	c->k1 = (c->k1 + (c->k0 & 0xffu)) * 134775813u + 1u;
	c->k2 = zip_crc_byte(c->k2, (uint8_t)(c->k1 >> 24));
}

static uint8_t
zip_crypt_byte(zip_crypt *c, uint8_t plain)
{
	uint16_t t = (uint16_t)((c->k2 | 2u) & 0xffffu);
	uint8_t k = (uint8_t)(((uint32_t)t * (t ^ 1u)) >> 8);
	zip_crypt_update(c, plain);
	return plain ^ k;
}

/* Little-endian appends into a uy_buf-like growable array. */
typedef struct {
	uint8_t *p;
	size_t n;
	size_t alloc;
} zip_out;

static uy_err
zip_put(zip_out *o, const void *d, size_t n)
{
	if (o->n + n > o->alloc) {
		size_t na = o->alloc == 0 ? 65536 : o->alloc;
		while (na < o->n + n) {
			na *= 2;
		}
		uint8_t *np = uy_realloc(o->p, na);
		UY_ENSURE(np != NULL, UY_ERR_NOMEM);
		o->p = np;
		o->alloc = na;
	}
	if (n > 0) {
		memcpy(o->p + o->n, d, n);
	}
	o->n += n;
	return UY_OK;
}

static uy_err
zip_u16(zip_out *o, uint16_t v)
{
	uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
	return zip_put(o, b, 2);
}

static uy_err
zip_u32(zip_out *o, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
	return zip_put(o, b, 4);
}

/* One local header + data; records what the central directory needs. */
typedef struct {
	uint32_t crc;
	uint32_t csize;
	uint32_t usize;
	uint32_t offset;
	uint16_t flags;
	uint16_t method;
} zip_cd_info;

static uy_err
zip_raw_entry(zip_out *o, const vg_entry *e, zip_cd_info *ci)
{
	uy_err rc = UY_OK;
	uint8_t *enc = NULL;
	uint16_t nlen = (uint16_t)strlen(e->name);

	ci->crc = vg_crc32(0, e->data, e->len);
	ci->usize = (uint32_t)e->len;
	ci->csize = (uint32_t)e->len;
	ci->offset = (uint32_t)o->n;
	ci->flags = 0x0800u; /* UTF-8 names */
	/* The raw writer never compresses: Deflate entries become Stored; any
	 * other method is written as claimed (a method-12 vector). */
	ci->method = (e->method == 8 || e->method == 0) ? 0 : e->method;
	if (e->flags & VG_E_ENCRYPT) {
		/* 12-byte header (fixed, so output is reproducible), last byte =
		 * CRC high byte as the check value. */
		zip_crypt c = {0x12345678u, 0x23456789u, 0x34567890u};
		const char *pw = VG_ZIP_PASSWORD;
		for (const char *q = pw; *q != '\0'; q++) {
			zip_crypt_update(&c, (uint8_t)*q);
		}
		enc = uy_alloc(e->len + 12);
		UY_ENSURE_OUT(enc != NULL, UY_ERR_NOMEM);
		for (int i = 0; i < 11; i++) {
			enc[i] = zip_crypt_byte(&c, (uint8_t)(0x5a + i));
		}
		enc[11] = zip_crypt_byte(&c, (uint8_t)(ci->crc >> 24));
		for (size_t i = 0; i < e->len; i++) {
			enc[12 + i] = zip_crypt_byte(&c, e->data[i]);
		}
		ci->csize = (uint32_t)e->len + 12;
		ci->flags |= 0x0001u;
	}
	if (e->flags & VG_E_BAD_CRC) {
		ci->crc ^= 0xA5A5A5A5u;
	}
	UY_TRY_OUT(zip_u32(o, 0x04034b50u));
	UY_TRY_OUT(zip_u16(o, 20));
	UY_TRY_OUT(zip_u16(o, ci->flags));
	UY_TRY_OUT(zip_u16(o, ci->method));
	UY_TRY_OUT(zip_u16(o, VG_DOS_TIME));
	UY_TRY_OUT(zip_u16(o, VG_DOS_DATE));
	UY_TRY_OUT(zip_u32(o, ci->crc));
	UY_TRY_OUT(zip_u32(o, ci->csize));
	UY_TRY_OUT(zip_u32(o, ci->usize));
	UY_TRY_OUT(zip_u16(o, nlen));
	UY_TRY_OUT(zip_u16(o, 0));
	UY_TRY_OUT(zip_put(o, e->name, nlen));
	if (enc != NULL) {
		UY_TRY_OUT(zip_put(o, enc, ci->csize));
	} else {
		UY_TRY_OUT(zip_put(o, e->data, e->len));
	}
done:
	uy_free(enc);
	return rc;
}

/* see vg.h */
uy_err
vg_write_raw(const vg_pkg *p, const char *path)
{
	uy_err rc = UY_OK;
	zip_out o = {NULL, 0, 0};
	zip_cd_info *ci = NULL;

	ci = uy_calloc(p->n ? p->n : 1, sizeof(*ci));
	UY_ENSURE_OUT(ci != NULL, UY_ERR_NOMEM);
	for (size_t i = 0; i < p->n; i++) {
		if (p->e[i].zeros > 0) {
			rc = UY_ERROR(UY_ERR_USAGE, "raw writer cannot make zero entries (%s)", p->e[i].name);
			goto done;
		}
		UY_TRY_OUT(zip_raw_entry(&o, &p->e[i], &ci[i]));
	}
	uint32_t cd_start = (uint32_t)o.n;
	for (size_t i = 0; i < p->n; i++) {
		const vg_entry *e = &p->e[i];
		uint16_t nlen = (uint16_t)strlen(e->name);
		UY_TRY_OUT(zip_u32(&o, 0x02014b50u));
		UY_TRY_OUT(zip_u16(&o, 20));
		UY_TRY_OUT(zip_u16(&o, 20));
		UY_TRY_OUT(zip_u16(&o, ci[i].flags));
		UY_TRY_OUT(zip_u16(&o, ci[i].method));
		UY_TRY_OUT(zip_u16(&o, VG_DOS_TIME));
		UY_TRY_OUT(zip_u16(&o, VG_DOS_DATE));
		UY_TRY_OUT(zip_u32(&o, ci[i].crc));
		UY_TRY_OUT(zip_u32(&o, ci[i].csize));
		UY_TRY_OUT(zip_u32(&o, ci[i].usize));
		UY_TRY_OUT(zip_u16(&o, nlen));
		UY_TRY_OUT(zip_u16(&o, 0)); /* extra */
		UY_TRY_OUT(zip_u16(&o, 0)); /* comment */
		UY_TRY_OUT(zip_u16(&o, 0)); /* disk */
		UY_TRY_OUT(zip_u16(&o, 0)); /* internal attributes */
		UY_TRY_OUT(zip_u32(&o, 0)); /* external attributes */
		UY_TRY_OUT(zip_u32(&o, ci[i].offset));
		UY_TRY_OUT(zip_put(&o, e->name, nlen));
	}
	uint32_t cd_size = (uint32_t)o.n - cd_start;
	uint16_t count = (uint16_t)(p->n > 0xffff ? 0xffff : p->n);
	UY_TRY_OUT(zip_u32(&o, 0x06054b50u));
	UY_TRY_OUT(zip_u16(&o, 0));
	UY_TRY_OUT(zip_u16(&o, 0));
	UY_TRY_OUT(zip_u16(&o, count));
	UY_TRY_OUT(zip_u16(&o, count));
	UY_TRY_OUT(zip_u32(&o, cd_size));
	UY_TRY_OUT(zip_u32(&o, cd_start));
	UY_TRY_OUT(zip_u16(&o, 0));
	UY_TRY_OUT(vg_write_file(path, o.p, o.n));
done:
	uy_free(ci);
	uy_free(o.p);
	return rc;
}

/* see vg.h */
uy_err
vg_read_file(const char *path, uint8_t **out, size_t *len_out)
{
	uy_err rc = UY_OK;
	FILE *f = NULL;
	uint8_t *buf = NULL;
	size_t n = 0;
	size_t alloc = 0;

	*out = NULL;
	*len_out = 0;
	f = fopen(path, "rb");
	if (f == NULL) {
		return UY_ERROR(UY_ERR_IO, "cannot open %s: %s", path, strerror(errno));
	}
	for (;;) {
		if (n == alloc) {
			size_t na = alloc == 0 ? 65536 : alloc * 2;
			uint8_t *nb = uy_realloc(buf, na);
			UY_ENSURE_OUT(nb != NULL, UY_ERR_NOMEM);
			buf = nb;
			alloc = na;
		}
		size_t r = fread(buf + n, 1, alloc - n, f);
		n += r;
		if (r == 0) {
			break;
		}
	}
	if (ferror(f)) {
		rc = UY_ERROR(UY_ERR_IO, "cannot read %s", path);
		goto done;
	}
	*out = buf;
	*len_out = n;
	buf = NULL; /* now owned by caller */
done:
	uy_free(buf);
	fclose(f);
	return rc;
}

/* see vg.h */
uy_err
vg_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		return UY_ERROR(UY_ERR_IO, "cannot create %s: %s", path, strerror(errno));
	}
	size_t w = len > 0 ? fwrite(data, 1, len, f) : 0;
	int cr = fclose(f);
	if (w != len || cr != 0) {
		return UY_ERROR(UY_ERR_IO, "cannot write %s", path);
	}
	return UY_OK;
}
